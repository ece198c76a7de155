// The desk's store (src/modules/petitions/desk_store.h) on a migrated SQLite database: the
// representatives of a group in their order, a denunciation's sealed per position (Law on
// Denunciations 2018 Art. 8(3)); links stored once per pair whichever way round; the repeat
// candidates bounded to the agency, the window and the limit; the long-running flag read back
// by the main store and its search filters.
#include <gtest/gtest.h>

#include "modules/petitions/desk_store.h"
#include "modules/petitions/store.h"
#include "temp_db.h"

namespace tinhso::petitions {
namespace {

const crypto::KeyRing& keys() {
  static const crypto::KeyRing ring("1:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
  return ring;
}

class PetitionsDeskStore : public ::testing::Test {
 protected:
  void SetUp() override {
    db.exec(
        "INSERT INTO admin_units (id, code, name, level, valid_from) VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (1, 'SO-XD', 'Sở Xây dựng', 'department', 1);"
        "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (2, 'SO-TTTT', 'Sở TTTT', 'department', 1);");
  }

  Petition add(const std::string& subject, std::int64_t agency, const std::string& received, int group_size = 1,
               const std::string& name = "") {
    Petition p;
    p.kind = Kind::feedback;
    p.subject = subject;
    p.content = "Nội dung";
    p.agency_id = agency;
    p.filer_name = name;
    p.group_size = group_size;
    p.received_at = p.created_at = p.updated_at = received;
    return db.db().transaction([&](soci::session& s) { return insert_petition(s, p, "261127"); });
  }

  template <class F>
  auto in_session(F f) {
    return db.db().with_session(f);
  }

  testing::TempDb db;
};

TEST_F(PetitionsDeskStore, RepresentativesInOrderAndSealedPerPosition) {
  Petition x = add("Nhóm hộ dân", 1, "2026-11-20T02:00:00Z", 12);
  const Identity rep{"Mạc Văn Ẩn", "", "0977 101 202", ""};
  db.db().transaction([&](soci::session& s) {
    insert_representative(s, x.id, {2, "Vũ Thị Hàng", "0905 000 222", ""});
    insert_representative(s, x.id, {1, "", "", seal_representative(keys(), x.id, 1, rep)});
  });
  auto reps = in_session([&](soci::session& s) { return load_representatives(s, x.id); });
  ASSERT_EQ(reps.size(), 2u);
  EXPECT_EQ(reps[0].position, 1);
  EXPECT_EQ(reps[0].name, "");
  EXPECT_EQ(open_representative(keys(), x.id, 1, reps[0].sealed)->name, rep.name);
  EXPECT_FALSE(open_representative(keys(), x.id, 2, reps[0].sealed)) << "bound to its position";
  EXPECT_FALSE(open_identity(keys(), x.id, reps[0].sealed)) << "not usable as the denouncer's identity";
  EXPECT_EQ(reps[1].name, "Vũ Thị Hàng");
  EXPECT_EQ(reps[1].sealed, "");
}

TEST_F(PetitionsDeskStore, OneLinkPerPairWhicheverWayRound) {
  Petition a = add("Đơn trước", 1, "2026-11-01T02:00:00Z");
  Petition b = add("Đơn sau", 1, "2026-11-20T02:00:00Z");
  db.db().transaction([&](soci::session& s) {
    EXPECT_TRUE(insert_link(s, {b.id, a.id, "same_matter", "2026-11-27T02:00:00Z"}, 0));
    EXPECT_FALSE(insert_link(s, {a.id, b.id, "duplicate", "2026-11-27T02:00:00Z"}, 0));
    EXPECT_FALSE(insert_link(s, {b.id, a.id, "duplicate", "2026-11-27T02:00:00Z"}, 0));
  });
  auto links = in_session([&](soci::session& s) { return links_of(s, a.id); });
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].petition_id, b.id);
  EXPECT_EQ(links[0].earlier_id, a.id);
  EXPECT_EQ(links[0].kind, "same_matter");
  auto related = in_session([&](soci::session& s) { return related_petitions(s, a.id); });
  ASSERT_EQ(related.size(), 1u);
  EXPECT_EQ(related[0].petition.id, b.id);
  EXPECT_EQ(related[0].relation, "later");
  EXPECT_EQ(related[0].link_kind, "same_matter");
  db.db().transaction([&](soci::session& s) {
    EXPECT_TRUE(delete_link(s, a.id, b.id)) << "either way round";
    EXPECT_FALSE(delete_link(s, b.id, a.id));
  });
  EXPECT_TRUE(in_session([&](soci::session& s) { return links_of(s, b.id); }).empty());
}

TEST_F(PetitionsDeskStore, RelatedBySecondComplaintEitherWay) {
  Petition first = add("Khiếu nại lần đầu", 1, "2026-10-01T02:00:00Z");
  Petition second = add("Khiếu nại lần hai", 1, "2026-11-20T02:00:00Z");
  db.exec("UPDATE petitions SET linked_petition_id = " + std::to_string(first.id) + " WHERE id = " + std::to_string(second.id));
  auto of_first = in_session([&](soci::session& s) { return related_petitions(s, first.id); });
  ASSERT_EQ(of_first.size(), 1u);
  EXPECT_EQ(of_first[0].relation, "second");
  EXPECT_EQ(of_first[0].petition.code, second.code);
  auto of_second = in_session([&](soci::session& s) { return related_petitions(s, second.id); });
  ASSERT_EQ(of_second.size(), 1u);
  EXPECT_EQ(of_second[0].relation, "first");
  EXPECT_EQ(of_second[0].petition.agency_id, 1);
}

TEST_F(PetitionsDeskStore, GroupRepresentativesForAnExport) {
  Petition group = add("Nhóm", 2, "2026-11-20T02:00:00Z", 6);
  Petition old = add("Nhóm cũ", 2, "2026-01-20T02:00:00Z", 6);
  db.db().transaction([&](soci::session& s) {
    insert_representative(s, group.id, {1, "Vũ Thị Hàng", "0905", ""});
    insert_representative(s, old.id, {1, "Ngô Văn Cũ", "", ""});
  });
  auto reps = in_session([&](soci::session& s) { return group_representatives(s, 2, "2026-06-01T00:00:00Z"); });
  ASSERT_EQ(reps.size(), 1u) << "only from `since` on";
  EXPECT_EQ(reps[group.id].at(0).name, "Vũ Thị Hàng");
  EXPECT_TRUE(in_session([&](soci::session& s) { return group_representatives(s, 1, "2026-01-01T00:00:00Z"); }).empty())
      << "only the agency's";
}

TEST_F(PetitionsDeskStore, RepeatCandidatesWithinAgencyWindowAndLimit) {
  add("Ngập nước ở ngõ 12 Hùng Vương", 1, "2024-06-01T02:00:00Z");              // before the window
  Petition in_window = add("Ngập nước ở ngõ 12 Hùng Vương", 1, "2026-03-01T02:00:00Z");
  add("Ngập nước ở ngõ 12 Hùng Vương", 2, "2026-03-01T02:00:00Z");              // another agency
  add("Đèn đường hỏng", 1, "2026-04-01T02:00:00Z");                            // no shared word
  Petition same_name = add("Việc khác hẳn", 1, "2026-05-01T02:00:00Z", 1, "Trần Văn Dân");
  add("Ngập nước ở ngõ 12 Hùng Vương", 1, "2026-12-01T02:00:00Z");              // after x
  Petition x = add("Ngap nuoc ngo 12", 1, "2026-11-27T02:00:00Z", 1, "Trần Văn Dân");
  auto ids = [&](int limit) {
    std::vector<std::int64_t> out;
    for (const auto& c : in_session([&](soci::session& s) {
           return repeat_candidates(s, x, "2024-11-27T02:00:00Z", {"ngap", "nuoc"}, limit);
         }))
      out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids(10), (std::vector<std::int64_t>{same_name.id, in_window.id})) << "newest first";
  EXPECT_EQ(ids(1), (std::vector<std::int64_t>{same_name.id}));
  auto c = in_session([&](soci::session& s) { return repeat_candidates(s, x, "2024-11-27T02:00:00Z", {"ngap"}, 10); });
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].folded.find("ngap nuoc"), 0u) << "the folded text for the similarity";
}

TEST_F(PetitionsDeskStore, LongRunningAndMassFilters) {
  Petition one = add("Một người", 1, "2026-11-01T02:00:00Z");
  Petition group = add("Đông người", 1, "2026-11-02T02:00:00Z", 5);
  db.db().transaction([&](soci::session& s) { set_long_running(s, one.id, true); });
  EXPECT_TRUE(in_session([&](soci::session& s) { return find_petition(s, one.id); })->long_running);
  auto search = [&](Filter f) {
    std::vector<std::int64_t> out;
    for (const auto& p : in_session([&](soci::session& s) { return search_petitions(s, f); })) out.push_back(p.id);
    return out;
  };
  Filter f;
  f.mass = true;
  EXPECT_EQ(search(f), (std::vector<std::int64_t>{group.id}));
  f = {};
  f.long_running = true;
  EXPECT_EQ(search(f), (std::vector<std::int64_t>{one.id}));
  f = {};
  f.flagged = true;
  EXPECT_EQ(search(f), (std::vector<std::int64_t>{one.id, group.id})) << "long-running first, then mass";
}

}  // namespace
}  // namespace tinhso::petitions
