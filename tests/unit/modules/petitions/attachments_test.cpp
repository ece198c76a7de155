// Petition attachments (src/modules/petitions/attachments.h, store_files.h): the type is decided
// by the content, never the name; the caps per file, per petition and on the number of files; a
// denunciation's file (name and content) sealed so that it opens only for its own petition, row
// and role (Law on Denunciations 2018 Art. 8(3), 47(2)); the rows as stored on a migrated SQLite
// database, content never in plain text in the file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "modules/petitions/attachments.h"
#include "modules/petitions/store.h"
#include "modules/petitions/store_files.h"
#include "temp_db.h"

namespace tinhso::petitions {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR....";
const std::string kJpeg = "\xFF\xD8\xFF\xE0JFIF....";

const crypto::KeyRing& keys() {
  static const crypto::KeyRing ring("1:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
  return ring;
}

Upload up(std::string name, std::string bytes) {
  auto size = bytes.size();
  return {std::move(name), size, std::move(bytes)};
}

TEST(PetitionAttachments, TypeByContentAndCaps) {
  struct Case {
    const char* name;
    std::vector<Upload> uploads;
    std::size_t existing_files;
    std::uint64_t existing_bytes;
    std::vector<UploadProblem> problems;
  };
  std::vector<Upload> six;
  for (int i = 0; i < 6; ++i) six.push_back(up("anh" + std::to_string(i) + ".png", kPng));
  const std::vector<Case> cases = {
      {"nothing sent", {}, 0, 0, {}},
      {"a photo and a PDF", {up("a.jpg", kJpeg), up("b.pdf", kPdf)}, 0, 0, {}},
      {"a text file named .jpg", {up("x.jpg", "hello")}, 0, 0, {UploadProblem::bad_type}},
      {"an empty file", {up("x.pdf", "")}, 0, 0, {UploadProblem::bad_type}},
      {"over the per-file cap (not read)", {{"big.pdf", kMaxAttachmentBytes + 1, ""}}, 0, 0, {UploadProblem::too_big}},
      {"six files", six, 0, 0, {UploadProblem::too_many}},
      {"one more than the petition holds", {up("a.png", kPng)}, kMaxAttachments, 0, {UploadProblem::too_many}},
      {"over the petition's total", {up("a.png", kPng)}, 0, kMaxPetitionBytes, {UploadProblem::total_too_big}},
  };
  for (const auto& c : cases) {
    auto checked = check_uploads(c.uploads, c.existing_files, c.existing_bytes);
    std::vector<UploadProblem> got;
    for (const auto& i : checked.issues) got.push_back(i.problem);
    EXPECT_EQ(got, c.problems) << c.name;
    if (!c.problems.empty()) {
      EXPECT_TRUE(checked.files.empty()) << c.name << ": nothing is kept";
    }
  }
  auto checked = check_uploads({up("anh chụp.jpg", kPdf), up("../../etc/ảnh.png", kPng)}, 0, 0);
  ASSERT_EQ(checked.files.size(), 2u);
  EXPECT_EQ(checked.files[0].type, document::FileType::pdf) << "a .jpg name holding PDF bytes is a PDF";
  EXPECT_EQ(checked.files[0].name, "anh chụp.jpg.pdf");
  EXPECT_EQ(checked.files[1].name, "ảnh.png") << "only the last path component";
}

TEST(PetitionAttachments, RolesAndTheActionsThatAttach) {
  EXPECT_EQ(role_for_action(Action::decide), FileRole::decision);
  EXPECT_EQ(role_for_action(Action::notify), FileRole::decision);
  EXPECT_EQ(role_for_action(Action::verify), FileRole::internal);
  for (FileRole r : {FileRole::evidence, FileRole::internal, FileRole::decision})
    EXPECT_EQ(parse_file_role(file_role_code(r)), r);
  EXPECT_FALSE(parse_file_role("secret"));
}

TEST(PetitionAttachments, ASealedFileOpensOnlyForItsPetitionRowAndRole) {
  auto sealed = seal_file(keys(), 7, 3, FileRole::evidence, "CCCD Nguyễn Văn A.jpg", kJpeg);
  EXPECT_EQ(sealed.content.find("JFIF"), std::string::npos);
  EXPECT_EQ(open_file_name(keys(), 7, 3, FileRole::evidence, sealed.name), "CCCD Nguyễn Văn A.jpg");
  EXPECT_EQ(open_file_content(keys(), 7, 3, FileRole::evidence, sealed.content), kJpeg);
  EXPECT_FALSE(open_file_content(keys(), 8, 3, FileRole::evidence, sealed.content)) << "another petition";
  EXPECT_FALSE(open_file_content(keys(), 7, 4, FileRole::evidence, sealed.content)) << "another row";
  EXPECT_FALSE(open_file_content(keys(), 7, 3, FileRole::decision, sealed.content)) << "another role";
  EXPECT_FALSE(open_file_name(keys(), 7, 3, FileRole::evidence, sealed.content)) << "the content is not the name";
  EXPECT_FALSE(open_file_content(keys(), 7, 3, FileRole::evidence, "not base64!")) << "garbage";
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(PetitionAttachments, StoredRowsListWithoutContentAndLoadByPetition) {
  testing::TempDb db;
  db.exec(
      "INSERT INTO admin_units (id, code, name, level, valid_from) VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
      "INSERT INTO agencies (id, code, name, kind, admin_unit_id) VALUES (1, 'TTT', 'Thanh tra tỉnh', 'department', 1);");
  Petition p;
  p.kind = Kind::denunciation;
  p.subject = "Tố cáo";
  p.content = "Nội dung";
  p.agency_id = 1;
  p.received_at = p.created_at = p.updated_at = "2026-01-15T02:00:00Z";
  const std::string secret_photo = kJpeg + "ẢNH-CĂN-CƯỚC-BÍ-MẬT";
  Petition x;
  std::int64_t plain_id = 0, sealed_id = 0;
  db.db().transaction([&](soci::session& s) {
    x = insert_petition(s, p, "260115");
    AttachmentRow plain{0, x.id, FileRole::internal, false, "bien-ban.pdf", "application/pdf", "abc", "2026-01-15T02:00:00Z",
                        static_cast<std::int64_t>(kPdf.size()), 0};
    plain_id = insert_attachment(s, plain, document::to_base64(kPdf));
    AttachmentRow row{0, x.id, FileRole::evidence, true, "", "image/jpeg", "", "2026-01-15T02:00:00Z",
                      static_cast<std::int64_t>(secret_photo.size()), 0};
    sealed_id = insert_attachment(s, row, "");
    auto sealed = seal_file(keys(), x.id, sealed_id, FileRole::evidence, "can-cuoc-bi-mat.jpg", secret_photo);
    set_attachment_content(s, sealed_id, sealed.name, sealed.content);
    return 0;
  });
  auto rows = db.db().with_session([&](soci::session& s) { return list_attachments(s, x.id); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].id, plain_id);
  EXPECT_EQ(rows[0].file_name, "bien-ban.pdf");
  EXPECT_FALSE(rows[0].sealed);
  EXPECT_EQ(rows[1].role, FileRole::evidence);
  EXPECT_TRUE(rows[1].sealed);
  auto loaded = db.db().with_session([&](soci::session& s) { return load_attachment(s, x.id, sealed_id); });
  ASSERT_TRUE(loaded);
  EXPECT_EQ(open_file_content(keys(), x.id, sealed_id, FileRole::evidence, loaded->second), secret_photo);
  EXPECT_EQ(open_file_name(keys(), x.id, sealed_id, FileRole::evidence, loaded->first.file_name), "can-cuoc-bi-mat.jpg");
  EXPECT_FALSE(db.db().with_session([&](soci::session& s) { return load_attachment(s, x.id + 1, sealed_id); }))
      << "a file is found only under its own petition";

  db.exec("PRAGMA wal_checkpoint(FULL)");
  std::string raw = read_all(db.file()) + read_all(db.file().string() + "-wal");
  for (const std::string& secret : {std::string("ẢNH-CĂN-CƯỚC-BÍ-MẬT"), std::string("can-cuoc-bi-mat"),
                                    document::to_base64(secret_photo)})
    EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " is in the database file";
}

}  // namespace
}  // namespace tinhso::petitions
