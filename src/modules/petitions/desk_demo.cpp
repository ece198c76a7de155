// The desk's demo petitions (the seed: "settling complaints and denunciations, including mass and
// long-running ones"), for the Việt Trì ward: a group of 23 households with their representatives,
// received in person; and a complaint about land compensation that was decided, raised again by
// letter by the same person and linked to it, hence long-running. Called by load_demo inside its
// transaction, only on an empty petitions table.
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/petitions/demo.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

namespace {

Petition demo_petition(app::Context& ctx, soci::session& s, const audit::Recorder& rec, Petition x,
                       const std::string& day, const std::vector<std::pair<const char*, const char*>>& steps) {
  x.created_at = x.updated_at = x.received_at;
  if (!steps.empty()) x.accepted_at = x.received_at;
  // Its steps all happened at receipt: a settled one was settled then, on time.
  if (is_settled(x.state)) {
    x.settled_at = x.received_at;
    x.settled_on_time = true;
  }
  set_due_days(ctx, x);
  Petition n = insert_petition(s, x, day);
  insert_event(s, n.id, {x.received_at, "one_stop_officer", "receive", "", "received", std::string(channel_code(x.channel)), 0});
  std::string from = "received";
  for (const auto& [action, to] : steps) {
    insert_event(s, n.id, {x.received_at, "agency_leader", action, from, to, "", 0});
    from = to;
  }
  rec(s, {"petition.demo", "petition", std::to_string(n.id), "", audit_summary(n)});
  return n;
}

}  // namespace

void load_desk_demo(app::Context& ctx, soci::session& s, const std::string& day, const audit::Recorder& rec) {
  auto ward = directory::agency_id_by_code(s, "UBND-P-VIET-TRI");
  if (!ward) return;
  const std::string now = auth::iso_utc(ctx.clock.now());
  Petition group;
  group.kind = Kind::recommendation;
  group.channel = Channel::in_person;
  group.agency_id = *ward;
  group.subject = "Đề nghị sửa chữa đường giao thông nội đồng khu 5";
  group.content = "23 hộ dân khu 5 đề nghị phường sửa chữa đoạn đường nội đồng bị sụt lún, xe chở nông sản không đi được.";
  group.filer_name = "Cao Văn Đồng";
  group.filer_contact = "0916 505 505";
  group.group_size = 23;
  group.received_at = now;
  Petition g = demo_petition(ctx, s, rec, group, day, {});
  int position = 0;
  for (const auto& [name, contact] : {std::pair{"Cao Văn Đồng", "0916 505 505"}, std::pair{"Kiều Thị Ruộng", "0916 505 506"},
                                      std::pair{"Lò Văn Mương", ""}})
    insert_representative(s, g.id, {++position, name, contact, ""});

  Petition first;
  first.kind = Kind::complaint_first;
  first.channel = Channel::letter;
  first.agency_id = *ward;
  first.subject = "Khiếu nại mức bồi thường khi thu hồi đất làm đường Nguyễn Tất Thành";
  first.content = "Tôi khiếu nại mức bồi thường đối với 120 m² đất nông nghiệp bị thu hồi để mở rộng đường.";
  first.filer_name = "Hà Văn Tâm";
  first.filer_contact = "0918 246 810";
  first.received_at = now;
  first.state = State::decided;
  Petition decided = demo_petition(ctx, s, rec, first, day,
                                   {{"classify", "classified"}, {"accept", "accepted"}, {"assign", "assigned"},
                                    {"verify", "verified"}, {"decide", "decided"}});
  Petition again = first;
  again.state = State::received;
  again.subject = "Tiếp tục khiếu nại mức bồi thường thu hồi đất đường Nguyễn Tất Thành";
  again.content = "Tôi không đồng ý với quyết định đã giải quyết và tiếp tục khiếu nại mức bồi thường đất nông nghiệp.";
  Petition repeat = demo_petition(ctx, s, rec, again, day, {});
  insert_link(s, {repeat.id, decided.id, std::string(link_kind_code(LinkKind::same_matter)), now}, 0);
  insert_event(s, repeat.id, {now, "one_stop_officer", "link", "received", "received", decided.code, 0});
  insert_event(s, decided.id, {now, "one_stop_officer", "link", "decided", "decided", repeat.code, 0});
  set_long_running(s, repeat.id, makes_long_running(decided.state, decided.long_running));
}

}  // namespace tinhso::petitions
