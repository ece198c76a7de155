#include "modules/mfa/api.h"
#include "modules/mfa/handlers.h"

namespace tinhso::mfa {

app::Module module() {
  app::Module m;
  m.name = "mfa";
  m.add_routes = add_routes;
  return m;
}

}  // namespace tinhso::mfa
