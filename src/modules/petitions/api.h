#pragma once
// What other modules and the registry may use of the petitions module.
#include "core/app/module.h"

namespace tinhso::petitions {

app::Module module();

}  // namespace tinhso::petitions
