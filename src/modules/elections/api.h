#pragma once
// The elections module (issue 19): the constituency tally by Law 85/2015/QH13 as amended by Law
// 83/2025/QH15, Art. 78–80 (tally.h), and `tinhso election tally FILE` (cli.h).
#include "core/app/module.h"

namespace tinhso::elections {

app::Module module();

}  // namespace tinhso::elections
