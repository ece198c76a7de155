// The demo province's petitions: a few of each kind in the states the pages show, filed by the
// demo citizen (a denunciation's identity sealed, the case assigned to the demo inspector).
// Idempotent: nothing is added once a petition exists.
#include "modules/petitions/demo.h"

#include "core/app/demo.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/store.h"
#include "modules/petitions/api.h"

namespace tinhso::petitions {

namespace {

struct DemoStep {
  const char* action;
  const char* to;
  const char* role;
};

struct DemoPetition {
  Kind kind;
  const char* agency;
  const char* subject;
  const char* content;
  bool by_citizen;  // else anonymous feedback
  std::vector<DemoStep> steps;
  const char* assignee;  // e-mail, or ""
};

}  // namespace

void load_demo(app::Context& ctx) {
  bool any = ctx.db.with_session([&](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM petitions", soci::into(n);
    return n > 0;
  });
  if (any) return;
  const std::vector<DemoPetition> demo = {
      {Kind::feedback, "SO-KHCN", "Sóng điện thoại di động yếu ở khu dân cư Đồng Tâm",
       "Từ tháng trước, sóng điện thoại và Internet di động ở khu dân cư Đồng Tâm rất yếu, gọi điện thường bị ngắt.",
       true, {}, ""},
      {Kind::feedback, "UBND-P-VIET-TRI", "Ngập nước ở ngõ 12 đường Hùng Vương sau mưa lớn",
       "Mỗi trận mưa lớn, ngõ 12 đường Hùng Vương ngập sâu khoảng 40 cm, nước không thoát được.", false, {}, ""},
      {Kind::recommendation, "SO-KHCN", "Đề nghị mở điểm truy cập Internet công cộng tại nhà văn hóa",
       "Đề nghị Sở bố trí điểm truy cập Internet miễn phí tại nhà văn hóa khu phố để người cao tuổi làm thủ tục trực tuyến.",
       true,
       {{"classify", "classified", "specialist"}, {"accept", "accepted", "agency_leader"}, {"assign", "assigned", "agency_leader"}},
       "specialist@demo.tinhso.vn"},
      {Kind::complaint_first, "SO-KHCN", "Khiếu nại quyết định xử phạt vi phạm hành chính về quảng cáo",
       "Tôi khiếu nại quyết định xử phạt vì cho rằng biển quảng cáo của cửa hàng đã được cấp phép đúng quy định.", true,
       {{"classify", "classified", "specialist"}, {"accept", "accepted", "agency_leader"}}, ""},
      {Kind::denunciation, "SO-KHCN", "Tố cáo cán bộ nhận tiền để giải quyết hồ sơ nhanh",
       "Tôi tố cáo việc một cán bộ yêu cầu nộp thêm tiền ngoài lệ phí để hồ sơ cấp phép được giải quyết sớm.", true,
       {{"classify", "classified", "inspector"}, {"accept", "accepted", "agency_leader"}, {"assign", "assigned", "agency_leader"}},
       "inspector@demo.tinhso.vn"},
  };
  const auto& keys = keys_of(ctx).ring();
  const auto rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  ctx.db.transaction([&](soci::session& s) {
    auto citizen = identity::principal_by_email(s, "citizen@demo.tinhso.vn");
    std::string now = auth::iso_utc(ctx.clock.now());
    auto local = calendar::to_local(ctx.clock.now());
    char day[8];
    std::snprintf(day, sizeof day, "%02u%02u%02u", static_cast<unsigned>(calendar::year_of(local.day) % 100),
                  calendar::month_of(local.day), calendar::day_of(local.day));
    for (const auto& d : demo) {
      auto agency = directory::agency_id_by_code(s, d.agency);
      if (!agency) continue;
      Petition x;
      x.kind = d.kind;
      x.subject = d.subject;
      x.content = d.content;
      x.agency_id = *agency;
      x.channel = Channel::online;
      bool filer = d.by_citizen && citizen && d.kind != Kind::denunciation;
      x.filer_account_id = filer ? citizen->account_id : 0;
      x.filer_name = d.by_citizen && citizen ? citizen->display_name : "";
      x.filer_contact = d.by_citizen && citizen ? citizen->email : "";
      x.anonymous = !d.by_citizen;
      x.received_at = x.created_at = x.updated_at = now;
      if (!d.steps.empty() && std::string(d.steps.back().to) != "classified") x.accepted_at = now;
      x.state = d.steps.empty() ? State::received : parse_state(d.steps.back().to).value_or(State::received);
      if (*d.assignee) {
        if (auto a = identity::principal_by_email(s, d.assignee)) x.assignee_id = a->account_id;
      }
      // Its steps all happen now: a settled one was settled now, on time.
      if (is_settled(x.state)) {
        x.settled_at = now;
        x.settled_on_time = true;
      }
      set_due_days(ctx, x);
      Petition n = insert_petition(s, x, day);
      if (d.kind == Kind::denunciation)
        set_identity_sealed(s, n.id, seal_identity(keys, n.id, {x.filer_name, "Thôn Đồng Tâm, xã Vĩnh Tường, tỉnh Phú Thọ",
                                                                   "0912 345 678", "025190001234"}));
      insert_event(s, n.id, {now, "citizen", "receive", "", "received", "", 0});
      std::string from = "received";
      for (const auto& st : d.steps) {
        insert_event(s, n.id, {now, st.role, st.action, from, st.to, "", 0});
        from = st.to;
      }
      rec(s, {"petition.demo", "petition", std::to_string(n.id), "", audit_summary(n)});
    }
    load_desk_demo(ctx, s, day, rec);
    load_history(ctx, s, ctx.settings.modules.get<app::DemoSettings>().history_months);
  });
}

}  // namespace tinhso::petitions
