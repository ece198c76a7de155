#pragma once
// A photo sent with the "Gửi phản ánh" form (issue 14 §7), as rules with no I/O: JPEG or PNG by
// its content (core/document/files.h), at most kMaxPhotoBytes, and published without the
// metadata a camera or phone writes into it (EXIF: device, owner, time; PNG text chunks), since
// GeoReport v2 requests and their media are public.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/document/files.h"
#include "core/http/multipart.h"

namespace tinhso::open311 {

inline constexpr std::uint64_t kMaxPhotoBytes = 5u << 20;
// The multipart caps of the form's POST: a photo up to 1 MiB over kMaxPhotoBytes still reaches
// the handler and gets the field's own message (422); larger bodies are refused before (413).
inline constexpr http::UploadLimits kFormUploadLimits{.max_file_bytes = kMaxPhotoBytes + (1u << 20),
                                                      .max_total_bytes = kMaxPhotoBytes + (2u << 20),
                                                      .max_field_bytes = 32u << 10,
                                                      .max_files = 2};

enum class PhotoProblem { too_big, bad_type };

struct Photo {
  document::FileType type = document::FileType::jpeg;
  std::string bytes;  // without metadata
};

// `bytes` (a whole upload of `size` bytes; left empty by the caller when size > kMaxPhotoBytes)
// checked and cleaned: too_big over kMaxPhotoBytes; bad_type unless it is a JPEG or PNG whose
// segments / chunks parse (a PDF, an empty file, a truncated image are bad_type).
struct CheckedPhoto {
  std::optional<Photo> photo;
  std::optional<PhotoProblem> problem;
};
CheckedPhoto check_photo(std::string_view bytes, std::uint64_t size);

// A JPEG without its APP1..APP15 and COM segments (APP0, the JFIF header, stays), or nullopt
// when its segments before the scan do not parse.
std::optional<std::string> strip_jpeg_metadata(std::string_view jpeg);
// A PNG without its tEXt, zTXt, iTXt, eXIf and tIME chunks, or nullopt when its chunks do not
// parse up to IEND.
std::optional<std::string> strip_png_metadata(std::string_view png);

}  // namespace tinhso::open311
