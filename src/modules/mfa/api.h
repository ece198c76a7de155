#pragma once
// Two-factor sign-in with TOTP (RFC 6238) for the roles that require it
// (auth::role_requires_second_factor): enrolment with a QR code, a code check after the
// password, and ten single-use recovery codes.
#include "core/app/module.h"

namespace tinhso::mfa {

app::Module module();

}  // namespace tinhso::mfa
