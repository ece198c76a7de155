#include "modules/audit/api.h"
#include "modules/audit/handlers.h"

namespace tinhso::audit {

app::Module module() { return {"audit", add_routes, {}, {}, {}}; }

}  // namespace tinhso::audit
