// Fuzzes the photo check of the "Gửi phản ánh" form (modules/open311/photo.h), which parses the
// bytes anyone may upload. It must never crash, and:
// 1. a photo is accepted or refused, never both or neither; an accepted one is no larger than
//    what was sent and is accepted again unchanged (stripping is complete in one pass);
// 2. each stripper gives nothing or bytes no larger than its input, and is idempotent.
#include <cstdint>

#include "check.h"
#include "modules/open311/photo.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso::open311;
  std::string_view in = tinhso::fuzz::as_view(data, size);
  const CheckedPhoto c = check_photo(in, size);
  FUZZ_CHECK(c.photo.has_value() != c.problem.has_value());
  if (c.photo) {
    FUZZ_CHECK(c.photo->bytes.size() <= in.size());
    const CheckedPhoto again = check_photo(c.photo->bytes, c.photo->bytes.size());
    FUZZ_CHECK(again.photo && again.photo->bytes == c.photo->bytes && again.photo->type == c.photo->type);
  }
  if (auto j = strip_jpeg_metadata(in)) {
    FUZZ_CHECK(j->size() <= in.size());
    auto k = strip_jpeg_metadata(*j);
    FUZZ_CHECK(k && *k == *j);
  }
  if (auto p = strip_png_metadata(in)) {
    FUZZ_CHECK(p->size() <= in.size());
    auto q = strip_png_metadata(*p);
    FUZZ_CHECK(q && *q == *p);
  }
  return 0;
}
