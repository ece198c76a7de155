#pragma once
// The identity module's command line (docs/OPERATIONS.md §8: the first administrator of a new
// database; ASVS 6.4: no default accounts — the operator makes one, with a password of their own):
//   tinhso accounts create-admin --db URL --email E --name "N"   (the password on standard input)
// Reads one line from stdin as the password (the policy of sign-up: 12–128 characters, not a
// common password), creates an active staff account with the administrator role and no agency,
// and writes one audit record (actor cli:accounts). Exit 0 done; 2 bad input (a taken e-mail, a
// weak password, a schema that is not current); 1 a database failure. Prints nothing secret.
#include "core/app/module.h"

namespace tinhso::identity {

void add_commands(app::Commands& commands, app::Settings& settings);

}  // namespace tinhso::identity
