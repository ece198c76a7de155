// The petitions store (src/modules/petitions/store.h) on a migrated SQLite database: a
// denouncer's identity is only ever stored sealed (Law on Denunciations 2018 Art. 8(3), 47(2)) —
// not in any column, not in the database file — and opens only for its own row; the officers'
// search ignores accents and case and needs every word ("ngap nuoc" finds "ngập nước"); filters by
// kind, state, agency and overdue; optimistic updates; the event history.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "modules/petitions/store.h"
#include "temp_db.h"

namespace tinhso::petitions {
namespace {

const crypto::KeyRing& keys() {
  static const crypto::KeyRing ring("1:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
  return ring;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class PetitionsStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db.exec(
        "INSERT INTO admin_units (id, code, name, level, valid_from) VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (1, 'TTT', 'Thanh tra tỉnh', 'department', 1);"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (2, 'SO-XD', 'Sở Xây dựng', 'department', 1);"
        "INSERT INTO accounts (id, email, full_name, kind, status, created_at, updated_at)"
        " VALUES (1, 'dan@example.vn', 'Trần Văn Dân', 'citizen', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
  }

  Petition add(Kind kind, const std::string& subject, const std::string& content, std::int64_t agency,
               const std::string& received, const std::string& resolve_due = "", State state = State::received) {
    Petition p;
    p.kind = kind;
    p.state = state;
    p.subject = subject;
    p.content = content;
    p.agency_id = agency;
    p.filer_account_id = 1;
    p.filer_name = "Trần Văn Dân";
    p.filer_contact = "0912 345 678";
    p.received_at = p.created_at = p.updated_at = received;
    p.resolve_due = resolve_due;
    // The store reads overdue from pending_due (petition.h), the earliest day of a step still owed:
    // here the resolve day of an open petition, nothing once it is closed.
    p.pending_due = state == State::closed ? "" : resolve_due;
    return db.db().transaction([&](soci::session& s) { return insert_petition(s, p, "260115"); });
  }

  testing::TempDb db;
};

TEST_F(PetitionsStore, DenouncerIdentityIsStoredOnlySealedAndOpensOnlyForItsRow) {
  const Identity who{"Lê Thị Tố Giác", "Số 12 đường Hùng Vương, Việt Trì", "0987 654 321", "025190001234"};
  Petition d = add(Kind::denunciation, "Tố cáo sai phạm đất đai", "Nội dung tố cáo", 1, "2026-01-15T02:00:00Z");
  Petition other = add(Kind::denunciation, "Tố cáo khác", "Nội dung", 1, "2026-01-15T03:00:00Z");
  db.db().transaction([&](soci::session& s) { set_identity_sealed(s, d.id, seal_identity(keys(), d.id, who)); });

  auto stored = db.db().with_session([&](soci::session& s) { return find_petition(s, d.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->filer_name, "") << "a denunciation keeps no filer name in plain text";
  EXPECT_EQ(stored->filer_contact, "");
  std::string sealed = db.db().with_session([&](soci::session& s) { return identity_sealed(s, d.id); });
  ASSERT_FALSE(sealed.empty());
  auto opened = open_identity(keys(), d.id, sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->name, who.name);
  EXPECT_EQ(opened->address, who.address);
  EXPECT_EQ(opened->contact, who.contact);
  EXPECT_EQ(opened->id_number, who.id_number);
  EXPECT_FALSE(open_identity(keys(), other.id, sealed)) << "a blob copied to another row does not open";
  EXPECT_FALSE(open_identity(crypto::KeyRing("1:ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A="), d.id, sealed))
      << "another key does not open it";

  // The raw database: the file and its write-ahead log, as a dump or a stolen copy would be.
  db.exec("PRAGMA wal_checkpoint(FULL)");
  std::string raw = read_all(db.file()) + read_all(db.file().string() + "-wal");
  for (const std::string& secret : {who.name, who.address, who.contact, who.id_number, std::string("Tố Giác"),
                                    std::string("0987654321"), std::string("001234")})
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " is in the database file";
  EXPECT_NE(raw.find("Tố cáo sai phạm đất đai"), std::string::npos) << "the check can find what is stored";
}

TEST_F(PetitionsStore, ANonDenunciationKeepsItsFiler) {
  Petition f = add(Kind::feedback, "Đèn đường hỏng", "Đèn không sáng", 2, "2026-01-15T02:00:00Z");
  auto stored = db.db().with_session([&](soci::session& s) { return find_petition(s, f.id); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->filer_name, "Trần Văn Dân");
  EXPECT_EQ(stored->filer_contact, "0912 345 678");
  EXPECT_EQ(stored->code, "PA-260115-" + std::string(6 - std::to_string(f.id).size(), '0') + std::to_string(f.id));
  auto by_code = db.db().with_session([&](soci::session& s) { return find_petition_by_code(s, f.code); });
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->id, f.id);
}

TEST_F(PetitionsStore, SearchIgnoresAccentsAndNeedsEveryWordWithFilters) {
  Petition flood = add(Kind::feedback, "Ngập nước đường Hùng Vương", "Mưa lớn gây ngập sâu", 2, "2026-01-10T00:00:00Z",
                       "2026-01-20");
  Petition light = add(Kind::recommendation, "Đèn đường", "Đề nghị lắp đèn ở ngõ 5", 2, "2026-01-11T00:00:00Z", "2026-02-20");
  Petition land = add(Kind::complaint_first, "Khiếu nại quyết định thu hồi đất", "Nước tràn vào ruộng", 1,
                      "2026-01-12T00:00:00Z", "2026-01-05", State::closed);
  auto ids = [&](Filter f) {
    auto rows = db.db().with_session([&](soci::session& s) { return search_petitions(s, f); });
    std::vector<std::int64_t> out;
    for (const auto& p : rows) out.push_back(p.id);
    return out;
  };
  struct Case {
    const char* name;
    Filter f;
    std::vector<std::int64_t> expected;  // newest first
  };
  const std::vector<Case> cases = {
      {"no filter: all, newest first", {}, {land.id, light.id, flood.id}},
      {"accent-free words", {.q = "ngap nuoc"}, {flood.id}},
      {"case and accents", {.q = "NGẬP Nước"}, {flood.id}},
      {"every word must occur", {.q = "ngap den"}, {}},
      {"content is searched", {.q = "ngo 5"}, {light.id}},
      {"one word in two petitions", {.q = "nuoc"}, {land.id, flood.id}},
      {"LIKE wildcards are literal", {.q = "%"}, {}},
      {"kind", {.kind = "recommendation"}, {light.id}},
      {"state", {.state = "closed"}, {land.id}},
      {"agency", {.agency_id = 1}, {land.id}},
      {"overdue on 2026-01-25: open and due before it", {.overdue_on = "2026-01-25"}, {flood.id}},
      {"paging", {.limit = 1, .offset = 1}, {light.id}},
  };
  for (const auto& c : cases) EXPECT_EQ(ids(c.f), c.expected) << c.name;
}

TEST_F(PetitionsStore, UpdatesAreOptimisticAndEventsKeepTheHistory) {
  Petition p = add(Kind::complaint_first, "Khiếu nại", "Nội dung", 1, "2026-01-15T02:00:00Z");
  Petition a = p, b = p;
  a.state = State::classified;
  a.updated_at = "2026-01-15T03:00:00Z";
  b.state = State::refused;
  EXPECT_TRUE(db.db().transaction([&](soci::session& s) { return update_petition(s, a); }));
  EXPECT_FALSE(db.db().transaction([&](soci::session& s) { return update_petition(s, b); })) << "stale version";
  db.db().transaction([&](soci::session& s) {
    insert_event(s, p.id, {"2026-01-15T02:00:00Z", "one_stop_officer", "receive", "", "received", "", 0});
    insert_event(s, p.id, {"2026-01-15T03:00:00Z", "specialist", "classify", "received", "classified", "Khiếu nại lần đầu", 1});
  });
  auto stored = db.db().with_session([&](soci::session& s) { return find_petition(s, p.id); });
  EXPECT_EQ(stored->state, State::classified);
  EXPECT_EQ(stored->version, 1);
  auto events = db.db().with_session([&](soci::session& s) { return load_events(s, p.id); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "classify");
  EXPECT_EQ(events[1].note, "Khiếu nại lần đầu");
  EXPECT_EQ(events[1].actor_id, 1);
}

// Law on Denunciations 2018 Art. 8(3) (issue 12): a denunciation is found by its filer only
// through the sealed link; no other link, and no plain account id, finds it.
TEST_F(PetitionsStore, ADenunciationIsFoundByItsFilerOnlyThroughTheSealedLink) {
  Petition own = add(Kind::feedback, "Phản ánh", "Nội dung", 1, "2026-01-15T01:00:00Z");
  Petition d = add(Kind::denunciation, "Tố cáo", "Nội dung", 1, "2026-01-15T02:00:00Z");
  Petition other = add(Kind::denunciation, "Tố cáo khác", "Nội dung", 1, "2026-01-15T03:00:00Z");
  db.exec("UPDATE petitions SET filer_account_id = NULL WHERE kind = 'denunciation'");  // as the form stores them
  db.db().transaction([&](soci::session& s) {
    set_filer_link(s, d.id, "1:aaaa");
    set_filer_link(s, other.id, "1:bbbb");
  });
  auto codes = [&](std::vector<std::string> links) {
    std::vector<std::string> out;
    for (const auto& x : db.db().with_session([&](soci::session& s) { return petitions_of(s, 1, links, 10, 0); }))
      out.push_back(x.code);
    return out;
  };
  EXPECT_EQ(codes({}), std::vector<std::string>{own.code}) << "the denunciations keep no account id";
  EXPECT_EQ(codes({"2:cccc", "1:aaaa"}), (std::vector<std::string>{d.code, own.code}));
  EXPECT_TRUE(db.db().with_session([&](soci::session& s) { return has_filer_link(s, d.id, {"1:aaaa"}); }));
  EXPECT_FALSE(db.db().with_session([&](soci::session& s) { return has_filer_link(s, other.id, {"1:aaaa"}); }));
  EXPECT_FALSE(db.db().with_session([&](soci::session& s) { return has_filer_link(s, d.id, {}); }));
}

TEST_F(PetitionsStore, AReclassifiedPetitionLosesItsPlainFilerAndItsEventsTheirFilerActor) {
  Petition f = add(Kind::feedback, "Phản ánh", "Nội dung", 1, "2026-01-15T02:00:00Z");
  db.db().transaction([&](soci::session& s) {
    insert_event(s, f.id, {"2026-01-15T02:00:00Z", "citizen", "receive", "", "received", "", 1});
    conceal_filer(s, f.id, 1, "1:aaaa");
  });
  auto stored = db.db().with_session([&](soci::session& s) { return find_petition(s, f.id); });
  EXPECT_EQ(stored->filer_account_id, 0);
  EXPECT_EQ(stored->filer_name, "");
  EXPECT_EQ(stored->filer_contact, "");
  EXPECT_EQ(db.db().with_session([&](soci::session& s) { return load_events(s, f.id); }).at(0).actor_id, 0);
  EXPECT_TRUE(db.db().with_session([&](soci::session& s) { return has_filer_link(s, f.id, {"1:aaaa"}); }));
}

// Issue 12: the online form's per-address count, one statement per post, per hour and bucket.
TEST_F(PetitionsStore, FormPostsAreCountedPerHourAndAddressAndOldHoursPruned) {
  auto post = [&](const char* hour, const char* bucket) {
    return db.db().transaction([&](soci::session& s) { return count_form_post(s, hour, bucket); });
  };
  EXPECT_EQ(post("2026-01-15T02", "2001:db8:0:1::/64"), 1);
  EXPECT_EQ(post("2026-01-15T02", "2001:db8:0:1::/64"), 2);
  EXPECT_EQ(post("2026-01-15T02", "203.0.113.5"), 1);
  EXPECT_EQ(post("2026-01-15T03", "2001:db8:0:1::/64"), 1) << "a new hour counts afresh";
  db.db().transaction([&](soci::session& s) { prune_form_usage(s, "2026-01-15T03"); });
  EXPECT_EQ(post("2026-01-15T02", "2001:db8:0:1::/64"), 1) << "the earlier hour was deleted";
  EXPECT_EQ(post("2026-01-15T03", "2001:db8:0:1::/64"), 2) << "the later hour was kept";
}

}  // namespace
}  // namespace tinhso::petitions
