#include "modules/site/permissions.h"

namespace tinhso::site::permissions {

bool csrf_token(Route r) {
  switch (r) {
    case Route::language_switch: return false;
    case Route::home:
    case Route::about:
    case Route::static_file:
    case Route::api_description: break;
  }
  return true;
}

}  // namespace tinhso::site::permissions
