#pragma once
// Shared by the fuzz targets: a failed invariant aborts with a message, so libFuzzer records it as
// a crash (assert() would vanish under NDEBUG).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/http/errors.h"

#define FUZZ_CHECK(cond)                                                             \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

namespace tinhso::fuzz {

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits off the text before the first '\n' (all of `in` when there is none).
inline std::string_view take_line(std::string_view& in) {
  std::size_t nl = in.find('\n');
  std::string_view line = in.substr(0, nl);
  in.remove_prefix(nl == std::string_view::npos ? in.size() : nl + 1);
  return line;
}

}  // namespace tinhso::fuzz
