#pragma once
// The application's own static assets (CSS, images, scripts), loaded into memory at start-up with
// a gzip copy and a strong ETag each. url() gives a fingerprinted path ("css/site.1a2b3c4d.css")
// that is cached for a year as immutable; the plain path is served with `no-cache` + ETag.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/http/request.h"
#include "core/http/response.h"

namespace tinhso::http {

class StaticFiles {
 public:
  // Throws std::runtime_error if `root` is not a readable directory.
  explicit StaticFiles(const std::filesystem::path& root);
  // The URL under /static/ for `rel`, fingerprinted; throws std::out_of_range for unknown files.
  std::string url(std::string_view rel) const;
  // Serves `rel` (the part after /static/), honouring If-None-Match and Accept-Encoding.
  // Throws Error(not_found) for unknown files and stale fingerprints.
  Response serve(const Request& req, std::string_view rel) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct Asset {
    std::string content_type, body, gzip, etag, fingerprint;
  };
  std::map<std::string, Asset, std::less<>> files_;
};

}  // namespace tinhso::http
