#include "core/http/static_files.h"

#include <sodium.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/http/compress.h"
#include "core/http/errors.h"
#include "core/util/strings.h"

namespace tinhso::http {

namespace {

std::string content_type_for(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> types[] = {
      {".css", "text/css; charset=utf-8"},     {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},               {".png", "image/png"},
      {".ico", "image/x-icon"},                {".webp", "image/webp"},
      {".woff2", "font/woff2"},                {".txt", "text/plain; charset=utf-8"},
      {".json", "application/json"},           {".html", "text/html; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  for (auto [ext, type] : types)
    if (path.ends_with(ext)) return std::string(type);
  return "application/octet-stream";
}

bool compressible(std::string_view type) {
  return type.starts_with("text/") || type.starts_with("image/svg") || type.starts_with("application/");
}

std::string digest_hex(std::string_view data) {
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

// "css/site.1a2b3c4d.css" -> {"css/site.css", "1a2b3c4d"}; empty fingerprint if not of that form.
std::pair<std::string, std::string> split_fingerprint(std::string_view rel) {
  std::size_t ext = rel.rfind('.');
  if (ext == std::string_view::npos || ext < 9) return {std::string(rel), ""};
  std::string_view fp = rel.substr(ext - 8, 8);
  if (rel[ext - 9] != '.') return {std::string(rel), ""};
  for (char c : fp)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return {std::string(rel), ""};
  return {std::string(rel.substr(0, ext - 9)) + std::string(rel.substr(ext)), std::string(fp)};
}


bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (trim(if_none_match) == "*") return true;
  for (auto part : split(if_none_match, ',')) {
    part = trim(part);
    if (part.starts_with("W/")) part.remove_prefix(2);
    if (part == etag) return true;
  }
  return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium init failed");
  if (!std::filesystem::is_directory(root)) throw std::runtime_error("static directory not found: " + root.string());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = std::filesystem::relative(entry.path(), root).generic_string();
    if (rel.ends_with(".gz")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Asset a;
    a.body = ss.str();
    a.content_type = content_type_for(rel);
    std::string hash = digest_hex(a.body);
    a.fingerprint = hash.substr(0, 8);
    a.etag = "\"" + hash + "\"";
    if (compressible(a.content_type) && a.body.size() > 256) {
      std::string gz = gzip(a.body);
      if (gz.size() < a.body.size()) a.gzip = std::move(gz);
    }
    files_.emplace(std::move(rel), std::move(a));
  }
}

std::string StaticFiles::url(std::string_view rel) const {
  auto it = files_.find(rel);
  if (it == files_.end()) throw std::out_of_range("no static file " + std::string(rel));
  std::size_t ext = rel.rfind('.');
  std::string path(rel);
  if (ext != std::string_view::npos && rel.find('/', ext) == std::string_view::npos)
    path = std::string(rel.substr(0, ext)) + "." + it->second.fingerprint + std::string(rel.substr(ext));
  return "/static/" + path;
}

Response StaticFiles::serve(const Request& req, std::string_view rel) const {
  bool immutable = false;
  auto it = files_.find(rel);
  if (it == files_.end()) {
    auto [plain, fp] = split_fingerprint(rel);
    it = files_.find(plain);
    if (fp.empty() || it == files_.end() || it->second.fingerprint != fp)
      throw Error(ErrorKind::not_found, "static file not found");
    immutable = true;
  }
  const Asset& a = it->second;
  bool use_gzip = !a.gzip.empty() && accepts_gzip(req.headers.get_or("Accept-Encoding", ""));
  std::string etag = use_gzip ? a.etag.substr(0, a.etag.size() - 1) + "-gz\"" : a.etag;
  Response r;
  r.headers.set("ETag", etag);
  r.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (!a.gzip.empty()) r.headers.set("Vary", "Accept-Encoding");
  if (auto inm = req.headers.get("If-None-Match"); inm && etag_matches(*inm, etag)) {
    r.status = 304;
    return r;
  }
  r.headers.set("Content-Type", a.content_type);
  if (use_gzip) {
    r.headers.set("Content-Encoding", "gzip");
    r.body = a.gzip;
  } else {
    r.body = a.body;
  }
  return r;
}

}  // namespace tinhso::http
