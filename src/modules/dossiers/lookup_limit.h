#pragma once
// The public look-up's guessing limits (issue 12 finding 8; OWASP ASVS 5.0 V2.4.1, V6.3.1). A
// look-up needs a dossier's code and a 4-digit key, so guessing must stay bounded — without
// letting anyone lock a citizen out of their own look-up by failing on purpose from elsewhere.
// Failures are counted in the database over a sliding window, per client address bucket
// (http::address_bucket: an IPv4 address, or an IPv6 client's /64):
//   * per (code, bucket): 10 — the usual limit, which touches only the address that failed;
//   * per bucket, any code: 100 — one address cannot sweep many codes;
//   * per code, every address: 50 — applied only to buckets that have themselves failed on that
//     code in the window, so a distributed guesser gets one try per new bucket once the code has
//     drawn 50 failures, while a bucket that never failed (the citizen's phone) is never refused.
// So a window allows at most 50 + (number of distinct buckets) wrong keys on one code, out of
// 10,000 keys; the right key still works from every address that has not failed on it.
namespace tinhso::dossiers {

struct LookupCounts {
  long long pair = 0;    // failures of this bucket on this code
  long long bucket = 0;  // failures of this bucket on any code
  long long code = 0;    // failures on this code from every bucket
};

struct LookupLimits {
  long long per_pair = 10;
  long long per_bucket = 100;
  long long per_code = 50;
};

// True when the look-up is refused (429) before the key is compared.
constexpr bool lookup_limited(const LookupCounts& c, const LookupLimits& l = {}) {
  return c.pair >= l.per_pair || c.bucket >= l.per_bucket || (c.pair > 0 && c.code >= l.per_code);
}

}  // namespace tinhso::dossiers
