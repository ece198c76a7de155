// The petitions module (issue 6, in progress): so far its schema, store, rules and transition
// table; its pages, Open311 and background work come with the rest of issue 6.
#include "modules/petitions/api.h"

namespace tinhso::petitions {

app::Module module() {
  app::Module m;
  m.name = "petitions";
  return m;
}

}  // namespace tinhso::petitions
