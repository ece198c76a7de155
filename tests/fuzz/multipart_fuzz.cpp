// Fuzzes MultipartParser. Input: the boundary, '\n', then the body. The body is parsed twice: in
// one piece and in chunks of pseudo-random sizes (seeded from the input, so a crash reproduces);
// both must give the same parts and the same outcome. Only tinhso Errors may escape.
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "check.h"
#include "core/http/form.h"
#include "core/http/multipart.h"

using namespace tinhso::http;

namespace {

// Checks the begin/data/end protocol and keeps what it saw.
class CountingSink : public PartSink {
 public:
  void begin(const PartHeader& h) override {
    FUZZ_CHECK(!open_);
    FUZZ_CHECK(!h.name.empty() && tinhso::valid_utf8(h.name) && tinhso::valid_utf8(h.filename));
    FUZZ_CHECK(h.is_file || h.filename.empty());
    open_ = true;
    parts.push_back(h.name + "\x1f" + h.filename + "\x1f" + h.content_type + "\x1f");
  }
  void data(std::string_view bytes) override {
    FUZZ_CHECK(open_);
    FUZZ_CHECK(!bytes.empty());
    parts.back().append(bytes);
  }
  void end() override {
    FUZZ_CHECK(open_);
    open_ = false;
  }
  std::vector<std::string> parts;

 private:
  bool open_ = false;
};

struct Outcome {
  std::vector<std::string> parts;
  std::optional<ErrorKind> error;
};

Outcome parse(const std::string& boundary, std::string_view body, std::minstd_rand* rng) {
  Outcome out;
  CountingSink sink;
  MultipartParser parser(boundary, sink, /*max_parts=*/8, /*max_part_header=*/256);
  try {
    while (!body.empty()) {
      std::size_t n = rng ? 1 + (*rng)() % 64 : body.size();
      n = std::min(n, body.size());
      parser.feed(body.substr(0, n));
      body.remove_prefix(n);
    }
    parser.finish();
    FUZZ_CHECK(parser.done());
  } catch (const Error& e) {
    FUZZ_CHECK(e.kind() == ErrorKind::bad_request || e.kind() == ErrorKind::payload_too_large);
    out.error = e.kind();
  }
  out.parts = std::move(sink.parts);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  std::string boundary(tinhso::fuzz::take_line(in));
  try {
    std::string parsed = multipart_boundary("multipart/form-data; boundary=" + boundary);
    FUZZ_CHECK(!parsed.empty() && parsed.size() <= 70);
  } catch (const Error& e) {
    FUZZ_CHECK(e.kind() == ErrorKind::bad_request);
  }
  std::minstd_rand rng(static_cast<std::uint32_t>(size * 2654435761u + (size ? data[size - 1] : 0)));
  Outcome whole = parse(boundary, in, nullptr);
  Outcome chunked = parse(boundary, in, &rng);
  FUZZ_CHECK(whole.error == chunked.error);
  if (!whole.error) FUZZ_CHECK(whole.parts == chunked.parts);
  // The display name of any client-sent file name is safe.
  std::string name = sanitize_filename(in.substr(0, std::min<std::size_t>(in.size(), 300)));
  FUZZ_CHECK(!name.empty() && name.size() <= 200 && tinhso::valid_utf8(name));
  FUZZ_CHECK(name.find_first_of("/\\") == std::string::npos && name.front() != '.');
  for (char c : name) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
  return 0;
}
