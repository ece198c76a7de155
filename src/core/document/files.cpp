#include "core/document/files.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "core/http/form.h"
#include "core/http/multipart.h"
#include "core/util/strings.h"

namespace tinhso::document {

namespace {

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

}  // namespace

std::optional<FileType> sniff_type(std::string_view head) {
  if (head.starts_with("%PDF-")) return FileType::pdf;
  if (head.starts_with("\xFF\xD8\xFF")) return FileType::jpeg;
  if (head.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return FileType::png;
  return std::nullopt;
}

std::string_view content_type_of(FileType t) {
  switch (t) {
    case FileType::pdf: return "application/pdf";
    case FileType::jpeg: return "image/jpeg";
    case FileType::png: return "image/png";
  }
  return "application/octet-stream";
}

std::optional<FileType> parse_content_type(std::string_view content_type) {
  for (FileType t : {FileType::pdf, FileType::jpeg, FileType::png})
    if (content_type == content_type_of(t)) return t;
  return std::nullopt;
}

std::string display_name(std::string_view client_name, FileType t) {
  std::string name = http::sanitize_filename(client_name);
  switch (t) {
    case FileType::pdf:
      if (!ends_with_icase(name, ".pdf")) name += ".pdf";
      break;
    case FileType::jpeg:
      if (!ends_with_icase(name, ".jpg") && !ends_with_icase(name, ".jpeg")) name += ".jpg";
      break;
    case FileType::png:
      if (!ends_with_icase(name, ".png")) name += ".png";
      break;
  }
  return name;
}

std::string sha256_hex(std::string_view bytes) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string to_base64(std::string_view bytes) {
  ensure_sodium();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  ensure_sodium();
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string attachment_disposition(std::string_view name) {
  std::string ascii;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // one '_' per non-ASCII character, not per byte
    ascii += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%') ? char(c) : '_';
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + http::percent_encode(name);
}

}  // namespace tinhso::document
