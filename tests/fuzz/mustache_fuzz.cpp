// Differential fuzzing of the compiled Mustache engine (core/text/mustache.h) against mstch 1.0.2:
// random templates (three, each a partial of the others) with a random context must never crash
// the engine, and whatever it accepts and renders must equal mstch's output byte for byte.
// Skipped: templates the engine refuses at compile time (its documented stricter rules), renders it
// stops at the partial depth bound (mstch would overflow the stack), and inputs mstch throws on.
//
// Input: the first byte picks, per template, raw bytes or a token grammar; the rest drives
// FuzzedDataProvider. The grammar emits tags and text from small alphabets so that names,
// sections, standalone lines and partials meet often.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "check.h"
#include "core/text/mustache.h"

namespace {

using tinhso::text::mustache::Library;
using tinhso::text::mustache::SyntaxError;

const char* const kNames[] = {"a", "b", "c", ".", "a.b", "b.c", "x", "a.b.c", ""};
const char* const kPartials[] = {"p0", "p1", "p2"};
const char* const kTexts[] = {" ", "  ", "\n", "\r\n", "\t", "x", "<&>\"'/", "{", "}", "Đ", "\n  "};
const char* const kSigils[] = {"", "#", "^", "/", "&", "!", ">", "{", "="};
const char* const kSpaces[] = {"", " ", "  "};

template <class T, std::size_t N>
const char* pick(FuzzedDataProvider& in, const T (&table)[N]) {
  return table[in.ConsumeIntegralInRange<std::size_t>(0, N - 1)];
}

std::string grammar_template(FuzzedDataProvider& in, int depth);

std::string tag(FuzzedDataProvider& in, const std::string& sigil) {
  std::string name = sigil == ">" ? pick(in, kPartials) : pick(in, kNames);
  std::string sp1 = pick(in, kSpaces), sp2 = pick(in, kSpaces);
  if (sigil == "{") return "{{{" + sp1 + name + sp2 + "}}}";
  return "{{" + sigil + sp1 + name + sp2 + "}}";
}

std::string grammar_piece(FuzzedDataProvider& in, int depth) {
  switch (in.ConsumeIntegralInRange(0, 4)) {
    case 0:
    case 1: return pick(in, kTexts);
    case 2: return tag(in, pick(in, kSigils));
    default: {
      if (depth >= 3) return tag(in, "");
      std::string name = pick(in, kNames);
      std::string open = in.ConsumeBool() ? "#" : "^";
      std::string nl1 = in.ConsumeBool() ? "\n" : "", nl2 = in.ConsumeBool() ? "\n" : "";
      return "{{" + open + name + "}}" + nl1 + grammar_template(in, depth + 1) + "{{/" + name + "}}" + nl2;
    }
  }
}

std::string grammar_template(FuzzedDataProvider& in, int depth) {
  std::string out;
  for (int n = in.ConsumeIntegralInRange(0, 8); n > 0 && in.remaining_bytes() > 0; --n)
    out += grammar_piece(in, depth);
  return out;
}

mstch::node value(FuzzedDataProvider& in, int depth);

mstch::map map_value(FuzzedDataProvider& in, int depth) {
  mstch::map m;
  for (int n = in.ConsumeIntegralInRange(0, 4); n > 0 && in.remaining_bytes() > 0; --n)
    m[pick(in, kNames)] = value(in, depth + 1);
  return m;
}

mstch::node value(FuzzedDataProvider& in, int depth) {
  switch (in.ConsumeIntegralInRange(0, depth >= 3 ? 5 : 7)) {
    case 0: return nullptr;
    case 1: return in.ConsumeRandomLengthString(12);
    case 2: return in.ConsumeIntegralInRange(-2, 2);
    case 3: return in.ConsumeBool() ? 0.0 : in.ConsumeFloatingPoint<double>();
    case 4: return in.ConsumeBool();
    case 5: return std::string(pick(in, kTexts));
    case 6: return map_value(in, depth);
    default: {
      mstch::array a;
      for (int n = in.ConsumeIntegralInRange(0, 3); n > 0 && in.remaining_bytes() > 0; --n)
        a.push_back(value(in, depth + 1));
      return a;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::uint8_t modes = data[0];
  FuzzedDataProvider in(data + 1, size - 1);
  std::map<std::string, std::string> sources;
  for (int i = 0; i < 3; ++i) {
    sources[kPartials[i]] =
        (modes >> i) & 1 ? in.ConsumeRandomLengthString(200) : grammar_template(in, 0);
  }
  mstch::map context = map_value(in, 0);

  std::optional<Library> lib;
  try {
    lib.emplace(sources);
  } catch (const SyntaxError&) {
    return 0;
  }
  std::string ours;
  try {
    ours = lib->render("p0", context);
  } catch (const std::runtime_error&) {  // partial depth bound
    return 0;
  }
  std::string theirs;
  try {
    theirs = mstch::render(sources.at("p0"), context, sources);
  } catch (const std::exception&) {
    return 0;
  }
  if (ours != theirs) {
    std::fprintf(stderr, "template:\n%s\n---\nours:\n%s\n---\nmstch:\n%s\n", sources.at("p0").c_str(), ours.c_str(),
                 theirs.c_str());
  }
  FUZZ_CHECK(ours == theirs);
  return 0;
}
