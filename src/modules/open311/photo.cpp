#include "modules/open311/photo.h"

#include <array>

namespace tinhso::open311 {

namespace {

std::uint32_t be32(std::string_view s, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

}  // namespace

std::optional<std::string> strip_jpeg_metadata(std::string_view in) {
  if (in.size() < 4 || static_cast<unsigned char>(in[0]) != 0xFF || static_cast<unsigned char>(in[1]) != 0xD8)
    return std::nullopt;
  std::string out(in.substr(0, 2));
  std::size_t i = 2;
  while (i + 2 <= in.size()) {
    if (static_cast<unsigned char>(in[i]) != 0xFF) return std::nullopt;
    const unsigned char marker = static_cast<unsigned char>(in[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD9) return std::nullopt;  // an image ends before its scan
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      out.append(in.substr(i, 2));
      i += 2;
      continue;
    }
    if (i + 4 > in.size()) return std::nullopt;
    const std::size_t len = static_cast<std::size_t>(static_cast<unsigned char>(in[i + 2])) << 8 |
                            static_cast<unsigned char>(in[i + 3]);
    if (len < 2 || i + 2 + len > in.size()) return std::nullopt;
    if (marker == 0xDA) {  // start of scan: the entropy-coded data and the rest, as they are
      out.append(in.substr(i));
      return out;
    }
    const bool metadata = (marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE;
    if (!metadata) out.append(in.substr(i, 2 + len));
    i += 2 + len;
  }
  return std::nullopt;
}

std::optional<std::string> strip_png_metadata(std::string_view in) {
  constexpr std::string_view kSignature("\x89PNG\r\n\x1a\n", 8);
  constexpr std::array<std::string_view, 5> kDropped = {"tEXt", "zTXt", "iTXt", "eXIf", "tIME"};
  if (!in.starts_with(kSignature)) return std::nullopt;
  std::string out(kSignature);
  std::size_t i = kSignature.size();
  while (i + 12 <= in.size()) {
    const std::uint64_t len = be32(in, i);
    if (len > in.size() - i - 12) return std::nullopt;
    const std::string_view type = in.substr(i + 4, 4);
    const std::size_t whole = 12 + static_cast<std::size_t>(len);
    bool dropped = false;
    for (auto d : kDropped) dropped = dropped || type == d;
    if (!dropped) out.append(in.substr(i, whole));
    i += whole;
    if (type == "IEND") return out;
  }
  return std::nullopt;
}

CheckedPhoto check_photo(std::string_view bytes, std::uint64_t size) {
  if (size > kMaxPhotoBytes || bytes.size() > kMaxPhotoBytes) return {std::nullopt, PhotoProblem::too_big};
  auto type = document::sniff_type(bytes);
  if (!type || !document::is_image(*type)) return {std::nullopt, PhotoProblem::bad_type};
  auto clean = *type == document::FileType::jpeg ? strip_jpeg_metadata(bytes) : strip_png_metadata(bytes);
  if (!clean) return {std::nullopt, PhotoProblem::bad_type};
  return {Photo{*type, std::move(*clean)}, std::nullopt};
}

}  // namespace tinhso::open311
