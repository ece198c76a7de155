#pragma once
// Streaming multipart/form-data (RFC 7578) parser. Bytes arrive in chunks of any size through
// feed(); parts are reported to a PartSink as they stream, so a file never has to fit in memory.
// The parser itself does no I/O (fuzzed by tests/fuzz/multipart_fuzz.cpp); DiskCollector is the
// sink the server uses: fields in memory, files streamed to an upload directory.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/headers.h"

namespace tinhso::http {

struct PartHeader {
  std::string name;      // form field name
  std::string filename;  // as sent by the client (unsanitised); empty for plain fields
  bool is_file = false;  // a filename parameter was present
  std::string content_type;
};

class PartSink {
 public:
  virtual ~PartSink() = default;
  virtual void begin(const PartHeader& header) = 0;
  virtual void data(std::string_view bytes) = 0;
  virtual void end() = 0;
};

// Extracts the boundary parameter of a multipart/form-data Content-Type; throws
// Error(bad_request) if missing or invalid.
std::string multipart_boundary(std::string_view content_type);

class MultipartParser {
 public:
  // Throws Error(bad_request) from feed()/finish() on malformed input, and lets exceptions
  // thrown by the sink (e.g. size caps) pass through.
  MultipartParser(std::string boundary, PartSink& sink, std::size_t max_parts = 100,
                  std::size_t max_part_header = 8192);
  void feed(std::string_view chunk);
  // Call at end of body; throws Error(bad_request) unless the closing boundary was seen.
  void finish();
  bool done() const { return state_ == State::done; }

 private:
  enum class State { preamble, after_boundary, headers, body, done };
  void parse_headers(std::string_view block);
  void run();

  std::string delimiter_;  // "\r\n--" + boundary
  PartSink& sink_;
  std::size_t max_parts_, max_part_header_, parts_ = 0;
  State state_ = State::preamble;
  std::string buf_;
};

// Turns a client-supplied file name into a safe display name: the last path component only,
// no control characters, no leading dots, at most 200 bytes of valid UTF-8. Never empty.
std::string sanitize_filename(std::string_view name);

struct UploadedFile {
  std::string field;
  std::string filename;  // sanitised
  std::string content_type;
  std::filesystem::path path;  // a server-chosen random name in the upload directory
  std::uint64_t size = 0;
};

struct UploadLimits {
  std::uint64_t max_file_bytes = 10u << 20;
  std::uint64_t max_total_bytes = 50u << 20;
  std::size_t max_field_bytes = 64u << 10;
  std::size_t max_files = 20;
  std::size_t max_parts = 100;  // fields and files together (MultipartParser)
};

// Collects plain fields into `fields` and streams files into `dir`. A file input left empty
// (filename="" and no content) yields no file. Exceeding a limit throws
// Error(payload_too_large). The destructor deletes every file still owned (release() hands
// them over).
class DiskCollector : public PartSink {
 public:
  DiskCollector(std::filesystem::path dir, UploadLimits limits);
  ~DiskCollector() override;
  DiskCollector(const DiskCollector&) = delete;
  DiskCollector& operator=(const DiskCollector&) = delete;
  void begin(const PartHeader& header) override;
  void data(std::string_view bytes) override;
  void end() override;
  FormData fields;
  std::vector<UploadedFile> files;

 private:
  void open_file();
  std::filesystem::path dir_;
  UploadLimits limits_;
  std::uint64_t total_ = 0;
  PartHeader current_;
  std::string value_;
  struct Writer;
  std::unique_ptr<Writer> writer_;
};

}  // namespace tinhso::http
