// The compiled Mustache engine (core/text/mustache.h) against mstch 1.0.2, the library it replaces:
// every template of templates/ under many contexts, then hand-written cases with the expected
// text, then what the engine refuses.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "core/text/resources.h"
#include "core/text/mustache.h"
#include "core/text/templates.h"

namespace {

using tinhso::text::mustache::Library;
using tinhso::text::mustache::SyntaxError;
using Sources = std::map<std::string, std::string>;

const std::string kHostile = "<b>&amp;\"Trần Thị Ánh\"</b> 'Đường 3/2' Phú Thọ";

Sources project_templates() {
  Sources out;
  for (const auto& dir : tinhso::text::resource_dirs(TINHSO_SOURCE_DIR, "templates"))
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".mustache") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out[e.path().stem().string()] = ss.str();
  }
  return out;
}

// The names a template uses, its partials' included: plain ones and section ones.
struct Names {
  std::set<std::string> values, sections, partials;
};

void collect(const Sources& all, const std::string& name, Names& names) {
  static const std::regex tag(R"(\{\{\{?\s*([#^/>&!]?)\s*([^}]*?)\s*\}?\}\})");
  const std::string& text = all.at(name);
  for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
    std::string sigil = (*it)[1], id = (*it)[2];
    if (sigil == "#" || sigil == "^") names.sections.insert(id);
    else if (sigil == ">") {
      if (names.partials.insert(id).second && all.count(id)) collect(all, id, names);
    } else if (sigil.empty() || sigil == "&") names.values.insert(id);
  }
}

// How section names are set in a generated context.
enum class Shape { strings, truthy, falsy_false, falsy_empty, lists, maps, scalar_lists };

mstch::node section_value(Shape shape, const Names& names, int depth, int item);

// Puts `value` at a possibly dotted `name` ("a.b" → a: {b: value}).
void put(mstch::map& m, const std::string& name, mstch::node value) {
  std::size_t dot = name.find('.');
  if (name == "." || dot == std::string::npos) {
    m[name] = std::move(value);
    return;
  }
  auto [it, added] = m.try_emplace(name.substr(0, dot), mstch::map{});
  if (!boost::get<mstch::map>(&it->second)) it->second = mstch::map{};
  put(boost::get<mstch::map>(it->second), name.substr(dot + 1), std::move(value));
}

mstch::map context(Shape shape, const Names& names, int depth = 0, int item = 0) {
  mstch::map m;
  for (const auto& v : names.values)
    if (v != ".") put(m, v, kHostile + " #" + std::to_string(depth) + "." + std::to_string(item));
  for (const auto& s : names.sections)
    if (s != ".") put(m, s, section_value(shape, names, depth, item));
  return m;
}

mstch::node section_value(Shape shape, const Names& names, int depth, int item) {
  switch (shape) {
    case Shape::strings: return kHostile + std::to_string(item);
    case Shape::truthy: return true;
    case Shape::falsy_false: return false;
    case Shape::falsy_empty: return mstch::array{};
    case Shape::maps:
      return depth < 2 ? mstch::node(context(shape, names, depth + 1, item)) : mstch::node(1);
    case Shape::lists:
      if (depth >= 2) return mstch::array{};
      return mstch::array{context(shape, names, depth + 1, 0), context(shape, names, depth + 1, 1)};
    case Shape::scalar_lists:
      return mstch::array{kHostile, 7, 2.5, true, mstch::array{std::string("x/y")}, std::string("")};
  }
  return nullptr;
}

TEST(MustacheTest, EveryProjectTemplateRendersAsMstchDoes) {
  Sources all = project_templates();
  ASSERT_GT(all.size(), 10u);
  Library lib(all);
  const std::vector<Shape> shapes{Shape::strings,     Shape::truthy, Shape::falsy_false, Shape::falsy_empty,
                                  Shape::lists,       Shape::maps,   Shape::scalar_lists};
  int compared = 0, escaped = 0;
  for (const auto& [name, text] : all) {
    Names names;
    collect(all, name, names);
    std::vector<mstch::map> contexts{mstch::map{}};
    for (Shape s : shapes) contexts.push_back(context(s, names));
    for (std::size_t i = 0; i < contexts.size(); ++i) {
      std::string expected = mstch::render(text, contexts[i], all);
      ASSERT_EQ(lib.render(name, contexts[i]), expected) << name << " context #" << i;
      ++compared;
      escaped += expected.find("&lt;b&gt;&amp;amp;&quot;Trần") != std::string::npos;
    }
  }
  EXPECT_EQ(compared, static_cast<int>(all.size() * (shapes.size() + 1)));
  EXPECT_GT(escaped, static_cast<int>(all.size() * 3));  // the contexts reach the templates' variables
}

TEST(MustacheTest, TemplatesClassRendersAsMstchDoes) {
  Sources all = project_templates();
  tinhso::text::Templates templates(tinhso::text::resource_dirs(TINHSO_SOURCE_DIR, "templates"));
  Names names;
  collect(all, "about", names);
  mstch::map ctx = context(Shape::lists, names);
  EXPECT_EQ(templates.render("about", ctx), mstch::render(all.at("about"), ctx, all));
  EXPECT_TRUE(templates.has("layout"));
  EXPECT_FALSE(templates.has("no_such_template"));
  EXPECT_THROW(templates.render("no_such_template", ctx), std::out_of_range);
}

struct Case {
  std::string name;
  std::string tmpl;
  mstch::map ctx;
  std::string expected;
  Sources partials = {};
};

mstch::map people() {
  return {{"people", mstch::array{mstch::map{{"name", std::string("An")}, {"age", 30}},
                                  mstch::map{{"name", std::string("Bình")}}}},
          {"age", 99},
          {"name", std::string("outer")},
          {"owner", mstch::map{{"address", mstch::map{{"city", std::string("Việt Trì")}}}}},
          {"flag", true},
          {"off", false},
          {"zero", 0},
          {"ratio", 0.25},
          {"empty", std::string("")},
          {"none", mstch::array{}},
          {"dot", mstch::map{{".", std::string("literal dot key")}}}};
}

const std::vector<Case> kCases = {
    {"escapes all six", "{{v}}|{{{v}}}|{{& v}}", {{"v", std::string("&<>\"'/")}},
     "&amp;&lt;&gt;&quot;&#39;&#x2F;|&<>\"'/|&<>\"'/"},
    {"Vietnamese passes unescaped", "{{v}}", {{"v", std::string("Đơn vị hành chính")}}, "Đơn vị hành chính"},
    {"numbers and booleans", "{{age}} {{ratio}} {{flag}} {{off}} {{zero}}", people(), "99 0.25 true false 0"},
    {"unknown names are empty", "[{{nope}}{{{nope}}}{{a.b.c}}]", people(), "[]"},
    {"spaces around names", "{{ name }}{{# flag }}!{{/ flag }}", people(), "outer!"},
    {"dotted names", "{{owner.address.city}}|{{owner.nope.city}}", people(), "Việt Trì|"},
    {"dotted name resolves its first part only through the stack", "{{#l}}[{{owner.address.city}}]{{/l}}",
     {{"owner", mstch::map{{"address", mstch::map{{"city", std::string("Việt Trì")}}}}},
      {"l", mstch::array{mstch::map{{"owner", mstch::map{}}}, mstch::map{}}}},
     "[][Việt Trì]"},
    {"list of maps, context stack", "{{#people}}{{name}}:{{age}};{{/people}}", people(), "An:30;Bình:99;"},
    {"list of scalars with dot", "{{#l}}<{{.}}>{{/l}}",
     {{"l", mstch::array{std::string("a/b"), 1, 1.5, false, mstch::array{}}}}, "<a&#x2F;b><1><1.5><false><>"},
    {"dot inside a map frame falls through", "{{#owner}}[{{.}}]{{/owner}}", people(), "[]"},
    {"a map with a '.' key answers dot", "{{#dot}}{{.}}{{/dot}}", people(), "literal dot key"},
    {"falsy values", "{{#off}}a{{/off}}{{#zero}}b{{/zero}}{{#empty}}c{{/empty}}{{#none}}d{{/none}}{{#nope}}e{{/nope}}",
     people(), ""},
    {"inverted sections", "{{^off}}a{{/off}}{{^none}}b{{/none}}{{^flag}}c{{/flag}}{{^people}}d{{/people}}", people(),
     "ab"},
    {"dot is empty inside an inverted section", "{{#flag}}{{^off}}[{{.}}]{{/off}}{{/flag}}", people(), "[]"},
    {"truthy string pushes itself", "{{#name}}({{.}}){{/name}}", people(), "(outer)"},
    {"map section", "{{#owner}}{{#address}}{{city}}{{/address}}{{/owner}}", people(), "Việt Trì"},
    {"same name nested", "{{#flag}}a{{#flag}}b{{/flag}}c{{/flag}}", people(), "abc"},
    {"comments vanish", "a{{! a comment }}b\n  {{! standalone }}\nc", {}, "ab\nc"},
    {"standalone section lines vanish", "<ul>\n  {{#people}}\n  <li>{{name}}</li>\n  {{/people}}\n</ul>\n", people(),
     "<ul>\n  <li>An</li>\n  <li>Bình</li>\n</ul>\n"},
    {"CRLF standalone lines vanish", "x\r\n{{#flag}}\r\nin\r\n{{/flag}}\r\ny", people(), "x\r\nin\r\ny"},
    {"a tag with text is not standalone", "  {{#flag}}x\n{{/flag}}  \n", people(), "  x\n"},
    {"variable lines keep their whitespace", "  {{name}}  \n", people(), "  outer  \n"},
    {"standalone tag ending the template", "a\n{{#flag}}b{{/flag}}\n  {{! end }}", people(), "a\nb\n"},
    {"partial", "[{{>p}}]", people(), "[outer]", {{"p", "{{name}}"}}},
    {"standalone partial is indented line by line", "<div>\n  {{> p}}\n</div>\n", people(),
     "<div>\n  <b>\n  outer\n  </b>\n</div>\n",
     {{"p", "<b>\n{{name}}\n</b>\n"}}},
    {"indentation inside a partial's section", "  {{>p}}\n", people(), "  hello\n  ",
     {{"p", "{{#flag}}\nhello\n{{/flag}}\n"}}},
    {"partial sees the context stack", "{{#people}}{{>p}},{{/people}}", people(), "An,Bình,", {{"p", "{{name}}"}}},
    {"recursive partial over nested data", "{{>tree}}",
     {{"n", std::string("1")},
      {"kids", mstch::array{mstch::map{{"n", std::string("2")}, {"kids", mstch::array{}}},
                            mstch::map{{"n", std::string("3")},
                                       {"kids", mstch::array{mstch::map{{"n", std::string("4")}, {"kids", mstch::array{}}}}}}}}},
     "1(2()3(4()))", {{"tree", "{{n}}({{#kids}}{{>tree}}{{/kids}})"}}},
    {"brace oddities", "{{{name}}}}|{{{{name}}}|{{ {name} }}", people(), "outer}||"},
};

TEST(MustacheTest, HandWrittenCases) {
  for (const Case& c : kCases) {
    Sources all = c.partials;
    all["main"] = c.tmpl;
    Library lib(all);
    EXPECT_EQ(mstch::render(c.tmpl, c.ctx, c.partials), c.expected) << c.name << " (mstch)";
    EXPECT_EQ(lib.render("main", c.ctx), c.expected) << c.name;
  }
}

TEST(MustacheTest, RefusesWhatItCannotRenderAsMstch) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"unclosed", "{{#a}}x"},
      {"stray close", "x{{/a}}"},
      {"mismatched close", "{{#a}}{{#b}}{{/a}}{{/b}}"},
      {"set delimiters", "{{=<% %>=}}<%a%>"},
      {"unknown partial", "{{> nowhere}}"},
      {"spaces-only tag", "{{ }}"},
      {"spaces-only section name", "{{# }}{{/ }}"},
  };
  for (const auto& [name, tmpl] : bad) {
    EXPECT_THROW(Library(Sources{{"t", tmpl}}), SyntaxError) << name;
  }
  try {
    Library(Sources{{"t", "a\nb\n{{#x}}"}});
    FAIL() << "no SyntaxError";
  } catch (const SyntaxError& e) {
    EXPECT_STREQ(e.what(), "template t line 3: {{#x}} is never closed");
  }
}

// The base context is looked up below the context, exactly as if its keys had been copied into
// the context where absent (what Pages::render relies on for the shared message tree).
TEST(MustacheTest, BaseContextActsAsCopiedKeys) {
  const std::string tmpl = "{{t.a}}|{{x}}|{{#list}}{{t.a}}{{y}}{{/list}}|{{^t.none}}no{{/t.none}}";
  const mstch::map base{{"t", mstch::map{{"a", std::string("A<")}}}, {"x", std::string("base x")}};
  const mstch::map ctx{{"x", std::string("own x")},
                       {"list", mstch::array{mstch::map{{"y", 1}}, mstch::map{{"t", mstch::map{{"a", std::string("inner")}}}}}}};
  mstch::map merged = ctx;
  for (const auto& [k, v] : base) merged.emplace(k, v);
  Library lib(Sources{{"main", tmpl}});
  EXPECT_EQ(lib.render("main", ctx, &base), mstch::render(tmpl, merged));
  EXPECT_EQ(lib.render("main", ctx, &base), "A&lt;|own x|A&lt;1inner|no");
}

TEST(MustacheTest, RefusesLambdasAndBoundsRecursion) {
  Library lib(Sources{{"v", "{{f}}"}, {"s", "{{#f}}x{{/f}}"}, {"loop", "{{>loop}}"}});
  mstch::map with_lambda{{"f", mstch::lambda{[](const std::string&) -> mstch::node { return std::string("x"); }}}};
  EXPECT_THROW(lib.render("v", with_lambda), std::invalid_argument);
  EXPECT_THROW(lib.render("s", with_lambda), std::invalid_argument);
  EXPECT_THROW(lib.render("loop", {}), std::runtime_error);
  EXPECT_THROW(lib.render("absent", {}), std::out_of_range);
}

}  // namespace
