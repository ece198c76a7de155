#pragma once
// The follow-up key of a petition sent without an account (issue 14 §6): shown once to the
// person on the confirmation page, stored only as a hash bound to the petition's code, asked
// with the code by the public look-up (lookup_pages.cpp). 16 characters of Crockford's base32
// (80 random bits: far beyond guessing within the look-up's limits), shown in groups of four.
#include <string>
#include <string_view>

namespace tinhso::petitions {

// A new random key, "XXXX-XXXX-XXXX-XXXX" (no I, L, O or U).
std::string new_lookup_key();

// The key as typed, reduced to its 16 characters: case, spaces and hyphens ignored, the letters
// O, I and L read as 0, 1 and 1 (Crockford); "" when what is left is not 16 key characters.
std::string normalize_lookup_key(std::string_view typed);

// What is stored for `key` (as typed) of the petition `code`: lower-case hex SHA-256 of the code
// and the normalised key; "" when `key` does not normalise.
std::string lookup_key_hash(std::string_view code, std::string_view key);

// Whether `key` (as typed) is the key of petition `code` whose stored hash is `stored` ("" =
// the petition has no key: never). Compares in constant time; a caller without a petition passes
// an empty `stored` and pays the same hashing.
bool lookup_key_matches(std::string_view stored, std::string_view code, std::string_view key);

}  // namespace tinhso::petitions
