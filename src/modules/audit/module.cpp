#include <cstdio>
#include <filesystem>
#include <optional>

#include "core/app/cli.h"
#include "modules/audit/api.h"
#include "modules/audit/handlers.h"
#include "modules/audit/jobs.h"

namespace tinhso::audit {

namespace {

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  Settings& s = all.modules.get<Settings>();
  app::add_setting<std::string>(
      cmd, "--audit-key-file", [&s](const std::string& v) { s.key_file = v; },
      "File of the key that MACs every audit record (one line of base64, from `tinhso keys generate`), outside"
      " the database and the same on every node; made with a new key (mode 0600) when missing")
      ->envname("TINHSO_AUDIT_KEY_FILE")
      ->default_str(s.key_file);
  app::add_setting<std::string>(
      cmd, "--audit-anchor-file", [&s](const std::string& v) { s.anchor_file = v; },
      "This node's append-only file of audit chain heads, which `tinhso audit verify` compares with")
      ->envname("TINHSO_AUDIT_ANCHOR_FILE")
      ->default_str(s.anchor_file);
  if (scope != app::OptionScope::serve) return;
  app::add_setting<int>(
      cmd, "--audit-anchor-seconds", [&s](int n) { s.anchor_interval = std::chrono::seconds(n); },
      "How often this node appends the audit chain's head to its anchor file (and when it stops)")
      ->envname("TINHSO_AUDIT_ANCHOR_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->default_str(std::to_string(s.anchor_interval.count()));
  app::add_setting<int>(
      cmd, "--security-event-retention-days", [&s](int n) { s.security_event_retention_days = n; },
      "Security events older than this many days are deleted (audit records are kept)")
      ->envname("TINHSO_SECURITY_EVENT_RETENTION_DAYS")
      ->check(CLI::Range(1, 36500))
      ->default_str(std::to_string(s.security_event_retention_days));
}

// Issue 12 §9: every command that writes records MACs them with the current key (the file is made with
// one key when missing).
void configure(app::Settings& all) {
  Settings& s = all.modules.get<Settings>();
  s.chain = chain_label(all.db_url);
  use_keys(std::make_shared<const AuditKeys>(load_keys(s.key_file, true)));
}

// `tinhso audit verify`: exit 0 intact, 3 broken (a changed, removed or unkeyed record, or a chain
// that no longer holds an anchored head), 2 when keyed records need the missing key file or the
// schema is not current.
int verify_command(app::CommandEnv& env) {
  if (!env.schema_current()) return 2;
  const Settings& s = env.settings.modules.get<Settings>();
  std::optional<AuditKeys> keys;
  if (std::filesystem::exists(s.key_file)) keys = load_keys(s.key_file, false);
  VerifyInput in{keys ? &*keys : nullptr, read_anchors(s.anchor_file, chain_label(env.settings.db_url))};
  auto res = verify(*env.db, in, [](std::int64_t n) { std::fprintf(stderr, "checked %lld records\n", static_cast<long long>(n)); });
  if (res.ok) {
    std::string per_key;
    for (const auto& [id, n] : res.keyed_by_key)
      per_key += (per_key.empty() ? " (" : ", ") + std::to_string(n) + " under key " + std::to_string(id);
    if (!per_key.empty()) per_key += ")";
    std::printf("OK: %lld audit records, chain intact; %lld with a valid MAC%s, %lld before the audit key; %zu anchors"
                " in %s, %lld matched\n",
                static_cast<long long>(res.checked), static_cast<long long>(res.keyed), per_key.c_str(),
                static_cast<long long>(res.checked - res.keyed), in.anchors.size(), s.anchor_file.c_str(),
                static_cast<long long>(res.anchored));
    return 0;
  }
  std::printf("BROKEN at record %lld: %s\n", static_cast<long long>(res.first_bad_seq.value_or(0)), res.problem.c_str());
  return res.needs_key ? 2 : 3;
}

void add_commands(app::Commands& commands, app::Settings& settings) {
  CLI::App& audit = commands.add(nullptr, "audit", "Audit log tools", {}, {.database = false, .writes = false});
  CLI::App& verify = commands.add(&audit, "verify",
                                  "Check the audit log's hash chain, MACs and anchors; exit 3 at the first broken record",
                                  verify_command, {.database = true, .writes = false});
  add_options(verify, app::OptionScope::records, settings);
}

}  // namespace

app::Module module() {
  app::Module m{"audit", add_routes, {}, start_jobs, {}, stop_jobs};
  m.add_options = add_options;
  m.configure = configure;
  m.add_commands = add_commands;
  m.nav = {{"/audit", "audit.nav.log", false, {auth::Role::auditor}, {auth::Role::auditor}},
           {"/security", "audit.nav.security", false, {auth::Role::auditor}}};
  // A refused access is a security event (issue 3): recorded before the error page is rendered.
  m.on_error = [](const http::Request& req, const http::Error& e, app::Context& ctx) {
    if (e.kind() == http::ErrorKind::forbidden) record_forbidden(ctx.db, ctx.clock, req, e);
  };
  return m;
}

}  // namespace tinhso::audit
