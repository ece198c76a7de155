#pragma once
// The second-factor pages: /account/2fa (the code after the password) and /account/2fa/setup.
#include "core/app/module.h"

namespace tinhso::mfa {

void add_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::mfa
