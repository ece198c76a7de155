// Form templates (src/modules/procedures/form_template.h): a PDF, DOCX, DOC or ODT by its name and
// its content together; empty, oversized and renamed files are refused.
#include <gtest/gtest.h>

#include "modules/procedures/form_template.h"

namespace tinhso::procedures {
namespace {

const std::string kPdf = "%PDF-1.5\n%âãÏÓ\n1 0 obj\n";
const std::string kDoc = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
const std::string kDocx = std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml....word/document.xml";
const std::string kOdt = std::string("PK\x03\x04\x0a\x00\x00\x00", 8) + std::string(22, '\0') +
                         "mimetypeapplication/vnd.oasis.opendocument.textPK";

std::optional<FormProblem> problem(std::string_view name, std::string_view bytes) {
  return check_form(name, bytes.size(), bytes).problem;
}

TEST(ProceduresFormTemplate, AcceptsTheFourKindsByNameAndContent) {
  struct Case {
    const char* name;
    const std::string& bytes;
    FormType type;
    const char* content_type;
  };
  const Case cases[] = {
      {"to-khai.pdf", kPdf, FormType::pdf, "application/pdf"},
      {"TO KHAI.PDF", kPdf, FormType::pdf, "application/pdf"},
      {"don.doc", kDoc, FormType::doc, "application/msword"},
      {"don.docx", kDocx, FormType::docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"don.odt", kOdt, FormType::odt, "application/vnd.oasis.opendocument.text"},
  };
  for (const auto& c : cases) {
    CheckedForm f = check_form(c.name, c.bytes.size(), c.bytes);
    ASSERT_FALSE(f.problem) << c.name;
    EXPECT_EQ(f.type, c.type) << c.name;
    EXPECT_EQ(form_content_type(f.type), c.content_type) << c.name;
    EXPECT_EQ(parse_form_content_type(c.content_type), c.type) << c.name;
  }
  EXPECT_EQ(check_form("../../etc/to khai.pdf", kPdf.size(), kPdf).file_name, "to khai.pdf") << "the name is sanitised";
}

TEST(ProceduresFormTemplate, RefusesEmptyOversizedAndRenamedFiles) {
  EXPECT_EQ(problem("to-khai.pdf", ""), FormProblem::missing);
  EXPECT_EQ(problem("", kPdf), FormProblem::missing);
  EXPECT_EQ(check_form("to-khai.pdf", kMaxFormBytes + 1, "").problem, FormProblem::too_big) << "bytes left unread";
  EXPECT_FALSE(check_form("to-khai.pdf", kMaxFormBytes, kPdf).problem) << "the cap itself is allowed";
  EXPECT_EQ(problem("anh.png", "\x89PNG\r\n\x1a\n"), FormProblem::bad_type);
  EXPECT_EQ(problem("to-khai.pdf", "<html>not a pdf</html>"), FormProblem::bad_type) << "a PDF name on other content";
  EXPECT_EQ(problem("to-khai.docx", kPdf), FormProblem::bad_type) << "the name and the content must agree";
  EXPECT_EQ(problem("to-khai.pdf.exe", kPdf), FormProblem::bad_type);
  EXPECT_EQ(problem("to-khai", kPdf), FormProblem::bad_type) << "no extension";
  EXPECT_EQ(problem("archive.docx", std::string("PK\x03\x04", 4) + "evil.sh"), FormProblem::bad_type) << "a ZIP that is not DOCX";
  EXPECT_EQ(problem("archive.odt", kDocx), FormProblem::bad_type) << "a DOCX named .odt";
}

}  // namespace
}  // namespace tinhso::procedures
