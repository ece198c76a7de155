#pragma once
// Form templates ("theo mẫu") as rules with no I/O: which files an administrator may upload as
// the template of a required document, and the name and type they are served with. A template is
// a PDF, DOCX, DOC or ODT file: its name must end with that extension and its content must be of
// that kind (magic bytes: PDF "%PDF-"; DOC the OLE2 header D0 CF 11 E0 A1 B1 1A E1; DOCX and ODT a
// ZIP archive "PK\3\4" holding word/document.xml, or the ODF mimetype
// "application/vnd.oasis.opendocument.text"), so a renamed file of another kind is refused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::procedures {

inline constexpr std::uint64_t kMaxFormBytes = 5u << 20;  // one template

enum class FormType { pdf, docx, doc, odt };

std::string_view form_extension(FormType t);     // "pdf", "docx", "doc", "odt"
std::string_view form_content_type(FormType t);  // application/pdf, ...wordprocessingml.document, application/msword, ...opendocument.text
// The short label shown beside a download link: "PDF", "DOCX", "DOC", "ODT".
std::string_view form_label(FormType t);
std::optional<FormType> parse_form_content_type(std::string_view content_type);

// Why an upload is refused: none chosen, larger than kMaxFormBytes, or not one of the four kinds.
enum class FormProblem { missing, too_big, bad_type };

struct CheckedForm {
  std::optional<FormProblem> problem;  // nullopt: accepted
  FormType type = FormType::pdf;
  std::string file_name;  // http::sanitize_filename of the client's name
};
// Checks an upload: `size` is what the client sent (the bytes may be left unread when it is over
// the cap), `bytes` its content. An empty file or a missing name is `missing`.
CheckedForm check_form(std::string_view client_name, std::uint64_t size, std::string_view bytes);

}  // namespace tinhso::procedures
