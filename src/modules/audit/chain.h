#pragma once
// The audit chain's pure parts (no I/O): the canonical form of a record, the unkeyed hash chain,
// the keyed MAC over each record, and the anchor lines written outside the database.
//
// hash(n) = BLAKE2b-256(hash(n-1) "\n" canonical(n)), hash(0) = 64 zeros: anyone can recompute it,
// so it only shows edits made by someone who did not also recompute the chain.
// mac(n)  = BLAKE2b-256 keyed with the audit key (never in the database) over
//           "tinhso-audit-mac-v1\n" hash(n): since hash(n) covers every record up to n, a valid
//           mac(n) vouches for records 1..n. Someone with write access to the database but not the
//           key cannot produce it (ASVS 5.0 V16.4.2).
// Records written before the key existed (issue 12 §9 migration) have no MAC; they may only form a
// prefix of the chain, and they are vouched for by the first keyed record after them (whose hash
// covers them) and by the anchors.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/crypto/sealed.h"

namespace tinhso::audit {

inline constexpr std::size_t kAuditKeyBytes = 32;

struct ChainRecord {
  std::int64_t seq = 0;
  std::string at;
  std::optional<std::int64_t> actor_id;
  std::string actor_name, role, address, action, object_type, object_id, before, after, request_id;
};

// The canonical form the hash covers: a JSON array in a fixed field order.
std::string canonical(const ChainRecord& r);
// hex BLAKE2b-256 of prev "\n" canon.
std::string chain_hash(const std::string& prev, const std::string& canon);
// hex keyed BLAKE2b-256 of the record's chain hash; `key` is kAuditKeyBytes long.
std::string record_mac(const crypto::SecretBytes& key, const std::string& hash);
// Constant-time comparison of two hex MACs.
bool same_mac(std::string_view a, std::string_view b);

// The chain head as written outside the database: one line per anchor, appended.
//   tinhso-audit-anchor v1 AT CHAIN SEQ HASH MAC
// CHAIN names the database (chain_label), so one file can hold several databases' anchors; MAC is
// "-" when the head record has none (a chain not yet keyed).
struct Anchor {
  std::string at, chain;
  std::int64_t seq = 0;
  std::string hash, mac;
};
std::string format_anchor(const Anchor& a);
// nullopt for a line that is not an anchor (comments, blank, damaged lines).
std::optional<Anchor> parse_anchor(std::string_view line);
// A stable name of the database behind `db_url`, without credentials: the hex BLAKE2b-128 of
// "sqlite:" + the absolute file path, or of the PostgreSQL URL without user info and query.
std::string chain_label(const std::string& db_url);

}  // namespace tinhso::audit
