#include "modules/audit/api.h"

namespace tinhso::audit {

app::Module module() { return {"audit", {}, {}, {}, {}}; }

}  // namespace tinhso::audit
