#include "modules/open311/intake.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/crypto/random.h"
#include "core/auth/clock.h"
#include "core/util/periodic.h"
#include "modules/audit/api.h"
#include "modules/open311/format.h"
#include "modules/petitions/api.h"

namespace tinhso::open311 {

namespace {

constexpr std::size_t kMaxSubjectBytes = 300;  // petitions' subject cap
constexpr int kIntakeBatch = 200;
constexpr std::chrono::seconds kPrunePeriod{600};

// `s` cut to at most `max` bytes at a UTF-8 character boundary.
std::string cut(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string place_of(const ReportRecord& r) {
  if (!r.address.empty()) return r.address;
  if (r.lat && r.lon) return format_number(*r.lat) + ", " + format_number(*r.lon);
  return r.address_id;
}

}  // namespace

petitions::Petition petition_of(const ServiceRecord& service, const std::vector<AttributeRecord>& attributes,
                                const ReportRecord& r) {
  petitions::Petition p;
  p.kind = petitions::Kind::feedback;
  p.channel = petitions::Channel::open311;
  std::string place = place_of(r);
  p.subject = cut(service.name_vi + (place.empty() ? "" : " — " + place), kMaxSubjectBytes);
  std::string content = r.description.empty() ? service.name_vi : r.description;
  // The answers, stored as JSON {"code": ["value", ...]}, shown with the questions' and values'
  // Vietnamese names.
  auto answers = nlohmann::json::parse(r.attributes.empty() ? "{}" : r.attributes, nullptr, false);
  if (answers.is_object()) {
    for (const auto& a : attributes) {
      auto it = answers.find(a.code);
      if (it == answers.end() || !it->is_array()) continue;
      std::string shown;
      for (const auto& v : *it) {
        if (!v.is_string()) continue;
        std::string value = v.get<std::string>();
        for (const auto& opt : a.values)
          if (opt.key == value) value = opt.name_vi;
        shown += (shown.empty() ? "" : ", ") + value;
      }
      content += "\n" + a.description_vi + ": " + shown;
    }
  }
  if (!r.address.empty()) content += "\nĐịa chỉ: " + r.address;
  if (r.lat && r.lon) content += "\nVị trí: " + format_number(*r.lat) + ", " + format_number(*r.lon);
  if (!r.address_id.empty()) content += "\nMã địa chỉ: " + r.address_id;
  if (!r.media_url.empty()) content += "\nẢnh: " + r.media_url;
  p.content = content;
  p.category = service.code;
  p.agency_id = service.agency_id;
  std::string name = r.first_name + (r.first_name.empty() || r.last_name.empty() ? "" : " ") + r.last_name;
  std::string contact = r.email + (r.email.empty() || r.phone.empty() ? "" : "; ") + r.phone;
  p.filer_name = name;
  p.filer_contact = contact;
  p.anonymous = name.empty();
  p.received_at = r.requested_at;
  return p;
}

std::optional<petitions::Petition> make_case(soci::session& s, app::Context& ctx, const audit::Recorder& rec,
                                             const ServiceRecord& service, const ReportRecord& report) {
  auto attributes = service_attributes(s, service.id);
  petitions::ReceiveInput in;
  in.petition = petition_of(service, attributes, report);
  in.role = "open311";
  auto petition = petitions::with_env(ctx, s, rec, [&](const petitions::Env& env) {
    return petitions::receive(env, std::move(in)).petition;
  });
  if (!attach_petition(s, report.id, petition.id)) return std::nullopt;
  return petition;
}

namespace {
std::string attributes_json(const NewRequest& r) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& a : r.attributes) j[a.code] = a.values;
  return j.dump();
}
}  // namespace

Filed file_report(soci::session& s, app::Context& ctx, const audit::Recorder& rec, const ServiceRecord& service,
                  const NewRequest& n, std::int64_t api_key_id, const std::string& requested_at) {
  ReportRecord r;
  r.token = random_token();
  r.service_id = service.id;
  r.api_key_id = api_key_id;
  r.lat = n.lat;
  r.lon = n.lon;
  r.address = n.address_string;
  r.address_id = n.address_id;
  r.media_url = n.media_url;
  r.device_id = n.device_id;
  r.account_id = n.account_id;
  r.description = n.description;
  r.attributes = attributes_json(n);
  r.first_name = n.first_name;
  r.last_name = n.last_name;
  r.email = n.email;
  r.phone = n.phone;
  r.requested_at = requested_at;
  const bool queued = service.type == ServiceType::batch;
  r.id = insert_report(s, r);
  rec(s, {"open311.report", "open311_report", std::to_string(r.id), "",
          "service " + service.code + " key " + std::to_string(api_key_id) + (queued ? " queued" : "")});
  Filed out{r.id, r.token, std::nullopt};
  if (queued) return out;
  out.petition = make_case(s, ctx, rec, service, r);
  if (!out.petition) throw std::logic_error("a new report was linked twice");
  return out;
}

int run_intake_pass(app::Context& ctx) {
  // The POST counts of past days are of no more use (rate limits count this minute only); pruned
  // at most every kPrunePeriod per node, so an idle node does not write every pass.
  static std::atomic<std::int64_t> last_prune{0};
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.now().time_since_epoch()).count();
  if (now_s - last_prune.load() >= kPrunePeriod.count()) {
    last_prune = now_s;
    ctx.db.transaction([&](soci::session& s) {
      prune_key_usage(s, auth::iso_utc(ctx.clock.now() - std::chrono::hours(24)).substr(0, 16));
    });
  }
  int made = 0;
  const audit::Recorder job = audit::for_system(ctx.db.dialect(), ctx.clock, "open311");
  for (;;) {
    auto queued = ctx.db.with_session([](soci::session& s) { return pending_reports(s, kIntakeBatch); });
    for (const auto& report : queued) {
      struct Lost {};
      try {
        ctx.db.transaction([&](soci::session& s) {
          auto service = find_service_by_id(s, report.service_id);
          if (!service) throw Lost{};
          if (!make_case(s, ctx, job, *service, report)) throw Lost{};  // rolls back
        });
        ++made;
      } catch (const Lost&) {
      }
    }
    if (static_cast<int>(queued.size()) < kIntakeBatch) break;
  }
  if (made) spdlog::info("open311: {} queued reports became petitions", made);
  return made;
}

namespace {
std::mutex intake_mu;
std::unique_ptr<util::Periodic> intake;
}  // namespace

void start_intake(app::Context& ctx) {
  std::lock_guard lock(intake_mu);
  if (!intake) intake = std::make_unique<util::Periodic>("open311 intake", kIntakePeriod, [&ctx] { run_intake_pass(ctx); });
}

void stop_intake() {
  std::unique_ptr<util::Periodic> p;
  {
    std::lock_guard lock(intake_mu);
    p = std::move(intake);
  }
}

std::string generate_api_key() { return "o311_" + crypto::random_base64url(32); }

std::string api_key_hash(std::string_view key) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string api_key_prefix(std::string_view key) { return std::string(key.substr(0, 9)); }

std::string random_token() { return crypto::random_base64url(18); }

}  // namespace tinhso::open311
