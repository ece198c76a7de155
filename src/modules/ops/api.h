#pragma once
// Operations endpoints: /healthz (process up), /readyz (database reachable and schema current),
// /metrics (Prometheus text; only for allowed addresses or a bearer token, issue 15 §8).
#include "core/app/module.h"

namespace tinhso::ops {

app::Module module();

}  // namespace tinhso::ops
