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
}

std::string Templates::render(std::string_view name, const mstch::map& context) const {
  auto it = templates_.find(std::string(name));
  if (it == templates_.end()) throw std::out_of_range("no template " + std::string(name));
  return mstch::render(it->second, context, templates_);
}

}  // namespace tinhso::text
