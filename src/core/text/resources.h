#pragma once
// Where the page templates and message catalogs are: the platform's own in <root>/<kind>/
// (the layout, the error page, the shared messages) and each module's in
// <root>/src/modules/<module>/<kind>/ — a module keeps its pages and texts in its own folder
// (docs/ARCHITECTURE.md, "Adding a module"). <root> is the assets directory (--assets).
#include <filesystem>
#include <string_view>
#include <vector>

namespace tinhso::text {

// <root>/<kind> (when it exists) first, then every module's <kind> folder, in module-name order.
// `kind` is "templates" or "locales".
std::vector<std::filesystem::path> resource_dirs(const std::filesystem::path& root, std::string_view kind);

}  // namespace tinhso::text
