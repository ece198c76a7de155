#include "core/text/templates.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tinhso::text {

Templates::Templates(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("template directory not found: " + dir.string());
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    templates_[entry.path().stem().string()] = ss.str();
  }
  if (templates_.empty()) throw std::runtime_error("no templates in " + dir.string());
  // mstch parses every partial it is given on every render: give each template only the
  // partials it uses, directly or through other partials.
  for (const auto& [name, text] : templates_) {
    std::map<std::string, std::string> used;
    std::vector<std::string> pending{name};
    while (!pending.empty()) {
      std::string current = pending.back();
      pending.pop_back();
      const std::string& body = templates_.at(current);
      for (std::size_t pos = body.find("{{>"); pos != std::string::npos; pos = body.find("{{>", pos + 3)) {
        std::size_t end = body.find("}}", pos);
        if (end == std::string::npos) break;
        std::string partial = body.substr(pos + 3, end - pos - 3);
        partial.erase(0, partial.find_first_not_of(" \t"));
        partial.erase(partial.find_last_not_of(" \t") + 1);
        auto it = templates_.find(partial);
        if (it != templates_.end() && !used.count(partial)) {
          used.emplace(partial, it->second);
          pending.push_back(partial);
        }
      }
    }
    partials_.emplace(name, std::move(used));
  }
}

std::string Templates::render(std::string_view name, const mstch::map& context) const {
  auto it = templates_.find(std::string(name));
  if (it == templates_.end()) throw std::out_of_range("no template " + std::string(name));
  return mstch::render(it->second, context, partials_.at(it->first));
}

}  // namespace tinhso::text
