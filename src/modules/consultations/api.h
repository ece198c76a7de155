#pragma once
// The consultations module (issue 18): public consultation on draft policies and legal documents —
// the draft by article, comments from citizens and organisations, policy questions, moderation,
// the drafting agency's answer to each comment and the published summary report ("bản tổng hợp,
// tiếp thu, giải trình ý kiến góp ý"; ../shared/domain/LEADERS.md §4).
#include "core/app/module.h"

namespace tinhso::consultations {

app::Module module();

}  // namespace tinhso::consultations
