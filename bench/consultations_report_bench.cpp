// The summary report of a consultation at the size issue 18 sets: a draft of 100 articles and
// 100,000 comments, the report generated in under 10 s (PDF and XLSX each). Builds a synthetic
// ReportInput — comments of 100–600 characters of Vietnamese, authors people and organisations,
// 5% hidden, 85% answered (accepted / partly / explained, 100–400 characters, comments answered
// together in groups of 1–4), 5 questions — then renders it --rounds times and prints the median
// time, the page count and the size of each output.
//
//   consultations_report_bench [--comments 100000] [--articles 100] [--rounds 3] [--seed 1]
//                              [--out DIR]   (writes report.pdf and report.xlsx there)
//
// Measured 2026-12-06 (RelWithDebInfo, 2 vCPUs shared with other builds — load average 3–5):
// `build/consultations_report_bench --rounds 3` → PDF median 26.1 s (rounds 35.5, 23.7, 26.1 s),
// 32,326 pages, 86 MB; XLSX median 4.3 s, 14 MB. The PDF misses issue 18's 10 s: with table cells
// set by core/document/pdf.cpp's CellSetter instead of a PangoLayout each (2.2 times faster at
// 5,000 comments: 4.16 → 1.87 s), most of the time is cairo 1.16 writing ≈50 million glyphs
// (≈0.25 µs a glyph measured alone, plus its page replay and deflate).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "modules/consultations/report.h"

using namespace tinhso::consultations;

namespace {

const std::vector<std::string> kWords = {
    "đề nghị", "bổ sung", "quy định", "cơ quan", "nhà nước", "có thẩm quyền", "người dân", "doanh nghiệp",
    "thủ tục", "hành chính", "hồ sơ", "thời hạn", "giải quyết", "trách nhiệm", "Ủy ban nhân dân", "cấp xã",
    "cấp tỉnh", "phù hợp", "thực tiễn", "địa phương", "làm rõ", "nội dung", "khoản", "điều", "dự thảo",
    "không", "cần", "thiết", "vì", "hiện nay", "đã", "được", "quy định tại", "Luật", "Nghị định", "hướng dẫn",
    "chi tiết", "thi hành", "bảo đảm", "quyền", "lợi ích", "hợp pháp", "của", "tổ chức", "cá nhân", "trong",
    "quá trình", "thực hiện", "chính sách", "hỗ trợ", "kinh phí", "ngân sách", "đất đai", "bồi thường",
    "tái định cư", "môi trường", "xây dựng", "giao thông", "nông thôn", "mới", "đô thị", "quản lý", "kiểm tra",
    "giám sát", "công khai", "minh bạch", "trực tuyến", "dịch vụ công", "chuyển đổi số", "ứng dụng", "công nghệ",
    "thông tin", "đối tượng", "áp dụng", "phạm vi", "điều chỉnh", "mức", "thu", "phí", "lệ phí", "miễn", "giảm",
    "ưu tiên", "hộ nghèo", "người cao tuổi", "khuyết tật", "trẻ em", "học sinh", "giáo dục", "y tế", "văn hóa",
    "du lịch", "rừng", "nước sạch", "vệ sinh", "an toàn", "thực phẩm", "lao động", "việc làm", "đào tạo",
    "nghề", "tiền lương", "bảo hiểm", "xã hội", "thời gian", "ngày làm việc", "kể từ ngày", "nhận đủ",
    "hồ sơ hợp lệ", "văn bản", "trả lời", "lý do", "từ chối", "sửa đổi", "thay thế", "bãi bỏ", "hiệu lực",
    "thi hành kể từ", "năm 2026", "tỷ lệ", "phần trăm", "tối thiểu", "tối đa", "trường hợp", "đặc biệt",
};
const std::vector<std::string> kSurnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"};
const std::vector<std::string> kMiddle = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Xuân"};
const std::vector<std::string> kGiven = {"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trung", "Tuấn", "Vân", "Yến"};
const std::vector<std::string> kOrgs = {"Hợp tác xã nông nghiệp Tân Phú", "Công ty cổ phần Xây dựng Hùng Vương",
                                        "Hội Nông dân xã Tiên Kiên", "Liên đoàn Lao động tỉnh",
                                        "Hiệp hội Doanh nghiệp tỉnh Phú Thọ", "Trường Trung học phổ thông Việt Trì"};

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(uniform(0, static_cast<int>(v.size()) - 1))]; }

  // Sentences of policy vocabulary, `chars` characters (code points) long, give or take a word.
  std::string text(int chars) {
    std::string s;
    int n = 0, in_sentence = 0;
    while (n < chars) {
      const std::string& w = pick(kWords);
      if (!s.empty()) {
        s += in_sentence > 8 && chance(0.3) ? (chance(0.5) ? ". " : ", ") : " ";
        n += 2;
        if (s[s.size() - 2] == '.') in_sentence = 0;
      }
      s += in_sentence == 0 ? "Đề nghị " + w : w;
      n += utf8_chars(w) + (in_sentence == 0 ? 8 : 0);
      ++in_sentence;
    }
    return s + ".";
  }
  std::string person() { return pick(kSurnames) + " " + pick(kMiddle) + " " + pick(kGiven); }

 private:
  static int utf8_chars(const std::string& s) {
    return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }
  std::mt19937 rng_;
};

ReportLabels labels() {
  ReportLabels l;
  l.counts = "Tổng số {comments} ý kiến của {people} cá nhân và {organisations} tổ chức ({hidden} ý kiến đã ẩn); "
             "tiếp thu {accepted}, tiếp thu một phần {partly}, giải trình {explained}, chưa giải trình {unanswered}.";
  l.comments_heading = "I. TỔNG HỢP Ý KIẾN GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH";
  l.questions_heading = "II. KẾT QUẢ LẤY Ý KIẾN THEO CÂU HỎI";
  l.no_comments = "Không có ý kiến góp ý.";
  l.col_unit = "Điều, khoản";
  l.col_author = "Tổ chức, cá nhân góp ý";
  l.col_comment = "Nội dung góp ý";
  l.col_answer = "Ý kiến tiếp thu, giải trình";
  l.col_submitted = "Ngày góp ý";
  l.col_agrees = "Số người đồng tình";
  l.col_answer_kind = "Hình thức";
  l.col_changed_unit = "Điều khoản đã chỉnh lý";
  l.whole_draft = "Toàn văn dự thảo / Ý kiến chung";
  l.answer_accepted = "Tiếp thu";
  l.answer_partly = "Tiếp thu một phần";
  l.answer_explained = "Giải trình";
  l.answer_none = "Chưa giải trình";
  l.hidden = "(Ý kiến đã ẩn: {reason})";
  l.hidden_no_reason = "(Ý kiến đã ẩn)";
  l.same_answer = "Như giải trình tại STT {n}";
  l.changed_unit = "Đã chỉnh lý: {unit}";
  l.agrees = "{n} người đồng tình";
  l.continued = "(tiếp theo ý kiến STT {n})";
  l.q_col_question = "Câu hỏi";
  l.q_col_option = "Phương án";
  l.q_col_count = "Số lượt chọn";
  l.q_col_percent = "Tỷ lệ";
  l.q_other = "Ý kiến khác";
  l.q_respondents = "Số người trả lời";
  return l;
}

ReportInput synthetic(int comments, int articles, unsigned seed) {
  Gen g(seed);
  ReportInput in;
  in.agency_parent = "UBND TỈNH PHÚ THỌ";
  in.agency = "SỞ TƯ PHÁP";
  in.number = "Số: 125/BC-STP";
  in.place_date = "Phú Thọ, ngày 26 tháng 11 năm 2026";
  in.title = "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý";
  in.subtitle = "Dự thảo Nghị quyết quy định chính sách hỗ trợ phát triển kinh tế nông thôn";
  in.intro_paragraphs = {"Sở Tư pháp đã đăng tải toàn văn dự thảo trên Cổng thông tin điện tử của tỉnh để lấy ý kiến "
                         "từ ngày 01/10/2026 đến ngày 20/10/2026."};
  in.signer = {"GIÁM ĐỐC", "", "Trần Văn Bình"};
  in.labels = labels();
  in.created = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};
  in.groups.push_back({"", {}});
  for (int a = 1; a <= articles; ++a) in.groups.push_back({"Điều " + std::to_string(a) + ". " + g.text(40), {}});
  std::int64_t answer_group = 0;
  int left_in_group = 0;
  ReportComment shared;
  for (int i = 0; i < comments; ++i) {
    // Most comments are on articles; a tenth on the whole draft.
    auto& group = in.groups[static_cast<std::size_t>(g.chance(0.1) ? 0 : g.uniform(1, articles))];
    ReportComment c;
    c.id = i + 1;
    const bool org = g.chance(0.15);
    c.organisation = org;
    c.author = org ? g.pick(kOrgs) + " (người đại diện: " + g.person() + ")" : g.person();
    c.author_id = org ? g.uniform(1, 300) : g.uniform(1000, 60000);
    if (!group.unit_label.empty() && g.chance(0.5))
      c.unit_label = "Khoản " + std::to_string(g.uniform(1, 6)) + " " + group.unit_label.substr(0, group.unit_label.find('.'));
    c.submitted = std::to_string(g.uniform(10, 28)) + "/10/2026";
    c.text = g.text(g.uniform(100, 600));
    c.agrees = g.chance(0.3) ? g.uniform(1, 40) : 0;
    if (g.chance(0.05)) {
      c.hidden = true;
      c.hidden_reason = "công kích cá nhân";
    }
    if (g.chance(0.85)) {
      if (left_in_group == 0) {
        left_in_group = g.uniform(1, 4);
        ++answer_group;
        const int k = g.uniform(0, 9);
        shared.answer_kind = k < 5 ? AnswerKind::accepted : k < 7 ? AnswerKind::partly_accepted : AnswerKind::explained;
        shared.answer_text = g.text(g.uniform(100, 400));
        shared.changed_unit = shared.answer_kind == AnswerKind::explained ? "" : "Khoản 2 Điều " + std::to_string(g.uniform(1, articles));
      }
      --left_in_group;
      c.answer_kind = shared.answer_kind;
      c.answer_text = shared.answer_text;
      c.changed_unit = shared.changed_unit;
      c.answer_group = answer_group;
    }
    group.comments.push_back(std::move(c));
  }
  for (int q = 1; q <= 5; ++q) {
    ReportQuestion rq{"Câu " + std::to_string(q) + ". " + g.text(120) + "?", {}, g.uniform(5000, 20000), g.uniform(0, 500)};
    for (int o = 0; o < 4; ++o) rq.options.emplace_back(g.text(40), g.uniform(0, 5000));
    in.questions.push_back(std::move(rq));
  }
  return in;
}

// The PDF's page count: the /Count of its page tree.
long long pages_of(const std::string& pdf) {
  const std::size_t pages = pdf.rfind("/Type /Pages");
  const std::size_t count = pages == std::string::npos ? pages : pdf.find("/Count ", pages);
  return count == std::string::npos ? 0 : std::stoll(pdf.substr(count + 7, 20));
}

struct Timing {
  double median_s = 0;
  std::string bytes;
};

Timing measure(int rounds, const std::function<std::string()>& render) {
  std::vector<double> secs;
  Timing t;
  for (int r = 0; r < rounds; ++r) {
    const auto start = std::chrono::steady_clock::now();
    t.bytes = render();
    secs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::fprintf(stderr, "  round %d: %.2f s\n", r + 1, secs.back());
  }
  std::sort(secs.begin(), secs.end());
  t.median_s = secs[secs.size() / 2];
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Renders the summary report of a synthetic consultation; prints median times and sizes."};
  int comments = 100000, articles = 100, rounds = 3;
  unsigned seed = 1;
  std::string out;
  app.add_option("--comments", comments, "comments")->check(CLI::Range(1, 10000000));
  app.add_option("--articles", articles, "articles of the draft")->check(CLI::Range(1, 10000));
  app.add_option("--rounds", rounds, "renders of each output; the median is printed")->check(CLI::Range(1, 100));
  app.add_option("--seed", seed, "random seed");
  app.add_option("--out", out, "directory to write report.pdf and report.xlsx to");
  CLI11_PARSE(app, argc, argv);

  auto start = std::chrono::steady_clock::now();
  const ReportInput in = synthetic(comments, articles, seed);
  long long chars = 0;
  for (const auto& g : in.groups)
    for (const auto& c : g.comments) chars += static_cast<long long>(c.text.size());
  std::printf("input: %d comments on %d articles (%.1f MB of comment text), built in %.2f s\n", comments, articles,
              static_cast<double>(chars) / 1e6,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());

  std::fprintf(stderr, "PDF:\n");
  const Timing pdf = measure(rounds, [&] { return render_report_pdf(in); });
  std::printf("pdf:  median %.2f s of %d rounds, %lld pages, %.1f MB\n", pdf.median_s, rounds, pages_of(pdf.bytes),
              static_cast<double>(pdf.bytes.size()) / 1e6);
  std::fprintf(stderr, "XLSX:\n");
  const Timing xlsx = measure(rounds, [&] { return render_report_xlsx(in); });
  std::printf("xlsx: median %.2f s of %d rounds, %.1f MB\n", xlsx.median_s, rounds,
              static_cast<double>(xlsx.bytes.size()) / 1e6);
  if (!out.empty()) {
    std::ofstream(out + "/report.pdf", std::ios::binary) << pdf.bytes;
    std::ofstream(out + "/report.xlsx", std::ios::binary) << xlsx.bytes;
  }
  return 0;
}
