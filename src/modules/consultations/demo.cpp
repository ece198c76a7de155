#include "modules/consultations/demo.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/consultations/draft.h"
#include "modules/consultations/rules.h"
#include "modules/consultations/store.h"
#include "modules/consultations/usecases.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_consultations_data();
}

namespace tinhso::consultations {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::system_clock;

// The open consultation's draft: a commune's plan put to its residents (Law 10/2022/QH15 Art. 25).
constexpr const char* kOpenDraft =
    "ỦY BAN NHÂN DÂN XÃ VĨNH TƯỜNG\n"
    "DỰ THẢO KẾ HOẠCH\n"
    "Cải tạo, nâng cấp đường giao thông nông thôn và kênh mương nội đồng năm 2027\n"
    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;\n"
    "Điều 1. Mục đích, yêu cầu\n"
    "1. Cải tạo các tuyến đường trục thôn đã xuống cấp, bảo đảm đi lại thuận tiện trong mùa mưa.\n"
    "2. Kiên cố hóa kênh mương nội đồng phục vụ tưới tiêu cho vụ Đông Xuân.\n"
    "Điều 2. Danh mục công trình\n"
    "1. Đường trục thôn Đồng Lạc, dài 1,2 km, mặt đường bê tông rộng 3,5 m.\n"
    "2. Kênh mương nội đồng cánh đồng Bến Gạo, dài 800 m.\n"
    "Điều 3. Kinh phí và đóng góp của Nhân dân\n"
    "1. Tổng kinh phí dự kiến 4,6 tỷ đồng, trong đó ngân sách tỉnh hỗ trợ 70%.\n"
    "2. Nhân dân đóng góp bằng ngày công lao động và hiến đất làm mặt bằng; không thu tiền mặt của hộ nghèo, hộ cận nghèo.\n"
    "Điều 4. Tổ chức thực hiện\n"
    "Ban giám sát đầu tư của cộng đồng giám sát chất lượng công trình và công khai kết quả tại nhà văn hóa thôn.\n";

// A demo step at moment `at`: its clock, audit records dated then (actor "demo").
template <class Fn>
Result at(app::Context& ctx, soci::session& s, system_clock::time_point when, Fn&& fn) {
  const auth::FakeClock clock(when);
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), clock, "demo");
  // No e-mail for the demo's history: its notices are in-app only (Env::app null).
  const Env env{s, ctx.db.dialect(), clock, rec, nullptr};
  Result r = fn(env);
  if (!r.ok()) throw std::runtime_error("demo consultation step refused: " + std::string(error_code(r.error)));
  return r;
}

std::string local(system_clock::time_point t) { return local_input(t); }

const std::string& draft_text() {
  for (const auto& f : embedded_consultations_data())
    if (f.path.ends_with("du-thao-nghi-quyet-ho-tro.txt")) return f.data;
  throw std::runtime_error("demo draft du-thao-nghi-quyet-ho-tro.txt not embedded");
}

struct People {
  auth::Principal drafter, citizen, farmer, organisation;
};

std::optional<People> people(soci::session& s) {
  auto d = identity::principal_by_email(s, "nongnghiep@demo.tinhso.vn");
  auto c = identity::principal_by_email(s, "citizen@demo.tinhso.vn");
  auto f = identity::principal_by_email(s, "nongdan@demo.tinhso.vn");
  auto o = identity::principal_by_email(s, "htx@demo.tinhso.vn");
  if (!d || !c || !f || !o) return std::nullopt;
  return People{*d, *c, *f, *o};
}

// The anchor if the draft has it, else "" (the whole draft).
std::string anchor_or_whole(const std::vector<Unit>& units, const std::string& anchor) {
  return std::any_of(units.begin(), units.end(), [&](const Unit& u) { return u.anchor == anchor; }) ? anchor
                                                                                                     : std::string();
}

struct DemoComment {
  const auth::Principal* who;
  std::string anchor;
  std::string text;
  int day;  // days after opening
};

void load_closed(app::Context& ctx, soci::session& s, const People& p, system_clock::time_point now) {
  const auto opens = now - days(70), closes = now - days(35);
  auto agency = directory::agency_id_by_code(s, "SO-NNMT");
  if (!agency) throw std::runtime_error("demo agency SO-NNMT missing");
  DetailsInput in;
  in.title = "Dự thảo Nghị quyết quy định chính sách hỗ trợ thu nhập cho người dân chuyển đổi cơ cấu sản xuất "
             "nông nghiệp trên địa bàn tỉnh Phú Thọ giai đoạn 2026–2030";
  in.summary = "Thực hiện Nghị quyết số 12 về chuyển đổi số và kết luận của Ban Thường vụ Tỉnh ủy về lấy ý kiến "
               "Nhân dân đối với cơ chế, chính sách, Sở Nông nghiệp và Môi trường lấy ý kiến tổ chức, cá nhân về dự "
               "thảo Nghị quyết hỗ trợ thu nhập cho hộ gia đình, hợp tác xã chuyển đổi đất trồng lúa kém hiệu quả "
               "sang trồng cây ăn quả, chăn nuôi tập trung và nuôi trồng thủy sản.";
  in.kind = "policy";
  in.legal_basis = "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; Luật Ngân sách nhà nước.";
  in.field = "Nông nghiệp";
  in.opens = local(opens);
  in.closes = local(closes);
  in.agency_id = *agency;
  const auto created = opens - days(3);
  const std::int64_t id =
      at(ctx, s, created, [&](const Env& env) { return create_consultation(env, in, p.drafter.account_id); }).id;
  const auto split = split_draft(paragraphs_from_text(draft_text()));
  at(ctx, s, created + hours(1), [&](const Env& env) {
    return save_draft(env, id, split.units, "du-thao-nghi-quyet-ho-tro.docx", "", p.drafter.account_id);
  });
  at(ctx, s, created + hours(2), [&](const Env& env) {
    return add_question(env, id, "Anh/chị có đồng ý với mức hỗ trợ 10 triệu đồng/ha cho diện tích chuyển đổi sang "
                                 "trồng cây ăn quả không?",
                        false, false, {"Đồng ý", "Nên cao hơn", "Nên thấp hơn"}, p.drafter.account_id);
  });
  at(ctx, s, created + hours(2), [&](const Env& env) {
    return add_question(env, id, "Theo anh/chị, chính sách nên ưu tiên hỗ trợ những hình thức chuyển đổi nào?", true,
                        true, {"Trồng cây ăn quả", "Chăn nuôi tập trung", "Nuôi trồng thủy sản", "Trồng rau an toàn"},
                        p.drafter.account_id);
  });
  at(ctx, s, created + hours(3), [&](const Env& env) {
    auto c = load_consultation(env.s, id);
    return publish(env, id, c->version, p.drafter.account_id);
  });
  at(ctx, s, created + hours(4), [&](const Env& env) {
    Organisation o{p.organisation.account_id, "Hợp tác xã Nông nghiệp Tam Dương", "2503001234",
                   p.organisation.display_name, "Giám đốc"};
    return save_organisation(env, o);
  });
  const auto& u = split.units;
  const std::vector<DemoComment> comments = {
      {&p.citizen, anchor_or_whole(u, "dieu-2"),
       "Đề nghị bổ sung đối tượng là hộ gia đình thuê đất công ích của xã để sản xuất, vì nhiều hộ ở xã tôi canh tác "
       "trên đất công ích nhưng không có giấy chứng nhận quyền sử dụng đất.",
       2},
      {&p.organisation, anchor_or_whole(u, "dieu-4-khoan-1"),
       "Hợp tác xã đề nghị nâng mức hỗ trợ chuyển đổi sang trồng cây ăn quả từ 20 lên 30 triệu đồng/ha, vì chi phí "
       "giống bưởi, cam và hệ thống tưới nhỏ giọt hiện nay đã vượt 60 triệu đồng/ha.",
       4},
      {&p.farmer, anchor_or_whole(u, "dieu-4-khoan-1"),
       "Tôi đồng ý nên nâng mức hỗ trợ. Ngoài ra nên chi trả hai đợt: khi trồng mới và sau khi cây sống được một năm.",
       6},
      {&p.farmer, anchor_or_whole(u, "dieu-7-khoan-2"),
       "Nhiều người cao tuổi không tự nộp được hồ sơ trên Cổng Dịch vụ công. Đề nghị cho nộp hồ sơ qua tổ công nghệ "
       "số cộng đồng ở thôn.",
       9},
      {&p.citizen, "",
       "Chính sách rất thiết thực. Đề nghị công khai danh sách hộ được hỗ trợ tại nhà văn hóa thôn và trên Cổng "
       "thông tin của xã.",
       12},
      {&p.farmer, anchor_or_whole(u, "dieu-2"),
       "Cán bộ xã Nguyễn Văn X là người thiếu năng lực, chỉ biết vòi vĩnh người dân!",
       14},
      {&p.organisation, anchor_or_whole(u, "dieu-3-khoan-1-diem-c"),
       "Ruộng của các hộ ở vùng đồi rất manh mún. Đề nghị giảm diện tích liền vùng tối thiểu với cây ăn quả từ 0,5 ha "
       "xuống 0,3 ha để nhiều hộ được hưởng chính sách.",
       20},
  };
  std::vector<std::int64_t> ids;
  for (const auto& c : comments) {
    CommentInput ci;
    ci.consultation_id = id;
    ci.anchor = c.anchor;
    ci.body = c.text;
    ci.account_id = c.who->account_id;
    ci.author_name = c.who->display_name;
    ids.push_back(at(ctx, s, opens + days(c.day) + hours(2), [&](const Env& env) { return add_comment(env, ci); }).id);
  }
  // A reply, agreements, the answers to the questions.
  {
    CommentInput reply;
    reply.consultation_id = id;
    reply.parent_id = ids[1];
    reply.body = "Đồng ý. Giá cây giống bưởi Diễn năm nay tăng gần gấp đôi so với năm 2024.";
    reply.account_id = p.citizen.account_id;
    reply.author_name = p.citizen.display_name;
    at(ctx, s, opens + days(5), [&](const Env& env) { return add_comment(env, reply); });
  }
  at(ctx, s, opens + days(7), [&](const Env& env) { return agree(env, ids[1], p.citizen.account_id); });
  at(ctx, s, opens + days(7), [&](const Env& env) { return agree(env, ids[1], p.farmer.account_id); });
  at(ctx, s, opens + days(13), [&](const Env& env) { return agree(env, ids[4], p.organisation.account_id); });
  const auto qs = questions(s, id, false);
  auto answer_as = [&](const auth::Principal& who, std::size_t first, std::vector<std::size_t> second,
                       const std::string& other, int day) {
    std::vector<QuestionAnswer> a{{qs[0].id, {qs[0].options[first].id}, ""}, {qs[1].id, {}, other}};
    for (auto i : second) a[1].options.push_back(qs[1].options[i].id);
    at(ctx, s, opens + days(day), [&](const Env& env) { return answer_questions(env, id, who.account_id, a); });
  };
  answer_as(p.citizen, 0, {0, 3}, "", 2);
  answer_as(p.organisation, 1, {0, 1}, "Liên kết tiêu thụ sản phẩm với doanh nghiệp", 4);
  answer_as(p.farmer, 1, {0}, "", 6);
  // Moderation: the personal attack is hidden with its reason; its author is told.
  at(ctx, s, opens + days(14) + hours(5), [&](const Env& env) {
    return hide_comment(env, ids[5], "Công kích cá nhân, không góp ý vào nội dung dự thảo", p.drafter.account_id);
  });
  // The answers, after the close.
  const auto answered = closes + days(5);
  auto answer = [&](std::vector<std::int64_t> which, const std::string& kind, const std::string& body,
                    const std::string& changed) {
    at(ctx, s, answered, [&](const Env& env) {
      return answer_comments(env, id, which, kind, body, anchor_or_whole(u, changed), p.drafter.account_id);
    });
  };
  answer({ids[0]}, "accepted",
         "Tiếp thu: bổ sung hộ gia đình, cá nhân thuê đất công ích của xã có hợp đồng thuê còn thời hạn từ 5 năm "
         "vào đối tượng áp dụng.",
         "dieu-2");
  answer({ids[1], ids[2]}, "partly",
         "Tiếp thu một phần: nâng mức hỗ trợ chuyển sang cây ăn quả lên 25 triệu đồng/ha; mức 30 triệu đồng/ha vượt "
         "khả năng cân đối ngân sách tỉnh giai đoạn 2026–2030. Việc chi trả hai đợt được quy định trong hướng dẫn "
         "của Ủy ban nhân dân tỉnh.",
         "dieu-4-khoan-1");
  answer({ids[3]}, "accepted",
         "Tiếp thu: bổ sung việc nộp hồ sơ qua tổ công nghệ số cộng đồng tại thôn.", "dieu-7-khoan-2");
  answer({ids[4]}, "explained",
         "Giải trình: việc công khai danh sách đã được quy định tại Luật Thực hiện dân chủ ở cơ sở; Ủy ban nhân dân "
         "xã thực hiện theo quy định đó nên dự thảo không nhắc lại.",
         "");
  answer({ids[6]}, "accepted",
         "Tiếp thu: giảm diện tích liền vùng tối thiểu với cây ăn quả xuống 0,3 ha.", "dieu-3-khoan-1-diem-c");
  // The draft after the comments: version 2, with the accepted changes.
  std::string revised = draft_text();
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at_pos = revised.find(from);
    if (at_pos != std::string::npos) revised.replace(at_pos, from.size(), to);
  };
  replace("(bưởi, cam, nhãn, chuối) | 20 |", "(bưởi, cam, nhãn, chuối) | 25 |");
  replace("tối thiểu 0,5 ha đối với cây ăn quả", "tối thiểu 0,3 ha đối với cây ăn quả");
  replace("hoặc qua Cổng Dịch vụ công quốc gia.",
          "qua Cổng Dịch vụ công quốc gia hoặc qua tổ công nghệ số cộng đồng tại thôn.");
  replace("1. Hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp có đất trồng lúa chuyển đổi",
          "1. Hộ gia đình, cá nhân trực tiếp sản xuất nông nghiệp có đất trồng lúa, kể cả đất công ích thuê của xã, "
          "chuyển đổi");
  const auto v2 = split_draft(paragraphs_from_text(revised));
  at(ctx, s, answered + hours(2), [&](const Env& env) {
    return save_draft(env, id, v2.units, "du-thao-nghi-quyet-ho-tro-lan-2.docx", "Dự thảo chỉnh lý sau lấy ý kiến",
                      p.drafter.account_id);
  });
  at(ctx, s, closes + days(15), [&](const Env& env) {
    return publish_report(env, id,
                          "Sở Nông nghiệp và Môi trường đã tiếp thu, chỉnh lý dự thảo và trình Ủy ban nhân dân tỉnh "
                          "xem xét, trình Hội đồng nhân dân tỉnh tại kỳ họp gần nhất.",
                          p.drafter.account_id);
  });
}

void load_open(app::Context& ctx, soci::session& s, const People& p, system_clock::time_point now) {
  const auto opens = now - days(5), closes = now + days(22);
  auto agency = directory::agency_id_by_code(s, "SO-NNMT");
  DetailsInput in;
  in.title = "Lấy ý kiến Nhân dân về Kế hoạch cải tạo đường giao thông nông thôn và kênh mương nội đồng xã Vĩnh "
             "Tường năm 2027";
  in.summary = "Nội dung Nhân dân bàn và quyết định, lấy ý kiến theo Điều 25 Luật Thực hiện dân chủ ở cơ sở: danh "
               "mục công trình, mức đóng góp và cách giám sát.";
  in.kind = "grassroots";
  in.legal_basis = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 25, Điều 28.";
  in.field = "Giao thông nông thôn";
  in.opens = local(opens);
  in.closes = local(closes);
  if (!agency) throw std::runtime_error("demo agency SO-NNMT missing");
  in.agency_id = *agency;
  const std::int64_t id =
      at(ctx, s, opens - days(1), [&](const Env& env) { return create_consultation(env, in, p.drafter.account_id); }).id;
  const auto split = split_draft(paragraphs_from_text(kOpenDraft));
  at(ctx, s, opens - days(1) + hours(1),
     [&](const Env& env) { return save_draft(env, id, split.units, "", "", p.drafter.account_id); });
  at(ctx, s, opens - days(1) + hours(2), [&](const Env& env) {
    return add_question(env, id, "Hộ gia đình anh/chị có đồng ý đóng góp ngày công lao động cho công trình không?",
                        false, true, {"Đồng ý", "Không đồng ý"}, p.drafter.account_id);
  });
  at(ctx, s, opens - days(1) + hours(3), [&](const Env& env) {
    auto c = load_consultation(env.s, id);
    return publish(env, id, c->version, p.drafter.account_id);
  });
  CommentInput c1;
  c1.consultation_id = id;
  c1.anchor = anchor_or_whole(split.units, "dieu-2-khoan-1");
  c1.body = "Đề nghị làm thêm rãnh thoát nước hai bên đường trục thôn Đồng Lạc, đoạn qua điểm trường mầm non hay bị "
            "ngập khi mưa to.";
  c1.account_id = p.farmer.account_id;
  c1.author_name = p.farmer.display_name;
  at(ctx, s, opens + days(1), [&](const Env& env) { return add_comment(env, c1); });
  CommentInput c2;
  c2.consultation_id = id;
  c2.anchor = anchor_or_whole(split.units, "dieu-3-khoan-2");
  c2.body = "Đồng ý đóng góp ngày công. Đề nghị công khai số ngày công của từng hộ sau khi hoàn thành.";
  c2.account_id = p.citizen.account_id;
  c2.author_name = p.citizen.display_name;
  at(ctx, s, opens + days(2), [&](const Env& env) { return add_comment(env, c2); });
}

}  // namespace

void load_demo(app::Context& ctx) {
  const bool loaded = ctx.db.with_session([](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM consultations", soci::into(n);
    return n > 0;
  });
  if (loaded) return;
  const auto now = ctx.clock.now();
  ctx.db.transaction([&](soci::session& s) {
    auto p = people(s);
    if (!p) {
      spdlog::warn("consultations: demo accounts missing, no demo consultations");
      return;
    }
    load_closed(ctx, s, *p, now);
    load_open(ctx, s, *p, now);
    // The announcements of the demo's past (opened, report) count as made: the job sends nothing
    // for them (the demo accounts' mailboxes hold what the tests send).
    const std::string at_now = auth::iso_utc(now);
    s << "INSERT INTO consultation_announcements (consultation_id, event, made_at)"
         " SELECT id, 'opened', :now1 FROM consultations UNION ALL"
         " SELECT id, 'report', :now2 FROM consultations WHERE report_published_at IS NOT NULL",
        soci::use(at_now, "now1"), soci::use(at_now, "now2");
  });
}

}  // namespace tinhso::consultations
