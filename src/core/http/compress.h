#pragma once
// gzip for responses: static assets (static_files.cpp) and cached dynamic answers.
#include <string>
#include <string_view>

namespace tinhso::http {

// `data` gzip-compressed (RFC 1952) at zlib `level` (1..9). Throws std::runtime_error on a zlib
// failure.
std::string gzip(std::string_view data, int level = 9);
// True if an Accept-Encoding value (RFC 9110 §12.5.3) allows gzip: listed, or covered by "*",
// with q > 0.
bool accepts_gzip(std::string_view header);

}  // namespace tinhso::http
