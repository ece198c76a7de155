#pragma once
// Mustache templates (mstch) loaded from templates/*.mustache at start-up. Every template is
// also a partial ({{> name}}). Variables are HTML-escaped unless written {{{triple}}}.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

namespace tinhso::text {

class Templates {
 public:
  // Throws std::runtime_error if the directory has no templates.
  explicit Templates(const std::filesystem::path& dir);
  // Throws std::out_of_range for an unknown template name.
  std::string render(std::string_view name, const mstch::map& context) const;
  bool has(std::string_view name) const { return templates_.count(std::string(name)) > 0; }

 private:
  std::map<std::string, std::string> templates_;
  std::map<std::string, std::map<std::string, std::string>> partials_;  // per template: the partials it uses
};

}  // namespace tinhso::text
