// Generates petitions for the petition benchmarks (bench/petitions.sh): N feedback reports,
// recommendations and complaints built from a vocabulary of real city problems and places, spread
// over the last --years years across the demo agencies (--share of them to SO-KHCN, whose demo
// specialist searches them), in every state, through the module's store (insert, code, event),
// in batches with a progress bar on stderr. The database must hold the demo province.
//
//   petitions_gen --db sqlite:var/bench/p.db --count 1000000 [--years 3] [--seed 1] [--share 0.3]
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/progress.h"
#include "core/auth/clock.h"
#include "core/db/database.h"
#include "modules/petitions/store.h"

using namespace tinhso;
using namespace tinhso::petitions;
using std::chrono::system_clock;

namespace {

const std::vector<std::string> kProblems = {
    "Ngập nước", "Đèn đường không sáng", "Rác thải không được thu gom", "Ổ gà trên mặt đường", "Cây xanh gãy đổ",
    "Tiếng ồn từ quán karaoke", "Nước sinh hoạt bị đục", "Cống thoát nước bị tắc", "Lấn chiếm vỉa hè",
    "Khói bụi từ công trình xây dựng", "Biển báo giao thông bị che khuất", "Sóng điện thoại yếu",
    "Mất điện kéo dài", "Đường nứt lún", "Xe tải chở vật liệu rơi vãi", "Chó thả rông không rọ mõm"};
const std::vector<std::string> kPlaces = {
    "đường Hùng Vương", "phố Trần Phú", "ngõ 12 Nguyễn Tất Thành", "khu dân cư Đồng Tâm", "chợ Vĩnh Yên",
    "đường Lê Lợi", "khu đô thị Nam Việt Trì", "xã Vĩnh Tường", "phường Tiên Cát", "đường Hai Bà Trưng",
    "cầu Việt Trì", "trường tiểu học Gia Cẩm", "bệnh viện tỉnh", "công viên Văn Lang", "quốc lộ 2", "đường Kim Ngọc"};
const std::vector<std::string> kDetails = {
    "đã nhiều ngày chưa được xử lý", "ảnh hưởng đến đi lại của người dân", "gây mất an toàn vào ban đêm",
    "người dân đã phản ánh nhiều lần", "đề nghị cơ quan chức năng sớm kiểm tra", "xảy ra sau trận mưa lớn"};

std::vector<long long> agency_ids(soci::session& s) {
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM agencies WHERE active = TRUE ORDER BY id", soci::into(id));
  st.execute();
  std::vector<long long> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Generate petitions for the benchmarks"};
  std::string url;
  long long count = 0;
  int years = 3;
  unsigned long long seed = 1;
  double share = 0.3;
  std::size_t batch = 2000;
  cli.add_option("--db", url, "Database URL (sqlite:PATH or postgresql://…)")->required();
  cli.add_option("--count", count, "How many petitions to add")->required()->check(CLI::Range(1LL, 100'000'000LL));
  cli.add_option("--years", years, "Spread them over the last Y years")->check(CLI::Range(1, 10));
  cli.add_option("--seed", seed, "Random seed");
  cli.add_option("--share", share, "Share sent to SO-KHCN")->check(CLI::Range(0.0, 1.0));
  cli.add_option("--batch", batch, "Petitions per transaction")->check(CLI::Range(1, 100'000));
  CLI11_PARSE(cli, argc, argv);
  if (sodium_init() < 0) return 1;

  db::Database database(url, 2);
  auto agencies = database.with_session([](soci::session& s) { return agency_ids(s); });
  long long so_tttt = database.with_session([](soci::session& s) {
    long long id = 0;
    s << "SELECT id FROM agencies WHERE code = 'SO-KHCN'", soci::into(id);
    return id;
  });
  if (agencies.empty() || !so_tttt) {
    std::fprintf(stderr, "petitions_gen: no demo agencies: run `tinhso migrate --db URL --demo` first\n");
    return 2;
  }
  const auto now = system_clock::now();
  std::mt19937_64 rng(seed);
  const long long span = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::days{365} * years).count();
  std::uniform_int_distribution<long long> when(0, span);
  std::uniform_real_distribution<double> unit(0, 1);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& { return v[rng() % v.size()]; };
  const State states[] = {State::received, State::classified, State::accepted, State::assigned, State::verified,
                          State::decided,  State::notified,   State::closed,   State::closed,   State::closed};
  const Kind kinds[] = {Kind::feedback, Kind::feedback, Kind::feedback, Kind::recommendation, Kind::complaint_first};
  bench::Progress progress(count, "petitions");
  long long done = 0;
  while (done < count) {
    long long n = std::min<long long>(static_cast<long long>(batch), count - done);
    database.transaction([&](soci::session& s) {
      for (long long i = 0; i < n; ++i) {
        auto at = now - std::chrono::seconds(when(rng));
        Petition p;
        p.kind = kinds[rng() % std::size(kinds)];
        p.state = states[rng() % std::size(states)];
        p.channel = unit(rng) < 0.6 ? Channel::online : Channel::open311;
        p.subject = pick(kProblems) + " ở " + pick(kPlaces);
        p.content = p.subject + ", " + pick(kDetails) + ".";
        p.agency_id = unit(rng) < share ? so_tttt : agencies[rng() % agencies.size()];
        p.anonymous = true;
        p.received_at = p.created_at = p.updated_at = auth::iso_utc(at);
        auto local = calendar::to_local(at);
        p.resolve_due = calendar::format_date(local.day + std::chrono::days{40});
        char day[8];
        std::snprintf(day, sizeof day, "%02u%02u%02u", static_cast<unsigned>(calendar::year_of(local.day) % 100),
                      calendar::month_of(local.day), calendar::day_of(local.day));
        Petition stored = insert_petition(s, p, day);
        insert_event(s, stored.id, {p.received_at, "anonymous", "receive", "", "received", "", 0});
      }
    });
    done += n;
    progress.show(done);
  }
  std::fprintf(stderr, "petitions_gen: %lld petitions added\n", count);
  return 0;
}
