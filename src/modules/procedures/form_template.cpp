#include "modules/procedures/form_template.h"

#include <array>
#include <utility>

#include "core/http/multipart.h"
#include "core/util/strings.h"

namespace tinhso::procedures {

namespace {

struct Kind {
  FormType type;
  std::string_view extension, content_type, label;
};

constexpr std::array<Kind, 4> kKinds{{
    {FormType::pdf, "pdf", "application/pdf", "PDF"},
    {FormType::docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"},
    {FormType::doc, "doc", "application/msword", "DOC"},
    {FormType::odt, "odt", "application/vnd.oasis.opendocument.text", "ODT"},
}};

const Kind& kind(FormType t) {
  for (const auto& k : kKinds)
    if (k.type == t) return k;
  return kKinds.front();
}

constexpr std::string_view kOle2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kZip = "PK\x03\x04";

// Whether the content is of kind `t`. A ZIP's member names are stored uncompressed, so a DOCX
// names word/document.xml in its headers; an ODF document's first member is the uncompressed
// "mimetype" file.
bool content_is(FormType t, std::string_view bytes) {
  switch (t) {
    case FormType::pdf: return bytes.starts_with("%PDF-");
    case FormType::doc: return bytes.starts_with(kOle2);
    case FormType::docx: return bytes.starts_with(kZip) && bytes.find("word/document.xml") != std::string_view::npos;
    case FormType::odt:
      return bytes.starts_with(kZip) && bytes.substr(0, 200).find("mimetypeapplication/vnd.oasis.opendocument.text") !=
                                            std::string_view::npos;
  }
  return false;
}

}  // namespace

std::string_view form_extension(FormType t) { return kind(t).extension; }
std::string_view form_content_type(FormType t) { return kind(t).content_type; }
std::string_view form_label(FormType t) { return kind(t).label; }

std::optional<FormType> parse_form_content_type(std::string_view content_type) {
  for (const auto& k : kKinds)
    if (k.content_type == content_type) return k.type;
  return std::nullopt;
}

CheckedForm check_form(std::string_view client_name, std::uint64_t size, std::string_view bytes) {
  CheckedForm out;
  if (size == 0 || trim(client_name).empty()) {
    out.problem = FormProblem::missing;
    return out;
  }
  if (size > kMaxFormBytes || bytes.size() > kMaxFormBytes) {
    out.problem = FormProblem::too_big;
    return out;
  }
  out.file_name = http::sanitize_filename(client_name);
  std::string lower = to_lower_ascii(out.file_name);
  std::size_t dot = lower.rfind('.');
  std::string_view ext = dot == std::string::npos ? std::string_view() : std::string_view(lower).substr(dot + 1);
  for (const auto& k : kKinds)
    if (k.extension == ext && content_is(k.type, bytes)) {
      out.type = k.type;
      return out;
    }
  out.problem = FormProblem::bad_type;
  return out;
}

}  // namespace tinhso::procedures
