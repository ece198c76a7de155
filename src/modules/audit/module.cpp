#include "modules/audit/api.h"
#include "modules/audit/handlers.h"
#include "modules/audit/jobs.h"

namespace tinhso::audit {

app::Module module() { return {"audit", add_routes, {}, start_jobs, {}, stop_jobs}; }

}  // namespace tinhso::audit
