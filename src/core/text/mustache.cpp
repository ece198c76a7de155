#include "core/text/mustache.h"

#include <functional>
#include <sstream>
#include <utility>
#include <vector>

namespace tinhso::text::mustache {

namespace {

// ---- Tokens: the same cut as mstch's template_type (tokenize + strip_whitespace) ----

enum class Tag { text, variable, unescaped, section, inverted, close, comment, partial };

struct Token {
  Tag tag = Tag::text;
  std::string text;  // the text itself, or the tag's name
  std::size_t offset = 0;
  bool eol = false;      // text ending in '\n', or the empty marker after a tag that ends the template
  bool ws_only = false;  // text of spaces, tabs, CR and LF only
  std::string indent;    // partial alone on its line: the whitespace before it
};

struct Source {
  std::string_view name;
  std::string_view text;
  [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
    throw SyntaxError("template " + std::string(name) + " line " + std::to_string(line) + ": " + what);
  }
};

Token text_token(std::string text, std::size_t offset) {
  Token t;
  t.eol = !text.empty() && text.back() == '\n';
  t.ws_only = text.find_first_not_of(" \r\n\t") == std::string::npos;
  t.text = std::move(text);
  t.offset = offset;
  return t;
}

// mstch cuts text into one token per line (each keeps its '\n').
void add_text(std::vector<Token>& out, std::string_view text, std::size_t offset) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || i + 1 == text.size()) {
      out.push_back(text_token(std::string(text.substr(start, i + 1 - start)), offset + start));
      start = i + 1;
    }
  }
}

Tag tag_of(char sigil) {
  switch (sigil) {
    case '>': return Tag::partial;
    case '^': return Tag::inverted;
    case '/': return Tag::close;
    case '&': return Tag::unescaped;
    case '#': return Tag::section;
    case '!': return Tag::comment;
    default: return Tag::variable;
  }
}

// mstch trims only spaces (not tabs) around names, and fails on a name of spaces only.
std::string trimmed_name(const Source& src, std::string_view s, std::size_t offset) {
  std::size_t first = s.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    if (!s.empty()) src.fail(offset, "a tag holds nothing but spaces");
    return {};
  }
  return std::string(s.substr(first, s.find_last_not_of(' ') + 1 - first));
}

// `raw` is a whole tag, "{{" and "}}" included (or "{{{" and "}}}").
Token tag_token(const Source& src, std::string_view raw, std::size_t offset) {
  Token t;
  t.offset = offset;
  std::string_view inner = raw.substr(2, raw.size() - 4);
  if (!inner.empty() && inner.front() == '=' && inner.back() == '=')
    src.fail(offset, "set-delimiter tags are not supported");
  if (inner.size() >= 2 && inner.front() == '{' && inner.back() == '}') {
    t.tag = Tag::unescaped;
    t.text = trimmed_name(src, inner.substr(1, inner.size() - 2), offset);
    return t;
  }
  std::size_t first = inner.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    t.tag = Tag::variable;
    t.text = trimmed_name(src, inner, offset);
    return t;
  }
  t.tag = tag_of(inner[first]);
  t.text = trimmed_name(src, t.tag == Tag::variable ? inner.substr(first) : inner.substr(first + 1), offset);
  return t;
}

std::vector<Token> tokenize(const Source& src) {
  std::string_view s = src.text;
  auto at = [s](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  std::vector<Token> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t open = s.find("{{", pos);
    std::size_t close = open == std::string_view::npos ? open : s.find("}}", open + 1);
    if (close == std::string_view::npos) {
      add_text(out, s.substr(pos), pos);
      break;
    }
    if (at(open + 2) == '{' && at(close + 2) == '}') ++close;
    add_text(out, s.substr(pos, open - pos), pos);
    pos = close + 2;
    out.push_back(tag_token(src, s.substr(open, pos - open), open));
    if (pos == s.size()) {
      out.push_back(text_token("", pos));
      out.back().eol = true;
    }
  }
  return out;
}

bool is_standalone_tag(Tag t) { return t != Tag::text && t != Tag::variable && t != Tag::unescaped; }

// A line whose only non-whitespace is section, comment or partial tags vanishes but for the
// tags; a partial on it remembers the whitespace before it to indent each of its lines.
std::vector<Token> strip_standalone_lines(std::vector<Token> tokens) {
  std::vector<bool> drop(tokens.size(), false);
  std::size_t line_begin = 0;
  bool has_tag = false, non_space = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (is_standalone_tag(tokens[i].tag)) has_tag = true;
    else if (!tokens[i].ws_only) non_space = true;
    if (!tokens[i].eol) continue;
    if (has_tag && !non_space) {
      for (std::size_t j = line_begin; j <= i; ++j) {
        if (tokens[j].tag == Tag::partial && j != line_begin && tokens[j - 1].ws_only)
          tokens[j].indent = tokens[j - 1].text;
        drop[j] = tokens[j].ws_only;
      }
    }
    has_tag = non_space = false;
    line_begin = i + 1;
  }
  std::vector<Token> kept;
  kept.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (!drop[i]) kept.push_back(std::move(tokens[i]));
  return kept;
}

// mstch renders a partial with an indentation by rendering that text before every token that
// starts a line; inside a section it becomes part of the section's body.
std::vector<Token> indented(const std::vector<Token>& tokens, const std::string& indent) {
  if (indent.empty()) return tokens;
  std::vector<Token> out;
  out.reserve(tokens.size() * 2);
  bool line_start = true;
  for (const Token& t : tokens) {
    if (line_start) out.push_back(text_token(indent, t.offset));
    out.push_back(t);
    line_start = t.eol;
  }
  return out;
}

// mstch resolves "a.b.c" as c in (b in (a through the context stack)); "." alone is the top
// of the stack, and a prefix that shortens to "." stays that lookup.
std::vector<std::string> split_name(const std::string& name) {
  if (name == "." || name.find('.') == std::string::npos) return {name};
  std::size_t dot = name.rfind('.');
  std::vector<std::string> path = split_name(name.substr(0, dot));
  path.push_back(name.substr(dot + 1));
  return path;
}

}  // namespace

// ---- The compiled form ----

struct Node {
  enum class Kind { text, escaped, raw, section, inverted, partial };
  Kind kind = Kind::text;
  std::string text;               // text: the literal; a section while being built: its name
  std::vector<std::string> path;  // variables and sections: the name, split as mstch looks it up
  std::vector<Node> body;         // sections
  const Compiled* partial = nullptr;
};

struct Compiled {
  std::vector<Node> body;
  std::size_t text_size = 0;  // bytes of literal text, to size the output buffer
};

namespace {

class Builder {
 public:
  using Resolve = std::function<const Compiled*(const std::string& name, const std::string& indent)>;
  Builder(const Source& src, Resolve resolve) : src_(src), resolve_(std::move(resolve)) {}

  void build(const std::vector<Token>& tokens, Compiled& out) {
    struct Open {
      Node node;
      std::size_t offset;
    };
    std::vector<Open> open;
    auto body = [&]() -> std::vector<Node>& { return open.empty() ? out.body : open.back().node.body; };
    for (const Token& t : tokens) {
      switch (t.tag) {
        case Tag::text:
          if (t.text.empty()) break;
          out.text_size += t.text.size();
          if (!body().empty() && body().back().kind == Node::Kind::text) body().back().text += t.text;
          else body().push_back(Node{.kind = Node::Kind::text, .text = t.text});
          break;
        case Tag::variable:
        case Tag::unescaped:
          body().push_back(Node{.kind = t.tag == Tag::variable ? Node::Kind::escaped : Node::Kind::raw,
                                .path = split_name(t.text)});
          break;
        case Tag::section:
        case Tag::inverted:
          open.push_back({Node{.kind = t.tag == Tag::section ? Node::Kind::section : Node::Kind::inverted,
                               .text = t.text,
                               .path = split_name(t.text)},
                          t.offset});
          break;
        case Tag::close: {
          if (open.empty()) src_.fail(t.offset, "{{/" + t.text + "}} closes no section");
          if (open.back().node.text != t.text)
            src_.fail(t.offset, "{{/" + t.text + "}} closes {{#" + open.back().node.text + "}}");
          Node done = std::move(open.back().node);
          done.text.clear();
          open.pop_back();
          body().push_back(std::move(done));
          break;
        }
        case Tag::comment: break;
        case Tag::partial:
          body().push_back(Node{.kind = Node::Kind::partial, .partial = resolve(t)});
          break;
      }
    }
    if (!open.empty()) src_.fail(open.back().offset, "{{#" + open.back().node.text + "}} is never closed");
  }

 private:
  const Compiled* resolve(const Token& t) {
    const Compiled* c = resolve_(t.text, t.indent);
    if (!c) src_.fail(t.offset, "{{> " + t.text + "}} names no template");
    return c;
  }
  const Source& src_;
  Resolve resolve_;
};

// ---- Rendering ----

const mstch::node kNull{nullptr};

[[noreturn]] void refuse_callable() {
  throw std::invalid_argument("mustache: lambdas and mstch::object are not supported in template contexts");
}

void refuse_if_callable(const mstch::node& n) {
  if (boost::get<mstch::lambda>(&n) || boost::get<std::shared_ptr<mstch::object>>(&n)) refuse_callable();
}

// mstch's html_escape: & ' " < > / become entities.
const char* entity_of(char c) {
  switch (c) {
    case '&': return "&amp;";
    case '\'': return "&#39;";
    case '"': return "&quot;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '/': return "&#x2F;";
    default: return nullptr;
  }
}

void append_escaped(std::string& out, const std::string& s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* entity = entity_of(s[i]);
    if (!entity) continue;
    out.append(s, start, i - start);
    out += entity;
    start = i + 1;
  }
  out.append(s, start, std::string::npos);
}

// mstch's is_node_empty: null, "", 0, 0.0, false and [] are falsy; maps are truthy.
bool is_falsy(const mstch::node* n) {
  if (!n) return true;
  if (auto* s = boost::get<std::string>(n)) return s->empty();
  if (auto* i = boost::get<int>(n)) return *i == 0;
  if (auto* d = boost::get<double>(n)) return *d == 0;
  if (auto* b = boost::get<bool>(n)) return !*b;
  if (auto* a = boost::get<mstch::array>(n)) return a->empty();
  refuse_if_callable(*n);
  return boost::get<std::nullptr_t>(n) != nullptr;
}

struct Frame {
  const mstch::map* map;    // the frame is a map (the root always is)
  const mstch::node* node;  // otherwise the node itself (answers only ".")
};

Frame frame_of(const mstch::node& n) {
  refuse_if_callable(n);
  return {boost::get<mstch::map>(&n), &n};
}

class Renderer {
 public:
  Renderer(std::string& out, const mstch::map& root, const mstch::map* base) : out_(out) {
    if (base) stack_.push_back({base, nullptr});
    stack_.push_back({&root, nullptr});
  }

  void render(const std::vector<Node>& body) {
    for (const Node& n : body) {
      switch (n.kind) {
        case Node::Kind::text: out_ += n.text; break;
        case Node::Kind::escaped: variable(lookup(n.path), true); break;
        case Node::Kind::raw: variable(lookup(n.path), false); break;
        case Node::Kind::section: section(lookup(n.path), n.body); break;
        case Node::Kind::inverted:
          if (is_falsy(lookup(n.path))) with(frame_of(kNull), n.body);
          break;
        case Node::Kind::partial:
          if (depth_ == kMaxPartialDepth) throw std::runtime_error("mustache: partials nest too deep");
          ++depth_;
          render(n.partial->body);
          --depth_;
          break;
      }
    }
  }

 private:
  const mstch::node* lookup(const std::vector<std::string>& path) const {
    const mstch::node* found = nullptr;
    for (auto f = stack_.rbegin(); f != stack_.rend() && !found; ++f) {
      if (f->map) {
        auto it = f->map->find(path.front());
        if (it != f->map->end()) found = &it->second;
      } else if (path.front() == ".") {
        found = f->node;
      }
    }
    for (std::size_t i = 1; i < path.size() && found; ++i) {
      refuse_if_callable(*found);
      const auto* map = boost::get<mstch::map>(found);
      if (!map) return nullptr;
      auto it = map->find(path[i]);
      found = it == map->end() ? nullptr : &it->second;
    }
    return found;
  }

  void variable(const mstch::node* n, bool escape) {
    if (!n) return;
    if (auto* s = boost::get<std::string>(n)) {
      if (escape) append_escaped(out_, *s);
      else out_ += *s;
    } else if (auto* i = boost::get<int>(n)) {
      out_ += std::to_string(*i);
    } else if (auto* d = boost::get<double>(n)) {
      std::ostringstream ss;  // mstch: default stream formatting
      ss << *d;
      out_ += ss.str();
    } else if (auto* b = boost::get<bool>(n)) {
      out_ += *b ? "true" : "false";
    } else {
      refuse_if_callable(*n);
    }
  }

  void section(const mstch::node* n, const std::vector<Node>& body) {
    if (is_falsy(n)) return;
    if (auto* list = boost::get<mstch::array>(n)) {
      for (const mstch::node& item : *list) with(frame_of(item), body);
    } else {
      with(frame_of(*n), body);
    }
  }

  void with(Frame f, const std::vector<Node>& body) {
    stack_.push_back(f);
    render(body);
    stack_.pop_back();
  }

  std::string& out_;
  std::vector<Frame> stack_;
  int depth_ = 0;
};

}  // namespace

Library::Library(const std::map<std::string, std::string>& sources) {
  std::map<std::string, std::vector<Token>, std::less<>> tokens;
  for (const auto& [name, text] : sources)
    tokens.emplace(name, strip_standalone_lines(tokenize(Source{name, text})));

  std::vector<std::pair<std::string, std::string>> pending;
  auto resolve = [&](const std::string& name, const std::string& indent) -> const Compiled* {
    if (!tokens.count(name)) return nullptr;
    auto [it, added] = bodies_.try_emplace({name, indent});
    if (added) {
      it->second = std::make_unique<Compiled>();
      pending.push_back(it->first);
    }
    return it->second.get();
  };
  for (const auto& entry : sources) templates_.emplace(entry.first, resolve(entry.first, ""));
  while (!pending.empty()) {
    auto [name, indent] = std::move(pending.back());
    pending.pop_back();
    Source src{name, sources.at(name)};
    Builder(src, resolve).build(indented(tokens.at(name), indent), *bodies_.at({name, indent}));
  }
}

Library::~Library() = default;
Library::Library(Library&&) noexcept = default;
Library& Library::operator=(Library&&) noexcept = default;

std::string Library::render(std::string_view name, const mstch::map& context, const mstch::map* base) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) throw std::out_of_range("no template " + std::string(name));
  std::string out;
  out.reserve(it->second->text_size + it->second->text_size / 2);
  Renderer(out, context, base).render(it->second->body);
  return out;
}

}  // namespace tinhso::text::mustache
