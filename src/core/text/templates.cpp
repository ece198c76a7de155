#include "core/text/templates.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace tinhso::text {

namespace {

std::map<std::string, std::string> read_templates(const std::vector<std::filesystem::path>& dirs) {
  std::map<std::string, std::string> sources;
  for (const auto& dir : dirs) {
    if (!std::filesystem::is_directory(dir)) throw std::runtime_error("template directory not found: " + dir.string());
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".mustache") continue;
      std::ifstream in(entry.path());
      std::stringstream ss;
      ss << in.rdbuf();
      if (!sources.emplace(entry.path().stem().string(), ss.str()).second)
        throw std::runtime_error("template " + entry.path().stem().string() + " is defined twice (" +
                                 entry.path().string() + ")");
    }
  }
  if (sources.empty()) throw std::runtime_error("no templates in " + (dirs.empty() ? std::string("(none)") : dirs.front().string()));
  return sources;
}

}  // namespace

Templates::Templates(const std::filesystem::path& dir) : library_(read_templates({dir})) {}
Templates::Templates(const std::vector<std::filesystem::path>& dirs) : library_(read_templates(dirs)) {}

}  // namespace tinhso::text
