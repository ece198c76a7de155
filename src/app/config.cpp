#include "app/config.h"

#include <unistd.h>

#include "core/auth/clock.h"

namespace tinhso::app {

void add_identity_keys_option(CLI::App& cmd, Config& c) {
  cmd.add_option("--identity-keys-file", c.settings.identity_keys_file,
                 "File of the keys that seal denouncers' identities (lines ID:BASE64KEY, from `tinhso keys generate`);"
                 " made with one new key (mode 0600) when missing")
      ->envname("TINHSO_IDENTITY_KEYS_FILE")
      ->capture_default_str();
}

void add_audit_options(CLI::App& cmd, Config& c) {
  // Several subcommands share these settings and CLI11 reads a TINHSO_* variable for the options of
  // every subcommand, parsed or not: only the parsed one's value is taken, so a flag beats the
  // variable.
  auto only_parsed = [&cmd](std::string& target) {
    return [&cmd, &target](const std::string& v) {
      if (cmd.parsed()) target = v;
    };
  };
  cmd.add_option_function<std::string>(
         "--audit-key-file", only_parsed(c.settings.audit_key_file),
         "File of the key that MACs every audit record (one line of base64, from `tinhso keys generate`), outside"
         " the database and the same on every node; made with a new key (mode 0600) when missing")
      ->envname("TINHSO_AUDIT_KEY_FILE")
      ->default_str(c.settings.audit_key_file);
  cmd.add_option_function<std::string>(
         "--audit-anchor-file", only_parsed(c.settings.audit_anchor_file),
         "This node's append-only file of audit chain heads, which `tinhso audit verify` compares with")
      ->envname("TINHSO_AUDIT_ANCHOR_FILE")
      ->default_str(c.settings.audit_anchor_file);
}

void add_db_option(CLI::App& cmd, Config& c) {
  cmd.add_option("--db", c.db_url, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
      ->envname("TINHSO_DB")
      ->capture_default_str();
}

namespace {

// A petition period: "10wd" (working days) or "15d" (calendar days), 1–365.
std::optional<calendar::Period> parse_petition_period(std::string_view v) {
  if (v.size() < 2 || v.size() > 5 || v.back() != 'd') return std::nullopt;
  const bool working = v.ends_with("wd");
  const std::size_t digits = v.size() - (working ? 2 : 1);
  if (digits == 0) return std::nullopt;
  int n = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
    n = n * 10 + (v[i] - '0');
  }
  if (n < 1 || n > 365) return std::nullopt;
  return calendar::Period{working ? calendar::Unit::working_days : calendar::Unit::days, n};
}

// CATEGORY=PERIOD, the category a stable code of letters, digits, '_' and '-'.
bool parse_category_period(std::string_view v, std::string& category, calendar::Period& period) {
  const auto eq = v.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq > 64) return false;
  for (char ch : v.substr(0, eq))
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')) return false;
  auto p = parse_petition_period(v.substr(eq + 1));
  if (!p) return false;
  category = std::string(v.substr(0, eq));
  period = *p;
  return true;
}

CLI::Validator petition_period_check() {
  return CLI::Validator(
      [](std::string& v) { return parse_petition_period(v) ? std::string() : std::string("expected Nwd or Nd, N 1-365"); },
      "Nwd|Nd");
}

// The petitions' rules LAW.md grades L (modules/petitions/rules.h Settings).
void add_petition_options(CLI::App& cmd, Settings& s) {
  cmd.add_option_function<std::string>(
         "--complaint-days", [&s](const std::string& v) { s.complaint_days_are_working_days = v == "working"; },
         "Whether the 30/45/60/70 days to resolve a complaint (Law on Complaints 2011 Art. 28, 37) are calendar "
         "days (the end moved to the next working day) or working days")
      ->envname("TINHSO_COMPLAINT_DAYS")
      ->check(CLI::IsMember({"calendar", "working"}))
      ->default_str("calendar");
  cmd.add_option_function<std::string>(
         "--recommendation-resolve", [&s](const std::string& v) { s.recommendation_resolve = *parse_petition_period(v); },
         "Period to answer a recommendation (no legal period found): Nwd working days or Nd calendar days")
      ->envname("TINHSO_RECOMMENDATION_RESOLVE")
      ->check(petition_period_check())
      ->default_str("10wd");
  cmd.add_option_function<std::string>(
         "--feedback-resolve", [&s](const std::string& v) { s.feedback_resolve = *parse_petition_period(v); },
         "Period to answer feedback (no legal period found): Nwd working days or Nd calendar days")
      ->envname("TINHSO_FEEDBACK_RESOLVE")
      ->check(petition_period_check())
      ->default_str("10wd");
  cmd.add_option_function<std::string>(
         "--extension-notice", [&s](const std::string& v) { s.extension_notice = *parse_petition_period(v); },
         "Period to send a denunciation's extension decision to the denouncer and the denounced (Law on "
         "Denunciations 2018 Art. 30(4) gives none): Nwd working days or Nd calendar days")
      ->envname("TINHSO_EXTENSION_NOTICE")
      ->check(petition_period_check())
      ->default_str("5wd");
  cmd.add_option_function<std::vector<std::string>>(
         "--petition-category-resolve",
         [&s](const std::vector<std::string>& items) {
           for (const auto& item : items) {
             std::string category;
             calendar::Period period;
             if (parse_category_period(item, category, period)) s.petition_category_resolve[category] = period;
           }
         },
         "Period to answer recommendations and feedback of one subject category, CATEGORY=Nwd or CATEGORY=Nd "
         "(repeatable; comma-separated in the variable)")
      ->envname("TINHSO_PETITION_CATEGORY_RESOLVE")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& v) {
            std::string category;
            calendar::Period period;
            return parse_category_period(v, category, period) ? std::string() : std::string("expected CATEGORY=Nwd or CATEGORY=Nd");
          },
          "CATEGORY=PERIOD"));
}

}  // namespace

void add_serve_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--listen", c.listen, "Address and port to serve on, HOST:PORT (port 0 = any free port)")
      ->envname("TINHSO_LISTEN")
      ->capture_default_str();
  cmd.add_option("--assets", c.assets, "Directory with templates/, static/ and locales/ (default: found beside the binary)")
      ->envname("TINHSO_ASSETS");
  cmd.add_option("--access-log", c.access_log, "Access log (JSON lines): a file, - for stdout, off")
      ->envname("TINHSO_ACCESS_LOG")
      ->capture_default_str();
  cmd.add_option("--upload-dir", c.upload_dir, "Directory for uploaded files being received")
      ->envname("TINHSO_UPLOAD_DIR")
      ->capture_default_str();
  cmd.add_option("--trusted-proxy", c.trusted_proxies,
                 "Address of a reverse proxy whose X-Forwarded-Proto/-For are trusted (repeatable)")
      ->envname("TINHSO_TRUSTED_PROXY")
      ->delimiter(',');
  cmd.add_option("--io-threads", c.io_threads, "Threads doing network IO")
      ->envname("TINHSO_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--workers", c.workers, "Threads running request handlers (database work)")
      ->envname("TINHSO_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd.add_option("--max-connections", c.max_connections, "Open connections above which new ones get 503")
      ->envname("TINHSO_MAX_CONNECTIONS")
      ->capture_default_str();
  cmd.add_option("--public-url", c.settings.public_url, "Base URL of this site, used in links sent by e-mail")
      ->envname("TINHSO_PUBLIC_URL")
      ->capture_default_str();
  cmd.add_option("--smtp", c.settings.smtp, "SMTP relay HOST:PORT for outgoing e-mail, or `log` to write messages to the log instead (demo)")
      ->envname("TINHSO_SMTP")
      ->capture_default_str();
  cmd.add_option("--mail-from", c.settings.mail_from, "Sender address of outgoing e-mail")
      ->envname("TINHSO_MAIL_FROM")
      ->capture_default_str();
  cmd.add_option("--sms-webhook", c.settings.sms_webhook,
                 "http:// URL of the SMS gateway: dossier notices are POSTed there as JSON {to, text, dossier_code};"
                 " none if empty")
      ->envname("TINHSO_SMS_WEBHOOK");
  add_identity_keys_option(cmd, c);
  add_audit_options(cmd, c);
  cmd.add_option_function<int>(
         "--audit-anchor-seconds", [&c](int n) { c.settings.audit_anchor_interval = std::chrono::seconds(n); },
         "How often this node appends the audit chain's head to its anchor file (and when it stops)")
      ->envname("TINHSO_AUDIT_ANCHOR_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->default_str(std::to_string(c.settings.audit_anchor_interval.count()));
  cmd.add_option("--security-event-retention-days", c.settings.security_event_retention_days,
                 "Security events older than this many days are deleted (audit records are kept)")
      ->envname("TINHSO_SECURITY_EVENT_RETENTION_DAYS")
      ->check(CLI::Range(1, 36500))
      ->capture_default_str();
  cmd.add_option("--open311-posts-per-minute", c.settings.open311_posts_per_minute,
                 "Open311: POSTs (reports and updates) one API key may make per minute, across all nodes")
      ->envname("TINHSO_OPEN311_POSTS_PER_MINUTE")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd.add_option("--petition-posts-per-hour", c.settings.petition_posts_per_hour,
                 "Posts of the online petition form one client address (an IPv6 /64) may make per hour without"
                 " signing in, across all nodes")
      ->envname("TINHSO_PETITION_POSTS_PER_HOUR")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd.add_option("--petition-account-posts-per-hour", c.settings.petition_account_posts_per_hour,
                 "Posts of the online petition form one signed-in account may make per hour, across all nodes")
      ->envname("TINHSO_PETITION_ACCOUNT_POSTS_PER_HOUR")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd.add_option_function<int>(
         "--citizen-idle-minutes",
         [&c](int m) { c.settings.citizen_idle_timeout = std::chrono::minutes(m); },
         "Citizen sessions end after this many minutes without activity (staff: 30)")
      ->envname("TINHSO_CITIZEN_IDLE_MINUTES")
      ->check(CLI::Range(5, 24 * 60))
      ->default_str(std::to_string(c.settings.citizen_idle_timeout.count()));
  cmd.add_option_function<int>(
         "--citizen-absolute-minutes",
         [&c](int m) { c.settings.citizen_absolute_timeout = std::chrono::minutes(m); },
         "Citizen sessions end this many minutes after sign-in whatever the activity (staff: 720)")
      ->envname("TINHSO_CITIZEN_ABSOLUTE_MINUTES")
      ->check(CLI::Range(30, 90 * 24 * 60))
      ->default_str(std::to_string(c.settings.citizen_absolute_timeout.count()));
  cmd.add_option_function<int>(
         "--calendar-refresh-seconds",
         [&c](int n) { c.settings.calendar_refresh = std::chrono::seconds(n); },
         "How often each node re-reads official holiday schedules changed by another node")
      ->envname("TINHSO_CALENDAR_REFRESH_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->default_str(std::to_string(c.settings.calendar_refresh.count()));
  add_calendar_options(cmd, c.settings);
  add_one_stop_options(cmd, c.settings);
  add_petition_options(cmd, c.settings);
  // No TINHSO_* variable on purpose: a test clock is switched on only on the command line, and
  // only together with TINHSO_TEST_CLOCK=1 (checked in main()).
  cmd.add_option_function<std::string>(
         "--fake-now", [&c](const std::string& v) { c.fake_now = auth::parse_iso_utc(v); },
         "TEST ONLY: freeze the server's clock at this UTC instant (YYYY-MM-DDTHH:MM:SSZ); refused unless the "
         "environment has TINHSO_TEST_CLOCK=1")
      ->check(CLI::Validator(
          [](std::string& v) {
            try {
              if (auth::iso_utc(auth::parse_iso_utc(v)) == v) return std::string();
            } catch (const std::invalid_argument&) {
            }
            return std::string("expected YYYY-MM-DDTHH:MM:SSZ");
          },
          "YYYY-MM-DDTHH:MM:SSZ"));
  cmd.add_option("--shutdown-grace-ms", c.shutdown_grace_ms, "On SIGTERM, how long in-flight requests may finish")
      ->envname("TINHSO_SHUTDOWN_GRACE_MS")
      ->capture_default_str();
}

std::optional<std::optional<std::chrono::minutes>> parse_cutoff(std::string_view s) {
  if (s == "off") return std::optional<std::chrono::minutes>{};
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1; };
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::optional<std::chrono::minutes>(std::chrono::minutes(hours * 60 + minutes));
}

void add_calendar_options(CLI::App& cmd, Settings& s) {
  using Extra = calendar::HolidayRules::NationalDayExtra;
  cmd.add_option_function<int>(
         "--tet-days-before", [&s](int n) { s.holidays.tet_days_before = n; },
         "How many of Tết's 5 days off precede the lunar new year's day (the real last day of the lunar year "
         "counts as one), for years without an official schedule")
      ->envname("TINHSO_TET_DAYS_BEFORE")
      ->check(CLI::Range(0, 4))
      ->default_str(std::to_string(s.holidays.tet_days_before));
  cmd.add_option_function<std::string>(
         "--national-day-extra",
         [&s](const std::string& v) {
           s.holidays.national_day_extra = v == "before" ? Extra::before : v == "after" ? Extra::after : Extra::nearest_weekend;
         },
         "The National Day's second day off (Labor Code 2019 Art. 112(1)(đ)) in years without an official schedule: "
         "before, after, or nearest-weekend (the side that joins the weekend)")
      ->envname("TINHSO_NATIONAL_DAY_EXTRA")
      ->check(CLI::IsMember({"before", "after", "nearest-weekend"}))
      ->default_str("nearest-weekend");
  cmd.add_option_function<std::string>(
         "--receipt-cutoff", [&s](const std::string& v) { s.deadlines.cutoff = *parse_cutoff(v); },
         "Local time (HH:MM) from which a dossier counts as received on the next working day "
         "(Decree 61/2018/NĐ-CP Art. 18), or off")
      ->envname("TINHSO_RECEIPT_CUTOFF")
      ->check(CLI::Validator(
          [](std::string& v) { return parse_cutoff(v) ? std::string() : std::string("expected HH:MM or off"); },
          "HH:MM|off"))
      ->default_str("15:00");
}

void add_one_stop_options(CLI::App& cmd, Settings& s) {
  cmd.add_option_function<std::string>(
         "--supplement-clock", [&s](const std::string& v) { s.supplement_restarts_clock = v == "restart"; },
         "When a supplement completes a dossier, the time limit counts again in full (restart, Decree 61/2018/NĐ-CP "
         "Art. 19(4)) or the time left counts on (resume)")
      ->envname("TINHSO_SUPPLEMENT_CLOCK")
      ->check(CLI::IsMember({"restart", "resume"}))
      ->default_str("restart");
  cmd.add_option("--supplement-request-days", s.supplement_request_working_days,
                 "Working days after receipt within which the desk asks for a supplement (Decree 61/2018/NĐ-CP Art. "
                 "19(4)); later requests are made and marked late")
      ->envname("TINHSO_SUPPLEMENT_REQUEST_DAYS")
      ->check(CLI::Range(0, 60))
      ->capture_default_str();
  cmd.add_option("--apology-days-before", s.apology_days_before_due,
                 "Days before the due day by which a late dossier's apology must be sent (Decree 61/2018/NĐ-CP Art. 19(9))")
      ->envname("TINHSO_APOLOGY_DAYS_BEFORE")
      ->check(CLI::Range(0, 60))
      ->capture_default_str();
  cmd.add_option("--apology-max", s.apology_max_reschedules,
                 "How many times a dossier's appointment may be rescheduled with an apology (Decree 61/2018/NĐ-CP Art. 19(9))")
      ->envname("TINHSO_APOLOGY_MAX")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
}

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw CLI::ValidationError("--listen", "expected HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw CLI::ValidationError("--listen", "port must be 0-65535");
  return {host, static_cast<std::uint16_t>(port)};
}

std::filesystem::path resolve_assets(const std::string& configured) {
  namespace fs = std::filesystem;
  auto ok = [](const fs::path& p) { return fs::is_directory(p / "templates") && fs::is_directory(p / "locales"); };
  if (!configured.empty()) return configured;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& p : {exe.parent_path(), exe.parent_path().parent_path(), exe.parent_path() / "../share/tinhso"})
      if (ok(p)) return fs::weakly_canonical(p);
  }
#ifdef TINHSO_SOURCE_DIR
  if (ok(TINHSO_SOURCE_DIR)) return TINHSO_SOURCE_DIR;
#endif
  return fs::current_path();
}

Settings settings_of(const Config& c) { return c.settings; }

http::ServerConfig server_config(const Config& c) {
  http::ServerConfig s;
  auto [host, port] = split_listen(c.listen);
  s.host = host;
  s.port = port;
  s.io_threads = c.io_threads;
  s.workers = c.workers;
  s.max_connections = c.max_connections;
  s.upload_dir = c.upload_dir;
  s.trusted_proxies = c.trusted_proxies;
  s.shutdown_grace = std::chrono::milliseconds(c.shutdown_grace_ms);
  return s;
}

}  // namespace tinhso::app
