#pragma once
// Operations endpoints: /healthz (process up), /readyz (database reachable and schema current),
// /metrics (Prometheus text).
#include "core/app/module.h"

namespace tinhso::ops {

app::Module module();

}  // namespace tinhso::ops
