#include "core/http/compress.h"

#include <stdexcept>

#include <zlib.h>

#include "core/util/strings.h"

namespace tinhso::http {

std::string gzip(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip failed");
  return out;
}

bool accepts_gzip(std::string_view header) {
  double gzip_q = -1, star_q = -1;
  for (auto item : split(header, ',')) {
    auto params = split(item, ';');
    std::string coding = to_lower_ascii(trim(params[0]));
    double q = 1;
    for (std::size_t i = 1; i < params.size(); ++i) {
      auto p = trim(params[i]);
      if (p.starts_with("q=") || p.starts_with("Q=")) {
        try {
          q = std::stod(std::string(p.substr(2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    if (coding == "gzip" || coding == "x-gzip") gzip_q = q;
    if (coding == "*") star_q = q;
  }
  return gzip_q > 0 || (gzip_q < 0 && star_q > 0);
}

}  // namespace tinhso::http
