// Prints the Cookie header of a fresh, fully signed-in session (password, then TOTP enrolment for
// staff: tests/lib/totp.mjs), for the scanners. node session.mjs BASE EMAIL PASSWORD
import { signInFully } from '../lib/totp.mjs';

const [base, email, password] = process.argv.slice(2);
const a = await signInFully(base, email, password);
process.stdout.write([...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ') + '\n');
