#pragma once
// Who may use the site module's routes. Every one of them is public — the home and About pages,
// the language switch, static assets and the API description — so none asks for a session. The
// language switch changes only the visitor's language cookie: it takes no CSRF token (a
// cross-site POST is still refused by the same-origin check, core/web), so a visitor can switch
// before any form has given them one.

namespace tinhso::site::permissions {

enum class Route { home, about, language_switch, static_file, api_description };
inline constexpr Route kAllRoutes[] = {Route::home, Route::about, Route::language_switch, Route::static_file,
                                      Route::api_description};

// Whether a state-changing request to `r` must echo the session's CSRF token
// (http::RouteOptions::csrf).
bool csrf_token(Route r);

}  // namespace tinhso::site::permissions
