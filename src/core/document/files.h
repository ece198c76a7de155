#pragma once
// Checks on the files people upload, with no I/O, shared by every module that takes documents:
// the type is decided by the content (magic bytes), never by the name or
// the client's Content-Type; display names are sanitised; digests, base64 for text columns, and
// the Content-Disposition of a download. PDF, JPEG and PNG only (issue 5 §2, issue 6).
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::document {

enum class FileType { pdf, jpeg, png };

// The type of a file whose content starts with `head` (at least its first 8 bytes, if it has
// them): PDF "%PDF-", JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A. nullopt for anything else.
std::optional<FileType> sniff_type(std::string_view head);
std::string_view content_type_of(FileType t);  // "application/pdf", "image/jpeg", "image/png"
std::optional<FileType> parse_content_type(std::string_view content_type);
inline bool is_image(FileType t) { return t == FileType::jpeg || t == FileType::png; }

// The name shown and sent in Content-Disposition: http::sanitize_filename of the client's name,
// with the extension of the real type appended unless it already ends with one ("scan.pdf"
// holding PNG bytes becomes "scan.pdf.png").
std::string display_name(std::string_view client_name, FileType t);

// Lower-case hex SHA-256 (libsodium crypto_hash_sha256).
std::string sha256_hex(std::string_view bytes);
// Standard base64 with padding (libsodium), and back; nullopt for malformed input.
std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

// A Content-Disposition value for downloading `name` as an attachment: an ASCII fallback and
// the UTF-8 name (RFC 6266, RFC 8187).
std::string attachment_disposition(std::string_view name);

}  // namespace tinhso::document
