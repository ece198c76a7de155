// Upload checks of the dossiers module (modules/dossiers/files.h): the type comes from the
// content's magic bytes only, display names are sanitised and carry the real type's extension,
// and the digest and base64 round trip used for stored files.
#include <gtest/gtest.h>

#include <string>

#include "modules/dossiers/files.h"

namespace tinhso::dossiers {
namespace {

std::string bytes(std::initializer_list<unsigned char> b) { return std::string(b.begin(), b.end()); }

struct SniffCase {
  const char* label;
  std::string head;
  std::optional<FileType> expected;
};

TEST(DossierFiles, SniffsByContentOnly) {
  const SniffCase cases[] = {
      {"pdf", "%PDF-1.7\n%\xE2\xE3", FileType::pdf},
      {"pdf header only", "%PDF-", FileType::pdf},
      {"jpeg jfif", bytes({0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}), FileType::jpeg},
      {"jpeg exif", bytes({0xFF, 0xD8, 0xFF, 0xE1}), FileType::jpeg},
      {"png", bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}), FileType::png},
      {"png truncated signature", bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A}), std::nullopt},
      {"png with a wrong byte", bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0B}), std::nullopt},
      {"zip", "PK\x03\x04rest", std::nullopt},
      {"exe", "MZ\x90\x00", std::nullopt},
      {"html", "<html><script>", std::nullopt},
      {"svg", "<?xml version", std::nullopt},
      {"pdf not at the start", " %PDF-1.4", std::nullopt},
      {"lower-case pdf", "%pdf-1.4", std::nullopt},
      {"two jpeg bytes", bytes({0xFF, 0xD8}), std::nullopt},
      {"empty", "", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(sniff_type(c.head), c.expected) << c.label;
}

TEST(DossierFiles, ContentTypes) {
  for (FileType t : {FileType::pdf, FileType::jpeg, FileType::png}) EXPECT_EQ(parse_content_type(content_type_of(t)), t);
  EXPECT_EQ(content_type_of(FileType::png), "image/png");
  EXPECT_FALSE(parse_content_type("text/html"));
}

TEST(DossierFiles, DisplayNames) {
  struct {
    const char* in;
    FileType type;
    const char* out;
  } cases[] = {
      {"don.pdf", FileType::pdf, "don.pdf"},
      {"DON.PDF", FileType::pdf, "DON.PDF"},
      {"scan.pdf", FileType::png, "scan.pdf.png"},
      {"anh.jpeg", FileType::jpeg, "anh.jpeg"},
      {"anh", FileType::jpeg, "anh.jpg"},
      {"../../etc/passwd.pdf", FileType::pdf, "passwd.pdf"},
      {"C:\\Users\\x\\giấy tờ.png", FileType::png, "giấy tờ.png"},
      {".htaccess", FileType::pdf, "htaccess.pdf"},
  };
  for (const auto& c : cases) EXPECT_EQ(display_name(c.in, c.type), c.out) << c.in;
}

TEST(DossierFiles, DigestAndBase64) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  for (std::string s : {std::string(), std::string("a"), std::string("ab"), std::string("abc"), bytes({0, 0xFF, 0x10, 0x80})}) {
    auto back = from_base64(to_base64(s));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
  }
  EXPECT_EQ(to_base64("abc"), "YWJj");
  EXPECT_FALSE(from_base64("@@@"));
}

TEST(DossierFiles, AttachmentDisposition) {
  EXPECT_EQ(attachment_disposition("giấy.pdf"), "attachment; filename=\"gi_y.pdf\"; filename*=UTF-8''gi%E1%BA%A5y.pdf");
  EXPECT_EQ(attachment_disposition("a\"b.pdf"), "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf");
}

}  // namespace
}  // namespace tinhso::dossiers
