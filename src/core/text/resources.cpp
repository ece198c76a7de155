#include "core/text/resources.h"

#include <algorithm>
#include <system_error>

namespace tinhso::text {

std::vector<std::filesystem::path> resource_dirs(const std::filesystem::path& root, std::string_view kind) {
  namespace fs = std::filesystem;
  std::vector<fs::path> dirs;
  std::error_code ec;
  if (fs::is_directory(root / kind, ec)) dirs.push_back(root / kind);
  std::vector<fs::path> modules;
  for (const auto& e : fs::directory_iterator(root / "src" / "modules", ec))
    if (fs::is_directory(e.path() / kind, ec)) modules.push_back(e.path() / kind);
  std::sort(modules.begin(), modules.end());
  dirs.insert(dirs.end(), modules.begin(), modules.end());
  return dirs;
}

}  // namespace tinhso::text
