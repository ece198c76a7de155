#include "core/http/multipart.h"

#include <fcntl.h>
#include <unistd.h>

#include <random>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/util/strings.h"

namespace tinhso::http {

namespace {

[[noreturn]] void bad(const char* why) { throw Error(ErrorKind::bad_request, why); }

// Splits `a; b="x;y"; c=d` into parameters, honouring quoted strings with backslash escapes.
std::vector<std::pair<std::string, std::string>> header_params(std::string_view v) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  auto skip_ws = [&] { while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i; };
  // The first item is the value itself (e.g. "form-data").
  std::size_t semi = v.find(';');
  out.emplace_back("", std::string(trim(v.substr(0, semi))));
  if (semi == std::string_view::npos) return out;
  i = semi + 1;
  while (i < v.size()) {
    skip_ws();
    std::size_t eq = v.find_first_of("=;", i);
    if (eq == std::string_view::npos || v[eq] == ';') {
      i = eq == std::string_view::npos ? v.size() : eq + 1;
      continue;
    }
    std::string key = to_lower_ascii(trim(v.substr(i, eq - i)));
    i = eq + 1;
    skip_ws();
    std::string value;
    if (i < v.size() && v[i] == '"') {
      ++i;
      bool closed = false;
      while (i < v.size()) {
        char c = v[i++];
        if (c == '\\' && i < v.size()) {
          value += v[i++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) bad("unterminated quoted parameter");
      while (i < v.size() && v[i] != ';') ++i;
      ++i;
    } else {
      std::size_t end = v.find(';', i);
      if (end == std::string_view::npos) end = v.size();
      value = std::string(trim(v.substr(i, end - i)));
      i = end + 1;
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  auto params = header_params(content_type);
  if (!iequals(params.front().second, "multipart/form-data")) bad("not multipart/form-data");
  for (const auto& [k, v] : params) {
    if (k != "boundary") continue;
    if (v.empty() || v.size() > 70) bad("bad multipart boundary length");
    for (char c : v)
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) bad("bad boundary");
    return v;
  }
  bad("multipart boundary missing");
}

MultipartParser::MultipartParser(std::string boundary, PartSink& sink, std::size_t max_parts,
                                 std::size_t max_part_header)
    : delimiter_("\r\n--" + boundary), sink_(sink), max_parts_(max_parts),
      max_part_header_(max_part_header), buf_("\r\n") {}

void MultipartParser::feed(std::string_view chunk) {
  if (state_ == State::done) return;  // epilogue is ignored
  buf_.append(chunk);
  run();
}

void MultipartParser::finish() {
  if (state_ != State::done) bad("multipart body truncated");
}

void MultipartParser::run() {
  for (;;) {
    switch (state_) {
      case State::preamble: {
        std::size_t pos = buf_.find(delimiter_);
        if (pos == std::string::npos) {
          if (buf_.size() > delimiter_.size()) buf_.erase(0, buf_.size() - delimiter_.size());
          return;
        }
        buf_.erase(0, pos + delimiter_.size());
        state_ = State::after_boundary;
        break;
      }
      case State::after_boundary: {
        if (buf_.size() < 2) return;
        if (buf_.compare(0, 2, "--") == 0) {
          state_ = State::done;
          buf_.clear();
          return;
        }
        if (buf_.compare(0, 2, "\r\n") != 0) bad("bad bytes after boundary");
        buf_.erase(0, 2);
        state_ = State::headers;
        break;
      }
      case State::headers: {
        std::size_t end;
        std::size_t skip;
        if (buf_.size() >= 2 && buf_.compare(0, 2, "\r\n") == 0) {
          end = 0;
          skip = 2;
        } else {
          end = buf_.find("\r\n\r\n");
          skip = 4;
        }
        if (end == std::string::npos) {
          // The 4-byte terminator may still start at max_part_header_: the limit is on `end`.
          if (buf_.size() > max_part_header_ + 3) bad("part header too large");
          return;
        }
        if (end > max_part_header_) bad("part header too large");
        std::string block = buf_.substr(0, end);
        buf_.erase(0, end + skip);
        parse_headers(block);
        state_ = State::body;
        break;
      }
      case State::body: {
        std::size_t pos = buf_.find(delimiter_);
        if (pos == std::string::npos) {
          if (buf_.size() > delimiter_.size()) {
            std::size_t n = buf_.size() - delimiter_.size();
            sink_.data(std::string_view(buf_).substr(0, n));
            buf_.erase(0, n);
          }
          return;
        }
        if (pos > 0) sink_.data(std::string_view(buf_).substr(0, pos));
        sink_.end();
        buf_.erase(0, pos + delimiter_.size());
        state_ = State::after_boundary;
        break;
      }
      case State::done:
        return;
    }
  }
}

void MultipartParser::parse_headers(std::string_view block) {
  if (++parts_ > max_parts_) throw Error(ErrorKind::payload_too_large, "too many multipart parts");
  PartHeader h;
  bool has_disposition = false;
  for (std::string_view line : split(block, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) bad("bad part header line");
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "content-disposition")) {
      auto params = header_params(value);
      if (!iequals(params.front().second, "form-data")) bad("part is not form-data");
      has_disposition = true;
      for (auto& [k, v] : params) {
        if (k == "name") h.name = v;
        if (k == "filename") {
          h.filename = v;
          h.is_file = true;
        }
      }
    } else if (iequals(name, "content-type")) {
      h.content_type = std::string(value);
    }
  }
  if (!has_disposition || h.name.empty()) bad("part without a field name");
  if (!valid_utf8(h.name) || !valid_utf8(h.filename)) bad("part names are not UTF-8");
  sink_.begin(h);
}

namespace {
// Byte length of a multi-byte control at the start of `s`, or 0: C1 controls (U+0080..U+009F) and
// the bidi marks, overrides and isolates (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) that
// make "evil\u202Efdp.exe" display as "evilexe.pdf".
std::size_t unicode_control_at(std::string_view s) {
  auto b = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
  if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) == 0x8E || b(2) == 0x8F || (b(2) >= 0xAA && b(2) <= 0xAE))) return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) >= 0xA6 && b(2) <= 0xA9) return 3;
  return 0;
}
}  // namespace

std::string sanitize_filename(std::string_view name) {
  std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (std::size_t n = unicode_control_at(name.substr(i))) {
      i += n - 1;
      continue;
    }
    char c = name[i];
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
        c == '>' || c == '|')
      continue;
    out += c;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  if (out.size() > 200) {
    out.resize(200);
    while (!out.empty() && !valid_utf8(out)) out.pop_back();
  }
  if (!valid_utf8(out) || out.empty()) out = "file";
  return out;
}

struct DiskCollector::Writer {
  int fd = -1;
  UploadedFile file;
  ~Writer() {
    if (fd >= 0) ::close(fd);
  }
};

DiskCollector::DiskCollector(std::filesystem::path dir, UploadLimits limits)
    : dir_(std::move(dir)), limits_(limits) {}

DiskCollector::~DiskCollector() {
  std::error_code ec;
  if (writer_) std::filesystem::remove(writer_->file.path, ec);
  writer_.reset();
  for (const auto& f : files) std::filesystem::remove(f.path, ec);
}

void DiskCollector::begin(const PartHeader& header) {
  current_ = header;
  value_.clear();
  // A file input left empty arrives as filename="" with no content: it is not an upload.
  if (header.is_file && !header.filename.empty()) open_file();
}

void DiskCollector::open_file() {
  if (files.size() >= limits_.max_files) throw Error(ErrorKind::payload_too_large, "too many files");
  std::random_device rd;  // getrandom(2): names are unguessable and never client-chosen
  std::string raw;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t r = rd();
    raw.append(reinterpret_cast<const char*>(&r), sizeof r);
  }
  std::string id = hex_encode(raw);
  writer_ = std::make_unique<Writer>();
  writer_->file.field = current_.name;
  writer_->file.filename = sanitize_filename(current_.filename);
  writer_->file.content_type = current_.content_type;
  writer_->file.path = dir_ / ("upload-" + id + ".part");
  writer_->fd = ::open(writer_->file.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (writer_->fd < 0) throw Error(ErrorKind::internal, "cannot create upload file " + writer_->file.path.string());
}

void DiskCollector::data(std::string_view bytes) {
  total_ += bytes.size();
  if (total_ > limits_.max_total_bytes) throw Error(ErrorKind::payload_too_large, "upload total too large");
  if (!writer_ && current_.is_file) open_file();  // content under an empty file name
  if (!writer_) {
    if (value_.size() + bytes.size() > limits_.max_field_bytes)
      throw Error(ErrorKind::payload_too_large, "form field too large");
    value_.append(bytes);
    return;
  }
  writer_->file.size += bytes.size();
  if (writer_->file.size > limits_.max_file_bytes) throw Error(ErrorKind::payload_too_large, "file too large");
  while (!bytes.empty()) {
    ssize_t n = ::write(writer_->fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorKind::internal, "write to upload file failed");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void DiskCollector::end() {
  if (!writer_ && current_.is_file) return;  // an empty file input: nothing uploaded
  if (!writer_) {
    if (!valid_utf8(value_)) bad("form field is not UTF-8");
    check_field_text(current_.name, value_);
    fields.add(current_.name, std::move(value_));
    value_.clear();
    return;
  }
  ::close(writer_->fd);
  writer_->fd = -1;
  files.push_back(std::move(writer_->file));
  writer_.reset();
}

}  // namespace tinhso::http
