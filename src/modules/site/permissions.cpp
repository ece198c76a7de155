#include "modules/site/permissions.h"

namespace tinhso::site::permissions {

bool csrf_token(Route r) {
  switch (r) {
    case Route::language_switch: return false;
    case Route::home:
    case Route::about:
    case Route::static_file:
    case Route::api_description:
    case Route::design:
    case Route::admin_index: break;
  }
  return true;
}

bool may_view_design(const auth::Principal& who) { return who.is_staff(); }

bool may_view_admin_index(const auth::Principal& who) { return who.has(auth::Role::administrator); }

}  // namespace tinhso::site::permissions
