#pragma once
#include "core/auth/principal.h"
// Who may use the site module's routes. All but one are public — the home and About pages,
// the language switch, static assets and the API description — and ask for no session; the
// design-system page (/design) is for staff, who build and review pages, and the administration
// index (/admin) for administrators. The
// language switch changes only the visitor's language cookie: it takes no CSRF token (a
// cross-site POST is still refused by the same-origin check, core/web), so a visitor can switch
// before any form has given them one.

namespace tinhso::site::permissions {

enum class Route { home, about, language_switch, static_file, api_description, design, admin_index };
inline constexpr Route kAllRoutes[] = {Route::home,        Route::about,           Route::language_switch,
                                      Route::static_file, Route::api_description, Route::design,
                                      Route::admin_index};

// /design: any staff role (an account holding a role other than citizen).
bool may_view_design(const auth::Principal& who);
// /admin, the index of the administration areas: administrators.
bool may_view_admin_index(const auth::Principal& who);

// Whether a state-changing request to `r` must echo the session's CSRF token
// (http::RouteOptions::csrf).
bool csrf_token(Route r);

}  // namespace tinhso::site::permissions
