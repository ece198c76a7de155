#include "modules/audit/jobs.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/util/periodic.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"

namespace tinhso::audit {

namespace {

constexpr const char* kPruneJob = "security_events.prune";

struct Background {
  app::Context* ctx = nullptr;
  std::string node, last_anchor;
  std::mutex anchor_mu;
  std::unique_ptr<util::Periodic> anchor, prune;
};

std::mutex background_mu;
std::unique_ptr<Background> background;

// Host, process id and a random suffix: who holds a lease.
std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string raw(4, '\0');
  randombytes_buf(raw.data(), raw.size());
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + hex_encode(raw);
}

void append_line(const std::string& file, const std::string& line) {
  auto dir = std::filesystem::path(file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot open the audit anchor file " + file);
  std::string text = line + "\n";
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write the audit anchor file " + file);
}

bool claim(soci::session& s, const std::string& node, const std::string& now, const std::string& until) {
  const std::string job = kPruneJob;
  soci::statement st = (s.prepare << "UPDATE audit_job_leases SET claimed_by = :node, claimed_until = :until"
                                     " WHERE job = :job AND claimed_until < :now",
                        soci::use(node, "node"), soci::use(until, "until"), soci::use(job, "job"),
                        soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

}  // namespace

bool write_anchor(db::Database& db, const auth::Clock& clock, const std::string& file, const std::string& chain,
                  std::string& last) {
  auto head = read_head(db);
  if (!head) return false;
  head->at = auth::iso_utc(clock.now());
  head->chain = chain;
  std::string key = std::to_string(head->seq) + " " + head->hash + " " + head->mac;
  if (key == last) return false;
  std::string line = format_anchor(*head);
  append_line(file, line);
  spdlog::info("audit anchor: {}", line);
  last = key;
  return true;
}

int prune_security_events(db::Database& db, const auth::Clock& clock, int retention_days, const std::string& node) {
  auto now = clock.now();
  std::string t = auth::iso_utc(now), until = auth::iso_utc(now + kPrunePeriod);
  if (!db.transaction([&](soci::session& s) { return claim(s, node, t, until); })) return -1;
  std::string cutoff = auth::iso_utc(now - std::chrono::days(retention_days));
  int total = 0;
  for (;;) {
    int n = db.transaction([&](soci::session& s) {
      const int batch = kPruneBatch;
      soci::statement st = (s.prepare << "DELETE FROM security_events WHERE id IN (SELECT id FROM security_events"
                                         " WHERE at < :cutoff ORDER BY id LIMIT :batch)",
                            soci::use(cutoff, "cutoff"), soci::use(batch, "batch"));
      st.execute(true);
      int deleted = static_cast<int>(st.get_affected_rows());
      if (deleted > 0)
        record_system(s, db.dialect(), clock, "system:retention",
                      {"security_events.prune", "security_events", "", "",
                       "deleted=" + std::to_string(deleted) + " older_than=" + cutoff});
      return deleted;
    });
    total += n;
    if (n < kPruneBatch) break;
  }
  // A bound value must outlive the statement, which runs when the full expression ends: a named
  // string, never a temporary (ASan: heap-use-after-free).
  const std::string job = kPruneJob;
  db.transaction([&](soci::session& s) {
    s << "UPDATE audit_job_leases SET last_run_at = :now WHERE job = :job AND claimed_by = :node", soci::use(t, "now"),
        soci::use(job, "job"), soci::use(node, "node");
  });
  if (total) spdlog::info("audit: {} security events older than {} pruned", total, cutoff);
  return total;
}

void start_jobs(app::Context& ctx) {
  std::lock_guard lock(background_mu);
  if (background) return;
  background = std::make_unique<Background>();
  Background* b = background.get();
  b->ctx = &ctx;
  b->node = node_name();
  auto anchor_step = [b] {
    std::lock_guard l(b->anchor_mu);
    write_anchor(b->ctx->db, b->ctx->clock, settings(*b->ctx).anchor_file, settings(*b->ctx).chain,
                 b->last_anchor);
  };
  b->anchor = std::make_unique<util::Periodic>(
      "audit anchor", std::chrono::duration_cast<std::chrono::milliseconds>(settings(ctx).anchor_interval),
      anchor_step);
  b->prune = std::make_unique<util::Periodic>("audit retention", std::chrono::minutes(10),
                                              [b] {
                                                prune_security_events(b->ctx->db, b->ctx->clock,
                                                                      settings(*b->ctx).security_event_retention_days,
                                                                      b->node);
                                              });
}

void stop_jobs() {
  std::unique_ptr<Background> b;
  {
    std::lock_guard lock(background_mu);
    b = std::move(background);
  }
  if (!b) return;
  b->anchor->stop();
  b->prune->stop();
  try {
    std::lock_guard l(b->anchor_mu);
    write_anchor(b->ctx->db, b->ctx->clock, settings(*b->ctx).anchor_file, settings(*b->ctx).chain,
                 b->last_anchor);
  } catch (const std::exception& e) {
    spdlog::error("audit anchor: {}", e.what());
  }
  try {
    const std::string job = kPruneJob;  // outlives the statement (see prune_security_events)
    b->ctx->db.transaction([&](soci::session& s) {
      s << "UPDATE audit_job_leases SET claimed_until = '1970-01-01T00:00:00Z' WHERE job = :job AND claimed_by = :node",
          soci::use(job, "job"), soci::use(b->node, "node");
    });
  } catch (const std::exception& e) {
    spdlog::warn("audit: lease not released: {}", e.what());
  }
}

}  // namespace tinhso::audit
