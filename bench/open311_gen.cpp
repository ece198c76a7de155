// Generates Open311 city reports for the Open311 benchmark (bench/open311.sh): N reports of the
// demo services spread over the last --years years, each a petition (channel open311, the
// service's agency, a state by age: older reports mostly closed) with its receive event and its
// report row (a place in Việt Trì or Vĩnh Yên, a description from a vocabulary of real city
// problems), in batches with a progress bar on stderr. The database must hold the demo province.
//
//   open311_gen --db sqlite:var/bench/o.db --count 1000000 [--years 10] [--seed 1]
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/progress.h"
#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/db/database.h"
#include "modules/open311/intake.h"
#include "modules/open311/store.h"
#include "modules/petitions/api.h"
#include "modules/petitions/store.h"

using namespace tinhso;
using std::chrono::system_clock;

namespace {

const std::vector<std::string> kPlaces = {
    "Đường Hùng Vương", "Phố Trần Phú", "Ngõ 12 Nguyễn Tất Thành", "Khu dân cư Đồng Tâm", "Chợ Vĩnh Yên",
    "Đường Lê Lợi", "Khu đô thị Nam Việt Trì", "Phường Tiên Cát", "Đường Hai Bà Trưng", "Đường Kim Ngọc",
    "Phố Lê Xoay", "Đường Mê Linh", "Phố Hòa Phong", "Đại lộ Hùng Vương", "Đường Nguyễn Du", "Phố Châu Phong"};
const std::vector<std::string> kDetails = {
    "đã nhiều ngày chưa được xử lý", "ảnh hưởng đến đi lại của người dân", "gây mất an toàn vào ban đêm",
    "người dân đã phản ánh nhiều lần", "đề nghị cơ quan chức năng sớm kiểm tra", "xảy ra sau trận mưa lớn"};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Generate Open311 reports for the benchmarks"};
  std::string url;
  long long count = 0;
  int years = 10;
  unsigned long long seed = 1;
  std::size_t batch = 2000;
  cli.add_option("--db", url, "Database URL (sqlite:PATH or postgresql://…)")->required();
  cli.add_option("--count", count, "How many reports to add")->required()->check(CLI::Range(1LL, 100'000'000LL));
  cli.add_option("--years", years, "Spread them over the last Y years")->check(CLI::Range(1, 20));
  cli.add_option("--seed", seed, "Random seed");
  cli.add_option("--batch", batch, "Reports per transaction")->check(CLI::Range(1, 100'000));
  CLI11_PARSE(cli, argc, argv);
  if (sodium_init() < 0) return 1;
  db::Database database(url, 2);
  auto services = database.with_session([](soci::session& s) { return open311::list_services(s, true); });
  long long key = database.with_session([](soci::session& s) {
    long long id = 0;
    s << "SELECT COALESCE(MIN(id), 0) FROM open311_api_keys", soci::into(id);
    return id;
  });
  if (services.empty() || !key) {
    std::fprintf(stderr, "open311_gen: no demo services: run `tinhso migrate --db URL --demo` first\n");
    return 2;
  }
  const auto now = system_clock::now();
  std::mt19937_64 rng(seed);
  const long long span = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::days{365} * years).count();
  std::uniform_int_distribution<long long> when(0, span);
  std::uniform_real_distribution<double> unit(0, 1);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  const petitions::State open_states[] = {petitions::State::received, petitions::State::classified,
                                          petitions::State::accepted, petitions::State::assigned,
                                          petitions::State::verified};
  const petitions::State closed_states[] = {petitions::State::decided, petitions::State::notified,
                                            petitions::State::closed, petitions::State::closed,
                                            petitions::State::refused};
  bench::Progress progress(count, "reports");
  long long done = 0;
  while (done < count) {
    long long n = std::min<long long>(static_cast<long long>(batch), count - done);
    database.transaction([&](soci::session& s) {
      for (long long i = 0; i < n; ++i) {
        long long age = when(rng);
        auto at = now - std::chrono::seconds(age);
        const auto& service = services[rng() % services.size()];
        open311::ReportRecord r;
        r.token = open311::random_token();
        r.service_id = service.id;
        r.api_key_id = key;
        bool viet_tri = unit(rng) < 0.6;
        r.lat = (viet_tri ? 21.32 : 21.31) + (unit(rng) - 0.5) * 0.04;
        r.lon = (viet_tri ? 105.40 : 105.60) + (unit(rng) - 0.5) * 0.05;
        r.address = pick(kPlaces) + (viet_tri ? ", Việt Trì" : ", Vĩnh Yên");
        r.description = service.name_vi + " ở " + r.address + ", " + pick(kDetails) + ".";
        r.attributes = "{}";
        r.requested_at = auth::iso_utc(at);
        petitions::Petition p = open311::petition_of(service, {}, r);
        // Reports older than a month are mostly answered; recent ones mostly open.
        bool closed = unit(rng) < (age > 30LL * 86400 ? 0.9 : 0.3);
        p.state = closed ? closed_states[rng() % std::size(closed_states)] : open_states[rng() % std::size(open_states)];
        p.created_at = p.updated_at = p.received_at;
        p.resolve_due = calendar::format_date(calendar::to_local(at).day + std::chrono::days{14});
        auto stored = petitions::insert_petition(s, p, petitions::code_day(p));
        petitions::insert_event(s, stored.id, {p.received_at, "open311", "receive", "", "received", "", 0});
        r.petition_id = stored.id;
        open311::insert_report(s, r);
      }
    });
    done += n;
    progress.show(done);
  }
  std::fprintf(stderr, "open311_gen: %lld reports added\n", count);
  return 0;
}
