#pragma once
// A Mustache engine that compiles a set of templates once and renders them from the compiled
// form, with output byte-for-byte identical to mstch 1.0.2 (the library whose node types the
// contexts use) for every template it accepts: HTML escaping of & ' " < > / , {{{raw}}} and
// {{& raw}}, dotted names and {{.}}, sections over lists / maps / truthy values with mstch's
// context-stack lookup, {{^inverted}} sections, {{! comments}}, {{> partials}} (each template of
// the set is a partial of every other) with mstch's standalone-line and indentation rules.
//
// Stricter than mstch, at compile time (SyntaxError, naming template and line): unclosed or
// mismatched sections, a stray {{/close}}, set-delimiter tags {{=<% %>=}}, a partial naming no
// template of the set, and a tag that mstch itself cannot parse ({{ }}: spaces only).
// At render time lambdas and mstch::object nodes are refused (std::invalid_argument) and partials
// nest at most kMaxPartialDepth deep (std::runtime_error), where mstch would overflow the stack.
//
// A Library is immutable after construction: render() is const and safe from many threads.
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

namespace tinhso::text::mustache {

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr int kMaxPartialDepth = 64;

struct Compiled;

class Library {
 public:
  // `sources`: template name → Mustache text. Throws SyntaxError for a template it refuses.
  explicit Library(const std::map<std::string, std::string>& sources);
  ~Library();
  Library(Library&&) noexcept;
  Library& operator=(Library&&) noexcept;

  bool has(std::string_view name) const { return templates_.find(name) != templates_.end(); }
  // Throws std::out_of_range for an unknown template name. `base`, if given, is looked up below
  // `context` (as if its keys were copied into it where absent) without being copied: for large
  // shared maps such as the message tree.
  std::string render(std::string_view name, const mstch::map& context, const mstch::map* base = nullptr) const;

 private:
  std::map<std::string, const Compiled*, std::less<>> templates_;
  // Every compiled body: the templates themselves and the partial variants indented for the
  // standalone {{> name}} lines that include them (key: name, indentation).
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Compiled>> bodies_;
};

}  // namespace tinhso::text::mustache
