#include "modules/elections/demo.h"

#include <chrono>
#include <stdexcept>

#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/elections/store.h"
#include "modules/elections/usecases.h"
#include "modules/identity/api.h"

namespace tinhso::elections {

namespace {

using std::chrono::system_clock;

system_clock::time_point utc(const char* iso) { return auth::parse_iso_utc(iso); }

// A demo step at moment `when`, audited as "demo".
template <class Fn>
void at(app::Context& ctx, soci::session& s, system_clock::time_point when, Fn&& fn) {
  const auth::FakeClock clock(when);
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), clock, "demo");
  const Result r = fn(Env{s, ctx.db.dialect(), clock, rec});
  if (!r.ok()) throw std::runtime_error("demo election step refused: " + std::string(error_code(r.error)));
}

long long insert_id(soci::session& s, const std::string& sql_returning_id) {
  long long id = 0;
  s << sql_returning_id, soci::into(id);
  return id;
}

struct DemoCandidate {
  const char* name;
  const char* birth;
  const char* gender;
  int percent;   // of the valid ballots, per area; -1: exactly half
};

struct DemoConstituency {
  const char* body;
  int number;
  const char* name;
  const char* area;
  int seats;
  std::vector<DemoCandidate> candidates;
};

// Per area: voted, invalid (valid = voted - invalid).
struct Turnout {
  std::int64_t registered, voted, invalid;
};

}  // namespace

void load_demo(app::Context& ctx) {
  const bool exists = ctx.db.with_session([](soci::session& s) { return !all_elections(s).empty(); });
  if (exists) return;
  ctx.db.transaction([&](soci::session& s) {
    auto committee = identity::principal_by_email(s, "province@demo.tinhso.vn");
    auto enterer = identity::principal_by_email(s, "officer@demo.tinhso.vn");
    auto checker = identity::principal_by_email(s, "tobaucu@demo.tinhso.vn");
    if (!committee || !enterer || !checker) throw std::runtime_error("demo election: the demo accounts are missing");
    const long long boss = committee->account_id, first = enterer->account_id, second = checker->account_id;

    // ---- the 2026 general election, announced ----
    const long long e = insert_id(
        s, "INSERT INTO elections (name, election_date, state, created_at) VALUES ('Bầu cử đại biểu Quốc hội khóa XVI"
           " và đại biểu Hội đồng nhân dân tỉnh Phú Thọ nhiệm kỳ 2026–2031', '2026-03-15', 'preparing',"
           " '2026-01-05T02:00:00Z') RETURNING id");
    s << "INSERT INTO election_committee_members (election_id, account_id) VALUES (:e, :a)", soci::use(e, "e"),
        soci::use(boss, "a");
    const std::vector<DemoConstituency> plan = {
        {"national_assembly", 1, "Đơn vị bầu cử số 1", "Phường Việt Trì, phường Nông Trang, phường Thanh Miếu", 3,
         {{"Hà Minh Khôi", "1972-04-11", "male", 85}, {"Lương Thị Ngọc Ánh", "1980-09-02", "female", 78},
          {"Đinh Công Tráng", "1975-01-20", "male", 70}, {"Vi Thị Hoài", "1986-06-30", "female", 35},
          {"Kiều Văn Lộc", "1979-12-05", "male", 25}}},
        {"provincial_council", 1, "Đơn vị bầu cử số 1", "Phường Việt Trì", 3,
         {{"Triệu Thị Bích", "1977-03-14", "female", 80}, {"Mạc Văn Quyết", "1971-08-08", "male", 75},
          {"Âu Đức Thịnh", "1968-02-02", "male", 60}, {"Khổng Thị Diệu", "1975-10-21", "female", 60},
          {"Giáp Văn Hòa", "1990-05-17", "male", 20}}},
        {"provincial_council", 2, "Đơn vị bầu cử số 2", "Phường Nông Trang", 3,
         {{"Ninh Văn Đạt", "1974-07-07", "male", 70}, {"Tạ Thị Huyền", "1983-11-11", "female", 65},
          {"Lã Quang Vinh", "1978-04-04", "male", -1}, {"Phó Thị Yến", "1988-01-09", "female", 45},
          {"Doãn Văn Tùng", "1981-03-03", "male", 40}}},
        {"provincial_council", 3, "Đơn vị bầu cử số 3", "Phường Thanh Miếu", 3,
         {{"Quách Thị Lan Anh", "1976-06-16", "female", 60}, {"Bế Văn Cường", "1973-09-29", "male", 48},
          {"Lục Thị Mơ", "1985-12-12", "female", 45}, {"Ông Văn Phúc", "1969-08-18", "male", 42},
          {"Thạch Thị Vân", "1991-02-27", "female", 40}}},
        {"provincial_council", 4, "Đơn vị bầu cử số 4", "Xã Hy Cương (một phần)", 2,
         {{"Nông Văn Thái", "1970-10-10", "male", 60}, {"Hứa Thị Kim", "1982-05-05", "female", 55},
          {"Mã Văn Toàn", "1977-07-27", "male", 40}, {"Cù Thị Nhàn", "1989-03-30", "female", 30}}},
    };
    // Two polling areas per council constituency, each voting in National Assembly constituency 1 too;
    // those of council constituency 4 had a low turnout.
    const Turnout normal{1000, 950, 10}, low{1000, 450, 10};
    std::vector<long long> cons;
    std::vector<std::vector<long long>> cand_ids;
    for (const auto& c : plan) {
      const std::string body = c.body, name = c.name, area = c.area;
      int number = c.number, seats = c.seats;
      long long id = 0;
      s << "INSERT INTO election_constituencies (election_id, body, number, name, area, seats)"
           " VALUES (:e, :b, :n, :name, :area, :seats) RETURNING id",
          soci::use(e, "e"), soci::use(body, "b"), soci::use(number, "n"), soci::use(name, "name"),
          soci::use(area, "area"), soci::use(seats, "seats"), soci::into(id);
      cons.push_back(id);
      std::vector<long long> ids;
      int order = 0;
      for (const auto& x : c.candidates) {
        ++order;
        const std::string n = x.name, b = x.birth, g = x.gender;
        long long cid = 0;
        s << "INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)"
             " VALUES (:c, :o, :n, :b, :g) RETURNING id",
            soci::use(id, "c"), soci::use(order, "o"), soci::use(n, "n"), soci::use(b, "b"), soci::use(g, "g"),
            soci::into(cid);
        ids.push_back(cid);
      }
      cand_ids.push_back(ids);
    }
    const char* const units[] = {"Phường Việt Trì", "Phường Nông Trang", "Phường Thanh Miếu", "Xã Hy Cương"};
    struct AreaPlan {
      long long id;
      std::size_t council;  // index in plan
      Turnout t;
    };
    std::vector<AreaPlan> areas;
    for (std::size_t k = 1; k < plan.size(); ++k)
      for (int half = 0; half < 2; ++half) {
        const int number = static_cast<int>(areas.size()) + 1;
        const std::string name = "Khu vực bỏ phiếu số " + std::to_string(number), unit = units[k - 1];
        const Turnout t = k == 4 ? low : normal;
        long long registered = t.registered, id = 0;
        s << "INSERT INTO election_polling_areas (election_id, number, name, unit, registered)"
             " VALUES (:e, :n, :name, :unit, :r) RETURNING id",
            soci::use(e, "e"), soci::use(number, "n"), soci::use(name, "name"), soci::use(unit, "unit"),
            soci::use(registered, "r"), soci::into(id);
        for (long long c : {cons[0], cons[k]})
          s << "INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (:a, :c)",
              soci::use(id, "a"), soci::use(c, "c");
        for (long long who : {first, second})
          s << "INSERT INTO election_team_members (area_id, account_id) VALUES (:a, :w)", soci::use(id, "a"),
              soci::use(who, "w");
        areas.push_back({id, k, t});
      }

    at(ctx, s, utc("2026-03-15T00:00:00Z"), [&](const Env& env) { return open_count(env, e, boss); });
    // Each area's minutes for its two constituencies, entered at 20:00 and checked at 20:30 (local).
    auto minutes_for = [&](const AreaPlan& a, std::size_t k) {
      MinutesInput in;
      in.area_id = a.id;
      in.constituency_id = cons[k];
      in.figures.voted = in.figures.issued = in.figures.received = a.t.voted;
      in.figures.invalid = a.t.invalid;
      in.figures.valid = a.t.voted - a.t.invalid;
      in.figures.invalid_by_ground = {{InvalidGround::no_stamp, 2},        {InvalidGround::too_many_names, 5},
                                      {InvalidGround::all_crossed_out, 3}, {InvalidGround::not_official_form, 0},
                                      {InvalidGround::added_text, 0}};
      for (std::size_t i = 0; i < plan[k].candidates.size(); ++i) {
        const int pct = plan[k].candidates[i].percent;
        // -1: exactly half of the area's valid ballots (the valid count is even here).
        in.figures.votes[cand_ids[k][i]] = pct < 0 ? in.figures.valid / 2 : in.figures.valid * pct / 100;
      }
      return in;
    };
    for (const auto& a : areas)
      for (std::size_t k : {std::size_t{0}, a.council}) {
        long long mid = 0;
        at(ctx, s, utc("2026-03-15T13:00:00Z"), [&](const Env& env) {
          Result r = enter_minutes(env, minutes_for(a, k), first);
          mid = r.id;
          return r;
        });
        at(ctx, s, utc("2026-03-15T13:30:00Z"), [&](const Env& env) { return check_minutes_by(env, mid, second); });
      }
    for (long long c : cons)
      at(ctx, s, utc("2026-03-17T03:00:00Z"), [&](const Env& env) { return certify(env, c, Round::first, "", boss); });
    at(ctx, s, utc("2026-03-25T03:00:00Z"), [&](const Env& env) { return announce(env, e, boss); });

    // ---- a commune by-election being counted ----
    const long long b = insert_id(
        s, "INSERT INTO elections (name, election_date, state, created_at) VALUES ('Bầu cử bổ sung đại biểu Hội đồng"
           " nhân dân xã Vĩnh Tường nhiệm kỳ 2026–2031', '2026-11-29', 'preparing', '2026-10-01T02:00:00Z') RETURNING id");
    s << "INSERT INTO election_committee_members (election_id, account_id) VALUES (:e, :a)", soci::use(b, "e"),
        soci::use(boss, "a");
    const long long bc = insert_id(
        s, "INSERT INTO election_constituencies (election_id, body, number, name, area, seats) VALUES (" +
               std::to_string(b) + ", 'commune_council', 1, 'Đơn vị bầu cử số 1', 'Thôn Đồng Lạc, thôn Bến Gạo', 1)"
               " RETURNING id");
    const char* const names[][3] = {{"Tô Văn Hiếu", "1980-02-12", "male"},
                                    {"Lò Thị Thanh", "1987-08-23", "female"},
                                    {"Đàm Văn Khải", "1975-05-15", "male"}};
    std::vector<long long> bcand;
    int order = 0;
    for (const auto& n : names) {
      ++order;
      const std::string name = n[0], birth = n[1], gender = n[2];
      long long id = 0;
      s << "INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)"
           " VALUES (:c, :o, :n, :b, :g) RETURNING id",
          soci::use(bc, "c"), soci::use(order, "o"), soci::use(name, "n"), soci::use(birth, "b"), soci::use(gender, "g"),
          soci::into(id);
      bcand.push_back(id);
    }
    std::vector<long long> barea;
    for (int number = 1; number <= 2; ++number) {
      const std::string name = number == 1 ? "Nhà văn hóa thôn Đồng Lạc" : "Nhà văn hóa thôn Bến Gạo";
      long long registered = number == 1 ? 812 : 645, id = 0;
      s << "INSERT INTO election_polling_areas (election_id, number, name, unit, registered)"
           " VALUES (:e, :n, :name, 'Xã Vĩnh Tường', :r) RETURNING id",
          soci::use(b, "e"), soci::use(number, "n"), soci::use(name, "name"), soci::use(registered, "r"), soci::into(id);
      s << "INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (:a, :c)", soci::use(id, "a"),
          soci::use(bc, "c");
      for (long long who : {first, second})
        s << "INSERT INTO election_team_members (area_id, account_id) VALUES (:a, :w)", soci::use(id, "a"),
            soci::use(who, "w");
      barea.push_back(id);
    }
    at(ctx, s, utc("2026-11-29T00:00:00Z"), [&](const Env& env) { return open_count(env, b, boss); });
    at(ctx, s, utc("2026-11-29T12:40:00Z"), [&](const Env& env) {
      MinutesInput in;
      in.area_id = barea[0];
      in.constituency_id = bc;
      in.figures.voted = in.figures.issued = in.figures.received = 760;
      in.figures.valid = 748;
      in.figures.invalid = 12;
      in.figures.votes = {{bcand[0], 402}, {bcand[1], 251}, {bcand[2], 95}};
      in.figures.complaints = "Một cử tri phản ánh việc niêm yết danh sách cử tri chậm; tổ bầu cử đã giải thích.";
      return enter_minutes(env, in, first);
    });
  });
}

}  // namespace tinhso::elections
