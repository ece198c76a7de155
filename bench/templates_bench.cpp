// Micro benchmarks of page rendering: mstch (parses the template and its partials on every render,
// as text::Templates did before) against the compiled engine (core/text/mustache.h), on the pages
// Pages::render produces: the page body, then the layout around it, with the common context of
// every page (the message tree included). Figures and the command: docs/BENCHMARKS.md "Templates".
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text/resources.h"
#include "core/text/catalog.h"
#include "core/text/mustache.h"

namespace tinhso::text {
namespace {

const std::filesystem::path kRoot = TINHSO_SOURCE_DIR;

std::map<std::string, std::string> sources() {
  std::map<std::string, std::string> out;
  for (const auto& dir : resource_dirs(kRoot, "templates"))
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".mustache") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out[e.path().stem().string()] = ss.str();
  }
  return out;
}

const std::map<std::string, std::string>& all_sources() {
  static const auto s = sources();
  return s;
}

const Catalog& catalog() {
  static const Catalog c(resource_dirs(kRoot, "locales"));
  return c;
}

// What Pages::common gives every page (an anonymous visitor, Vietnamese). The message tree
// {{t.…}} is not in it: Pages::render hands it to the engine as the shared base context.
mstch::map common() {
  return {{"lang", std::string("vi")},
          {"user", false},
          {"csrf", std::string()},
          {"site_name", std::string("Cổng dịch vụ công tỉnh Phú Thọ")},
          {"features", mstch::map{{"procedures", true}, {"dossiers", true}, {"calendar", true}}},
          {"css", std::string("/static/css/site.3f2a9c.css")},
          {"favicon", std::string("/static/img/favicon.5b1e07.svg")},
          {"switch_to", mstch::array{mstch::map{{"code", std::string("en")}, {"label", std::string("English")}}}},
          {"path", std::string("/procedures")},
          {"year", std::string("2026")}};
}

mstch::array options(int n) {
  mstch::array out;
  for (int i = 0; i < n; ++i)
    out.push_back(mstch::map{{"value", "v" + std::to_string(i)}, {"label", "Lĩnh vực " + std::to_string(i)},
                             {"selected", i == 2}});
  return out;
}

// The procedure list with `rows` rows: the largest public page.
mstch::map procedure_list(int rows) {
  mstch::array r;
  for (int i = 0; i < rows; ++i)
    r.push_back(mstch::map{{"code", "1.00" + std::to_string(1000 + i)},
                           {"url", "/procedures/1.00" + std::to_string(1000 + i)},
                           {"name", std::string("Cấp Giấy chứng nhận đăng ký hộ kinh doanh & thay đổi nội dung")},
                           {"field", std::string("Thành lập và hoạt động của hộ kinh doanh")},
                           {"level", std::string("Cấp huyện")},
                           {"agency", std::string("UBND huyện Lâm Thao")},
                           {"time_limit", std::string("3 ngày làm việc")},
                           {"fee", std::string("100.000 đồng")},
                           {"online", i % 2 == 0}});
  return {{"title", std::string("Thủ tục hành chính")}, {"q", std::string("hộ kinh doanh")},
          {"fields", options(12)},                        {"levels", options(4)},
          {"agencies", options(20)},                      {"rows", r},
          {"empty", r.empty()},                           {"found", std::string("Tìm thấy 1.234 thủ tục")},
          {"has_pages", true},                            {"page_of", std::string("Trang 1/25")},
          {"has_prev", false},                            {"prev_url", std::string("/procedures?page=0")},
          {"has_next", true},                             {"next_url", std::string("/procedures?page=2")},
          {"manage", false}};
}

mstch::map page_context(const std::string& page) {
  mstch::map ctx = common();
  if (page == "procedure_list")
    for (auto& [k, v] : procedure_list(50)) ctx[k] = v;
  return ctx;
}

// Pages::render: the page, then the layout with the page as {{{content}}}.
// `with_tree`: copy the message tree into the context (mstch has no shared base context).
template <class Render>
void render_page(benchmark::State& state, const std::string& page, Render render, bool with_tree = false) {
  mstch::map ctx = page_context(page);
  if (with_tree) ctx["t"] = catalog().tree("vi");
  std::size_t bytes = 0;
  for (auto _ : state) {
    ctx["content"] = render(page, ctx);
    std::string html = render("layout", ctx);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
}

void BM_Mstch(benchmark::State& state, const std::string& page) {
  // As the old Templates did: mstch::render on every call (these pages and the layout include no
  // partials, so the old class passed none).
  render_page(state, page, [](const std::string& name, const mstch::map& ctx) {
    return mstch::render(all_sources().at(name), ctx, {});
  }, true);
}

void BM_Compiled(benchmark::State& state, const std::string& page) {
  static const mustache::Library lib(all_sources());
  render_page(state, page, [](const std::string& name, const mstch::map& ctx) { return lib.render(name, ctx, &catalog().base("vi")); });
}

BENCHMARK_CAPTURE(BM_Mstch, about, std::string("about"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Compiled, about, std::string("about"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Mstch, procedure_list_50, std::string("procedure_list"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Compiled, procedure_list_50, std::string("procedure_list"))->Unit(benchmark::kMicrosecond);

// Start-up: compiling every template of templates/.
void BM_CompileAll(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mustache::Library(all_sources()));
}
BENCHMARK(BM_CompileAll)->Unit(benchmark::kMicrosecond);

// Building the common context of a page: as Pages::common does now (the message tree shared),
// and as it did before (the tree copied into every page's context).
void BM_CommonContext(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(common());
}
BENCHMARK(BM_CommonContext)->Unit(benchmark::kMicrosecond);

void BM_CommonContextCopiedTree(benchmark::State& state) {
  for (auto _ : state) {
    mstch::map ctx = common();
    ctx["t"] = catalog().tree("vi");
    benchmark::DoNotOptimize(ctx);
  }
}
BENCHMARK(BM_CommonContextCopiedTree)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tinhso::text

BENCHMARK_MAIN();
