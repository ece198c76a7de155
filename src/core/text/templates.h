#pragma once
// The page templates: templates/*.mustache and src/modules/*/templates/*.mustache (resources.h), compiled once at start-up by core/text/mustache.h
// (output identical to mstch's). Every template is also a partial ({{> name}}). Variables are
// HTML-escaped unless written {{{triple}}}. Immutable after construction; render() is thread-safe.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/text/mustache.h"

namespace tinhso::text {

class Templates {
 public:
  // Throws std::runtime_error if the directory has no templates, mustache::SyntaxError (naming
  // the template and line) for a template the engine refuses.
  explicit Templates(const std::filesystem::path& dir);
  // Every template of several directories (text::resource_dirs); a name defined twice throws.
  explicit Templates(const std::vector<std::filesystem::path>& dirs);
  // Throws std::out_of_range for an unknown template name.
  // `base`: see mustache::Library::render.
  std::string render(std::string_view name, const mstch::map& context, const mstch::map* base = nullptr) const {
    return library_.render(name, context, base);
  }
  bool has(std::string_view name) const { return library_.has(name); }

 private:
  mustache::Library library_;
};

}  // namespace tinhso::text
