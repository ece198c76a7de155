#include "core/text/templates.h"

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace tinhso::text {

namespace {

std::map<std::string, std::string> read_templates(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("template directory not found: " + dir.string());
  std::map<std::string, std::string> sources;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    sources[entry.path().stem().string()] = ss.str();
  }
  if (sources.empty()) throw std::runtime_error("no templates in " + dir.string());
  return sources;
}

}  // namespace

Templates::Templates(const std::filesystem::path& dir) : library_(read_templates(dir)) {}

}  // namespace tinhso::text
