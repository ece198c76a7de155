// Generates the public consultation of the consultation benchmarks (bench/consultations.sh, issue
// 18): one published, closed and reported consultation of SO-NNMT on a draft resolution of
// --articles articles (chapters of about 12 articles; 3 clauses each, a third of them with points
// a–c in clause 2) written as text and split by the module's splitter (draft.h), 3 questions, and
// --comments comments (--count is the same, for bench/lib.sh kept_database) by --accounts citizen
// accounts (the first 60 are organisations), over the 30 days it was open:
//   * spread over the articles by a Zipf law (s = 1, a shuffled order: the busiest article gets
//     about a fifth), 5% on the whole draft; on an article 40%, on one of its clauses 45%, on a
//     point 15% (where it has points);
//   * 10% replies to a recent top-level comment of the same article; authors skewed (a few very
//     active citizens); 100–600 characters of Vietnamese;
//   * 0.2% of the top-level ones hidden with a reason; every other top-level one answered, by an
//     answer per 1–9 consecutive comments of the same article (≈ 1 per 5): accepted, partly or
//     explained, 100–400 characters;
//   * agreements: 40% of the visible comments have 1–71 (consultation_agrees rows, the agrees
//     column kept equal); answers to the questions by a third of the accounts;
//   * the report published 5 days ago, and its announcements marked made (consultation_announcements),
//     so a server started on the database does not fan out notices to every commenter.
// The consultation's set-up goes through the module's use cases (create, save_draft, add_question,
// publish, publish_report, at the moment each happened), the bulk rows through SQL in batches with
// a progress bar on stderr; nothing is audited (a no-op recorder). Prints the consultation's id on
// stdout. The database must hold the demo province (`tinhso migrate --db URL --demo`).
//
//   consultations_gen --db sqlite:var/bench/c.db [--comments 100000] [--articles 100]
//                     [--accounts 20000] [--seed 1] [--batch 2000]
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/progress.h"
#include "core/auth/clock.h"
#include "core/db/database.h"
#include "core/text/vietnamese.h"
#include "modules/consultations/draft.h"
#include "modules/consultations/rules.h"
#include "modules/consultations/store.h"
#include "modules/consultations/usecases.h"

using namespace tinhso;
using namespace tinhso::consultations;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;
using std::chrono::system_clock;

namespace {

// ---- vocabulary ----

const std::vector<std::string> kChapters = {
    "QUY ĐỊNH CHUNG", "HỖ TRỢ CHUYỂN ĐỔI CƠ CẤU CÂY TRỒNG, VẬT NUÔI", "HỖ TRỢ LIÊN KẾT SẢN XUẤT VÀ TIÊU THỤ SẢN PHẨM",
    "HỖ TRỢ PHÁT TRIỂN HẠ TẦNG NÔNG THÔN", "HỖ TRỢ ỨNG DỤNG KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ",
    "HỖ TRỢ ĐÀO TẠO NGHỀ VÀ GIẢI QUYẾT VIỆC LÀM", "NGUỒN KINH PHÍ, TRÌNH TỰ VÀ THỦ TỤC HỖ TRỢ",
    "TRÁCH NHIỆM CỦA CƠ QUAN, TỔ CHỨC, CÁ NHÂN", "ĐIỀU KHOẢN THI HÀNH"};
const std::vector<std::string> kHeadingHeads = {
    "Hỗ trợ", "Điều kiện hỗ trợ", "Mức hỗ trợ", "Đối tượng được hỗ trợ", "Hồ sơ đề nghị hỗ trợ", "Trình tự thẩm định",
    "Trách nhiệm", "Nguyên tắc hỗ trợ", "Phương thức thanh toán", "Kiểm tra, giám sát"};
const std::vector<std::string> kHeadingTails = {
    "chuyển đổi đất trồng lúa kém hiệu quả", "trồng cây ăn quả tập trung", "chăn nuôi tập trung ngoài khu dân cư",
    "nuôi trồng thủy sản", "xây dựng cánh đồng lớn", "liên kết tiêu thụ sản phẩm", "cấp chứng nhận VietGAP",
    "mua máy móc nông nghiệp", "xây dựng kênh mương nội đồng", "đường giao thông nội đồng", "hợp tác xã nông nghiệp",
    "sản phẩm OCOP", "ứng dụng công nghệ cao", "truy xuất nguồn gốc sản phẩm", "đào tạo nghề cho lao động nông thôn",
    "bảo hiểm nông nghiệp", "phòng, chống dịch bệnh động vật", "trồng rừng gỗ lớn"};
// Draft prose: a clause's sentences start with one of these (none a keyword of the splitter).
const std::vector<std::string> kClauseStarts = {
    "Hộ gia đình, cá nhân", "Hợp tác xã, tổ hợp tác", "Ủy ban nhân dân cấp xã", "Sở Nông nghiệp và Môi trường",
    "Ngân sách tỉnh", "Các dự án", "Diện tích chuyển đổi", "Tổ chức, cá nhân", "Doanh nghiệp", "Hồ sơ",
    "Trường hợp", "Kinh phí", "Thời gian hỗ trợ", "Cơ quan tiếp nhận", "Người sản xuất"};
const std::vector<std::string> kDraftWords = {
    "được hỗ trợ", "một lần", "kinh phí", "theo quy định", "tại khoản", "của Điều này", "không quá", "triệu đồng/ha",
    "phần trăm", "chi phí", "mua giống", "vật tư", "xây dựng", "hạ tầng", "trong thời hạn", "ngày làm việc",
    "kể từ ngày", "nhận đủ hồ sơ", "hợp lệ", "có trách nhiệm", "thẩm định", "phê duyệt", "danh sách", "công khai",
    "tại trụ sở", "thôn, tổ dân phố", "diện tích", "liền vùng", "tối thiểu", "0,5 ha", "trên địa bàn tỉnh",
    "giai đoạn 2026–2030", "phù hợp", "quy hoạch", "kế hoạch sử dụng đất", "cấp huyện", "chứng nhận", "an toàn",
    "hữu cơ", "sản phẩm", "hợp đồng", "liên kết", "tiêu thụ", "ít nhất", "03 năm", "cam kết", "duy trì", "sản xuất"};
// Comments and answers.
const std::vector<std::string> kCommentWords = {
    "đề nghị", "bổ sung", "quy định", "cơ quan", "có thẩm quyền", "người dân", "doanh nghiệp", "thủ tục", "hồ sơ",
    "thời hạn", "giải quyết", "trách nhiệm", "Ủy ban nhân dân", "cấp xã", "phù hợp", "thực tiễn", "địa phương",
    "làm rõ", "nội dung", "dự thảo", "không", "cần thiết", "vì", "hiện nay", "đã", "được", "hướng dẫn", "chi tiết",
    "bảo đảm", "quyền lợi", "hợp pháp", "của", "hộ gia đình", "trong", "quá trình", "thực hiện", "chính sách",
    "hỗ trợ", "mức hỗ trợ", "quá thấp", "nên nâng lên", "ngân sách", "đất trồng lúa", "cây ăn quả", "chăn nuôi",
    "giá giống", "tăng cao", "vùng đồi", "manh mún", "diện tích tối thiểu", "hợp tác xã", "liên kết", "đầu ra",
    "sản phẩm", "người cao tuổi", "hộ nghèo", "hộ cận nghèo", "ưu tiên", "công khai", "minh bạch", "trực tuyến",
    "dịch vụ công", "thôn", "nhà văn hóa", "giải ngân", "chậm", "hai đợt", "sau khi", "nghiệm thu", "rõ ràng"};
const std::vector<std::string> kCommentStarts = {"Đề nghị", "Tôi đề nghị", "Theo tôi", "Gia đình tôi thấy",
                                                 "Tôi đồng ý nhưng", "Đề nghị ban soạn thảo", "Ở xã tôi",
                                                 "Tôi không đồng ý vì"};
const std::vector<std::string> kAnswerStarts = {"Cơ quan soạn thảo tiếp thu ý kiến và", "Xin tiếp thu một phần:",
                                                "Xin giải trình như sau:", "Ban soạn thảo ghi nhận và"};
const std::vector<std::string> kHideReasons = {
    "Nội dung xúc phạm danh dự, nhân phẩm của cá nhân", "Quảng cáo, không liên quan đến dự thảo",
    "Chứa thông tin cá nhân của người khác", "Ý kiến trùng lặp, gửi nhiều lần"};
const std::vector<std::string> kSurnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
                                            "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"};
const std::vector<std::string> kMiddle = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân"};
const std::vector<std::string> kGiven = {"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan",
                                         "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trung",
                                         "Tuấn", "Vân", "Yến"};
const std::vector<std::string> kOrgKinds = {"Hợp tác xã nông nghiệp", "Công ty cổ phần nông sản", "Tổ hợp tác chăn nuôi",
                                            "Hội Nông dân xã", "Công ty TNHH giống cây trồng"};
const std::vector<std::string> kPlaces = {"Tam Dương", "Tiên Kiên", "Vĩnh Tường", "Lâm Thao", "Thanh Ba",
                                          "Hạ Hòa", "Yên Lạc", "Đoan Hùng", "Cẩm Khê", "Tân Sơn"};

class Gen {
 public:
  explicit Gen(unsigned long long seed) : rng(seed) {}
  std::mt19937_64 rng;
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  double unit() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  bool chance(double p) { return unit() < p; }
  const std::string& pick(const std::vector<std::string>& v) { return v[rng() % v.size()]; }

  // Sentences of `words` after a start from `starts`, about `chars` code points long.
  std::string prose(int chars, const std::vector<std::string>& starts, const std::vector<std::string>& words) {
    std::string s = pick(starts);
    int n = code_points(s), in_sentence = 1;
    while (n < chars) {
      if (in_sentence > 10 && chance(0.25)) {
        const std::string& st = pick(starts);
        s += ". " + st;
        n += 2 + code_points(st);
        in_sentence = 1;
        continue;
      }
      const std::string& w = pick(words);
      s += (in_sentence > 4 && chance(0.12) ? ", " : " ") + w;
      n += 1 + code_points(w);
      ++in_sentence;
    }
    return s + ".";
  }
  std::string person() { return pick(kSurnames) + " " + pick(kMiddle) + " " + pick(kGiven); }
  // A comment's length: mostly short, some long (100–600 code points).
  int comment_length() {
    const double u = unit();
    return u < 0.6 ? uniform(100, 250) : u < 0.9 ? uniform(250, 450) : uniform(450, 600);
  }

 private:
  static int code_points(const std::string& s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
};

// ---- the draft ----

std::string draft_text(Gen& g, int articles) {
  std::string t =
      "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ\n"
      "DỰ THẢO NGHỊ QUYẾT\n"
      "Quy định chính sách hỗ trợ phát triển sản xuất nông nghiệp, nông thôn trên địa bàn tỉnh Phú Thọ giai đoạn "
      "2026–2030\n"
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
      "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;\n"
      "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
      "Xét Tờ trình của Ủy ban nhân dân tỉnh về việc ban hành Nghị quyết quy định chính sách hỗ trợ phát triển sản "
      "xuất nông nghiệp, nông thôn;\n";
  const int chapters = std::max(1, std::min<int>(static_cast<int>(kChapters.size()), (articles + 11) / 12));
  const char* roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
  int article = 0;
  for (int c = 0; c < chapters; ++c) {
    t += "Chương " + std::string(roman[c]) + "\n" + kChapters[c == chapters - 1 && chapters > 1 ? kChapters.size() - 1 : c] + "\n";
    const int upto = articles * (c + 1) / chapters;
    while (article < upto) {
      ++article;
      t += "Điều " + std::to_string(article) + ". " + g.pick(kHeadingHeads) + " " + g.pick(kHeadingTails) + "\n";
      const bool points = article % 3 == 0;
      for (int k = 1; k <= 3; ++k) {
        t += std::to_string(k) + ". " + g.prose(g.uniform(150, 450), kClauseStarts, kDraftWords);
        if (points && k == 2) {
          t.back() = ':';
          t += "\n";
          for (const char* p : {"a", "b", "c"}) t += std::string(p) + ") " + g.prose(g.uniform(80, 200), kClauseStarts, kDraftWords) + "\n";
        } else {
          t += "\n";
        }
      }
    }
  }
  t += "Nơi nhận:\n- Ủy ban Thường vụ Quốc hội;\n- Chính phủ;\n- Thường trực Tỉnh ủy;\n- Lưu: VT.\n"
       "TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\n";
  return t;
}

// Where a comment on an article may go: the article, its clauses, its points.
struct Page {
  std::string anchor;
  std::vector<std::string> clauses, points;
  std::vector<std::size_t> top;  // its top-level comments so far (indexes in main's `tops`), for replies
};

std::vector<Page> pages_of(const std::vector<Unit>& units) {
  std::vector<Page> out;
  std::map<std::string, std::size_t> index;
  for (const auto& u : units) {
    if (u.kind == UnitKind::article) {
      index[u.anchor] = out.size();
      out.push_back({u.anchor, {}, {}, {}});
    } else if (u.kind == UnitKind::clause && index.count(u.parent)) {
      out[index.at(u.parent)].clauses.push_back(u.anchor);
      index[u.anchor] = index.at(u.parent);
    } else if (u.kind == UnitKind::point && index.count(u.parent)) {
      out[index.at(u.parent)].points.push_back(u.anchor);
    }
  }
  return out;
}

// ---- steps ----

template <class Fn>
void step(soci::session& s, db::Dialect dialect, system_clock::time_point when, const char* what, Fn&& fn) {
  const auth::FakeClock clock(when);
  const audit::Recorder none = [](soci::session&, const audit::Change&) {};
  const Env env{s, dialect, clock, none, nullptr};
  const Result r = fn(env);
  if (!r.ok()) throw std::runtime_error(std::string(what) + " refused: " + std::string(error_code(r.error)));
}

long long one_id(soci::session& s, const std::string& sql) {
  long long id = 0;
  s << sql, soci::into(id);
  return id;
}

struct Account {
  long long id = 0;
  std::string name, organisation;
};

std::vector<Account> make_accounts(db::Database& database, Gen& g, int n, const std::string& at, std::size_t batch) {
  std::vector<Account> out;
  out.reserve(n);
  bench::Progress progress(n, "accounts");
  while (static_cast<int>(out.size()) < n) {
    const int upto = std::min<int>(n, static_cast<int>(out.size() + batch));
    database.transaction([&](soci::session& s) {
      Account a;
      std::string email, org;
      soci::statement st = (s.prepare << "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at,"
                                         " confirmed_at) VALUES (:e, :n, 'citizen', 'active', :t1, :t2, :t3) RETURNING id",
                            soci::use(email, "e"), soci::use(a.name, "n"), soci::use(at, "t1"), soci::use(at, "t2"),
                            soci::use(at, "t3"), soci::into(a.id));
      soci::statement os = (s.prepare << "INSERT INTO consultation_organisations (account_id, name, registration,"
                                         " representative, position, updated_at) VALUES (:a, :n, :r, :p, 'Giám đốc', :t)",
                            soci::use(a.id, "a"), soci::use(org, "n"), soci::use(email, "r"), soci::use(a.name, "p"),
                            soci::use(at, "t"));
      for (int i = static_cast<int>(out.size()); i < upto; ++i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "gopy-%06d@bench.tinhso.vn", i + 1);
        email = buf;
        a.name = g.person();
        st.execute(true);
        a.organisation.clear();
        if (i < 60) {  // the first accounts comment for an organisation
          org = g.pick(kOrgKinds) + " " + g.pick(kPlaces) + " " + std::to_string(i + 1);
          std::snprintf(buf, sizeof buf, "25%08d", i + 1);
          email = buf;  // the registration code
          os.execute(true);
          a.organisation = org;
        }
        out.push_back(a);
      }
    });
    progress.show(static_cast<long long>(out.size()));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Generate a consultation with its comments for the benchmarks"};
  std::string url;
  int comments = 100'000, articles = 100, accounts = 20'000;
  unsigned long long seed = 1;
  std::size_t batch = 2000;
  cli.add_option("--db", url, "Database URL (sqlite:PATH or postgresql://…)")->required();
  cli.add_option("--comments,--count", comments, "How many comments (replies included)")->check(CLI::Range(1, 10'000'000));
  cli.add_option("--articles", articles, "Articles of the draft")->check(CLI::Range(1, 1000));
  cli.add_option("--accounts", accounts, "Citizen accounts that comment")->check(CLI::Range(100, 1'000'000));
  cli.add_option("--seed", seed, "Random seed");
  cli.add_option("--batch", batch, "Rows per transaction")->check(CLI::Range(1, 100'000));
  CLI11_PARSE(cli, argc, argv);
  if (sodium_init() < 0) return 1;

  db::Database database(url, 2);
  const db::Dialect dialect = database.dialect();
  Gen g(seed);
  const auto now = system_clock::now();
  const auto created = now - days(64), opens = now - days(60), closes = now - days(30), reported = now - days(5);

  // ---- the consultation, through the use cases ----
  const long long agency = database.with_session(
      [](soci::session& s) { return one_id(s, "SELECT COALESCE(MAX(id), 0) FROM agencies WHERE code = 'SO-NNMT'"); });
  const long long drafter = database.with_session([](soci::session& s) {
    return one_id(s, "SELECT COALESCE(MAX(id), 0) FROM accounts WHERE email = 'nongnghiep@demo.tinhso.vn'");
  });
  if (!agency || !drafter) {
    std::fprintf(stderr, "consultations_gen: no demo province: run `tinhso migrate --db URL --demo` first\n");
    return 2;
  }
  const auto split = split_draft(paragraphs_from_text(draft_text(g, articles)));
  std::vector<Page> pages = pages_of(split.units);
  if (!split.warnings.empty() || split.truncated || static_cast<int>(pages.size()) != articles) {
    for (const auto& w : split.warnings) std::fprintf(stderr, "consultations_gen: draft: %s\n", w.c_str());
    std::fprintf(stderr, "consultations_gen: the draft split into %zu articles, not %d\n", pages.size(), articles);
    return 3;
  }
  long long id = 0;
  std::vector<Question> qs;
  database.transaction([&](soci::session& s) {
    DetailsInput in;
    in.title = "Dự thảo Nghị quyết quy định chính sách hỗ trợ phát triển sản xuất nông nghiệp, nông thôn trên địa "
               "bàn tỉnh Phú Thọ giai đoạn 2026–2030";
    in.summary = "Sở Nông nghiệp và Môi trường lấy ý kiến Nhân dân, tổ chức, doanh nghiệp về dự thảo Nghị quyết "
                 "(bản dự thảo để đo hiệu năng: " + std::to_string(articles) + " điều).";
    in.kind = "legal_document";
    in.legal_basis = "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15.";
    in.field = "Nông nghiệp";
    in.opens = local_input(opens);
    in.closes = local_input(closes);
    in.agency_id = agency;
    step(s, dialect, created, "create_consultation", [&](const Env& env) {
      Result r = create_consultation(env, in, drafter);
      id = r.id;
      return r;
    });
    step(s, dialect, created + hours(1), "save_draft", [&](const Env& env) {
      return save_draft(env, id, split.units, "du-thao-nghi-quyet-bench.docx", "", drafter);
    });
    step(s, dialect, created + hours(2), "add_question", [&](const Env& env) {
      return add_question(env, id, "Anh/chị có đồng ý với mức hỗ trợ 20 triệu đồng/ha cho diện tích chuyển đổi không?",
                          false, false, {"Đồng ý", "Nên cao hơn", "Nên thấp hơn"}, drafter);
    });
    step(s, dialect, created + hours(2), "add_question", [&](const Env& env) {
      return add_question(env, id, "Chính sách nên ưu tiên hỗ trợ những hình thức nào?", true, true,
                          {"Trồng cây ăn quả", "Chăn nuôi tập trung", "Nuôi trồng thủy sản", "Trồng rau an toàn"},
                          drafter);
    });
    step(s, dialect, created + hours(2), "add_question", [&](const Env& env) {
      return add_question(env, id, "Thời gian hỗ trợ 03 năm là phù hợp?", false, false, {"Phù hợp", "Chưa phù hợp"},
                          drafter);
    });
    step(s, dialect, created + hours(3), "publish", [&](const Env& env) {
      return publish(env, id, load_consultation(env.s, id)->version, drafter);
    });
    qs = questions(s, id, false);
  });

  // ---- accounts ----
  const std::vector<Account> people = make_accounts(database, g, accounts, auth::iso_utc(created - days(300)), batch);

  // ---- comments, in time order ----
  std::vector<long long> offsets(static_cast<std::size_t>(comments));
  const long long open_seconds = std::chrono::duration_cast<seconds>(closes - opens).count() - 60;
  for (auto& o : offsets) o = std::uniform_int_distribution<long long>(0, open_seconds)(g.rng);
  std::sort(offsets.begin(), offsets.end());
  // Zipf weights over a shuffled order of the articles.
  std::vector<std::size_t> order(pages.size());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), g.rng);
  std::vector<double> weight(pages.size());
  for (std::size_t r = 0; r < order.size(); ++r) weight[order[r]] = 1.0 / static_cast<double>(r + 1);
  std::discrete_distribution<std::size_t> article_of(weight.begin(), weight.end());
  Page whole{"", {}, {}, {}};
  struct Posted {
    long long id;
    std::size_t page;  // pages.size() = the whole draft
    int author;
    std::size_t at;    // index in offsets
    std::string anchor;
  };
  std::vector<Posted> tops, all;  // the top-level comments, and every comment, in id order
  {
    bench::Progress progress(comments, "comments");
    int done = 0;
    while (done < comments) {
      const int upto = std::min<int>(comments, done + static_cast<int>(batch));
      database.transaction([&](soci::session& s) {
        long long cid = id, cmid = 0, parent = 0, account = 0;
        int version = 1;
        std::string anchor, page_anchor, name, org, body, fold, at;
        soci::statement st =
            (s.prepare << "INSERT INTO consultation_comments (consultation_id, version_number, anchor, page_anchor,"
                          " parent_id, account_id, author_name, organisation, body, body_fold, created_at)"
                          " VALUES (:c, :v, :anchor, :page, NULLIF(:parent, 0), :account, :name, :org, :body, :fold, :at)"
                          " RETURNING id",
             soci::use(cid, "c"), soci::use(version, "v"), soci::use(anchor, "anchor"), soci::use(page_anchor, "page"),
             soci::use(parent, "parent"),
             soci::use(account, "account"), soci::use(name, "name"), soci::use(org, "org"), soci::use(body, "body"),
             soci::use(fold, "fold"), soci::use(at, "at"), soci::into(cmid));
        for (int i = done; i < upto; ++i) {
          const bool general = g.chance(0.05);
          const std::size_t pi = general ? pages.size() : article_of(g.rng);
          Page& page = general ? whole : pages[pi];
          const int author = static_cast<int>(std::pow(g.unit(), 1.5) * static_cast<double>(people.size())) %
                             static_cast<int>(people.size());
          parent = 0;
          // The unit commented on; a reply (to a recent top-level comment of the page) is on its parent's.
          if (!page.top.empty() && g.chance(0.10)) {
            const std::size_t recent = std::min<std::size_t>(page.top.size(), 300);
            const Posted& p = tops[page.top[page.top.size() - 1 - g.rng() % recent]];
            parent = p.id;
            anchor = p.anchor;
          } else if (general) {
            anchor.clear();
          } else {
            const double u = g.unit();
            if (u < 0.40 || page.clauses.empty())
              anchor = page.anchor;
            else if (u < 0.85 || page.points.empty())
              anchor = page.clauses[g.rng() % page.clauses.size()];
            else
              anchor = page.points[g.rng() % page.points.size()];
          }
          page_anchor = page.anchor;
          account = people[author].id;
          name = people[author].name;
          org = people[author].organisation;
          body = g.prose(g.comment_length(), kCommentStarts, kCommentWords);
          fold = text::fold(body);
          at = auth::iso_utc(opens + seconds(offsets[static_cast<std::size_t>(i)]));
          st.execute(true);
          const Posted posted{cmid, pi, author, static_cast<std::size_t>(i), anchor};
          if (parent == 0) {
            page.top.push_back(tops.size());
            tops.push_back(posted);
          }
          all.push_back(posted);
        }
      });
      done = upto;
      progress.show(done);
    }
  }

  // ---- moderation: 0.2% of the top-level comments hidden, a day or two after they came ----
  std::vector<bool> hidden(tops.size(), false);
  database.transaction([&](soci::session& s) {
    long long cmid = 0, by = drafter;
    std::string reason, at;
    soci::statement st = (s.prepare << "UPDATE consultation_comments SET hidden_at = :at, hidden_reason = :r,"
                                       " hidden_by = :by WHERE id = :c",
                          soci::use(at, "at"), soci::use(reason, "r"), soci::use(by, "by"), soci::use(cmid, "c"));
    for (std::size_t i = 0; i < tops.size(); ++i) {
      if (!g.chance(0.002)) continue;
      hidden[i] = true;
      cmid = tops[i].id;
      reason = g.pick(kHideReasons);
      at = auth::iso_utc(std::min(closes, opens + seconds(offsets[tops[i].at]) + hours(g.uniform(6, 48))));
      st.execute(true);
    }
  });

  // ---- answers: every visible top-level comment, 1–9 consecutive ones of a page per answer ----
  {
    std::map<std::size_t, std::vector<long long>> by_page;
    for (std::size_t i = 0; i < tops.size(); ++i)
      if (!hidden[i]) by_page[tops[i].page].push_back(tops[i].id);
    std::vector<std::pair<std::size_t, std::vector<long long>>> groups;
    for (auto& [page, ids] : by_page)
      for (std::size_t k = 0; k < ids.size();) {
        const std::size_t n = std::min<std::size_t>(ids.size() - k, static_cast<std::size_t>(g.uniform(1, 9)));
        groups.push_back({page, {ids.begin() + static_cast<long>(k), ids.begin() + static_cast<long>(k + n)}});
        k += n;
      }
    bench::Progress progress(static_cast<long long>(groups.size()), "answers");
    const long long answer_span = std::chrono::duration_cast<seconds>(reported - closes).count() - 3600;
    std::size_t done = 0;
    while (done < groups.size()) {
      const std::size_t upto = std::min(groups.size(), done + batch);
      database.transaction([&](soci::session& s) {
        long long cid = id, aid = 0, cmid = 0, by = drafter;
        std::string kind, body, changed, at;
        soci::statement ins = (s.prepare << "INSERT INTO consultation_answers (consultation_id, kind, body,"
                                            " changed_anchor, created_at, created_by, updated_at)"
                                            " VALUES (:c, :k, :b, :ch, :at, :by, :at2) RETURNING id",
                               soci::use(cid, "c"), soci::use(kind, "k"), soci::use(body, "b"),
                               soci::use(changed, "ch"), soci::use(at, "at"), soci::use(by, "by"),
                               soci::use(at, "at2"), soci::into(aid));
        soci::statement upd = (s.prepare << "UPDATE consultation_comments SET answer_id = :a WHERE id = :c",
                               soci::use(aid, "a"), soci::use(cmid, "c"));
        for (std::size_t i = done; i < upto; ++i) {
          const auto& [page, ids] = groups[i];
          const double u = g.unit();
          kind = u < 0.35 ? "accepted" : u < 0.55 ? "partly" : "explained";
          body = g.prose(g.uniform(100, 400), kAnswerStarts, kCommentWords);
          changed = kind != "explained" && page < pages.size() ? pages[page].anchor : "";
          at = auth::iso_utc(closes + seconds(std::uniform_int_distribution<long long>(0, answer_span)(g.rng)));
          ins.execute(true);
          for (long long c : ids) {
            cmid = c;
            upd.execute(true);
          }
        }
      });
      done = upto;
      progress.show(static_cast<long long>(done));
    }
  }

  // ---- agreements: 40% of the visible comments, 1–71 accounts each ----
  {
    std::map<long long, bool> hidden_ids;  // hidden ones get none
    for (std::size_t i = 0; i < tops.size(); ++i)
      if (hidden[i]) hidden_ids[tops[i].id] = true;
    bench::Progress progress(static_cast<long long>(all.size()), "comments agreed with");
    std::size_t done = 0;
    long long rows = 0;
    while (done < all.size()) {
      const std::size_t upto = std::min(all.size(), done + batch);
      database.transaction([&](soci::session& s) {
        long long cmid = 0, acc = 0;
        int n = 0;
        std::string at;
        soci::statement ins = (s.prepare << "INSERT INTO consultation_agrees (comment_id, account_id, created_at)"
                                            " VALUES (:c, :a, :at)",
                               soci::use(cmid, "c"), soci::use(acc, "a"), soci::use(at, "at"));
        soci::statement upd = (s.prepare << "UPDATE consultation_comments SET agrees = :n WHERE id = :c",
                               soci::use(n, "n"), soci::use(cmid, "c"));
        for (std::size_t i = done; i < upto; ++i) {
          if (hidden_ids.count(all[i].id) || !g.chance(0.4)) continue;
          cmid = all[i].id;
          n = 1 + static_cast<int>(std::pow(g.unit(), 6) * 71);
          const auto from = opens + seconds(offsets[all[i].at]);
          const long long left = std::max<long long>(60, std::chrono::duration_cast<seconds>(closes - from).count() - 1);
          std::size_t first = g.rng() % people.size();
          int made = 0;
          for (std::size_t k = 0; made < n; ++k) {
            const std::size_t who = (first + k) % people.size();
            if (static_cast<int>(who) == all[i].author) continue;
            acc = people[who].id;
            at = auth::iso_utc(from + seconds(std::uniform_int_distribution<long long>(1, left)(g.rng)));
            ins.execute(true);
            ++made;
          }
          upd.execute(true);
          rows += n;
        }
      });
      done = upto;
      progress.show(static_cast<long long>(done));
    }
    std::fprintf(stderr, "consultations_gen: %lld agreements\n", rows);
  }

  // ---- answers to the questions: a third of the accounts ----
  database.transaction([&](soci::session& s) {
    long long qid = 0, acc = 0, oid = 0;
    std::string other, at;
    soci::statement rs = (s.prepare << "INSERT INTO consultation_responses (question_id, account_id, other_text,"
                                       " created_at) VALUES (:q, :a, :o, :at)",
                          soci::use(qid, "q"), soci::use(acc, "a"), soci::use(other, "o"), soci::use(at, "at"));
    soci::statement os = (s.prepare << "INSERT INTO consultation_response_options (question_id, account_id, option_id)"
                                       " VALUES (:q, :a, :o)",
                          soci::use(qid, "q"), soci::use(acc, "a"), soci::use(oid, "o"));
    const long long open_s = std::chrono::duration_cast<seconds>(closes - opens).count() - 60;
    for (std::size_t i = 0; i < people.size(); i += 3) {
      acc = people[i].id;
      at = auth::iso_utc(opens + seconds(std::uniform_int_distribution<long long>(0, open_s)(g.rng)));
      for (const auto& q : qs) {
        qid = q.id;
        other = q.allow_other && g.chance(0.08) ? g.prose(60, kCommentStarts, kCommentWords) : "";
        rs.execute(true);
        // A single choice: one option (the first ones likelier); several: each with 40%.
        bool chose = false;
        for (std::size_t k = 0; k < q.options.size(); ++k) {
          const bool take = q.multiple ? g.chance(0.4) : !chose && (k + 1 == q.options.size() || g.chance(0.55));
          if (!take) continue;
          if (!q.multiple && !other.empty()) break;  // the "other" text is its one answer
          oid = q.options[k].id;
          os.execute(true);
          chose = true;
        }
        if (!chose && other.empty()) {
          oid = q.options.front().id;
          os.execute(true);
        }
      }
    }
  });

  // ---- the report, and its announcements made ----
  database.transaction([&](soci::session& s) {
    step(s, dialect, reported, "publish_report", [&](const Env& env) {
      return publish_report(env, id,
                            "Sở Nông nghiệp và Môi trường đã tiếp thu, giải trình đầy đủ các ý kiến góp ý và hoàn "
                            "thiện dự thảo trình Ủy ban nhân dân tỉnh.",
                            drafter);
    });
    long long cid = id;
    const std::string o = auth::iso_utc(opens), c = auth::iso_utc(closes - days(3)), r = auth::iso_utc(reported);
    s << "INSERT INTO consultation_announcements (consultation_id, event, made_at) VALUES (:c1, 'opened', :o),"
         " (:c2, 'closing', :cl), (:c3, 'report', :r)",
        soci::use(cid, "c1"), soci::use(o, "o"), soci::use(cid, "c2"), soci::use(c, "cl"), soci::use(cid, "c3"),
        soci::use(r, "r");
  });
  std::fprintf(stderr, "consultations_gen: consultation %lld: %d articles (%zu units), %d comments (%zu top-level)\n",
               id, articles, split.units.size(), comments, tops.size());
  std::printf("%lld\n", id);
  return 0;
}
