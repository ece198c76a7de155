#include "core/http/headers.h"

#include <algorithm>

#include "core/http/errors.h"
#include "core/util/strings.h"

namespace tinhso::http {

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [k, v] : items_)
    if (iequals(k, name)) return std::string_view(v);
  return std::nullopt;
}

std::string_view Headers::get_or(std::string_view name, std::string_view fallback) const {
  auto v = get(name);
  return v ? *v : fallback;
}

void Headers::set(std::string_view name, std::string_view value) {
  erase(name);
  add(name, value);
}

void Headers::add(std::string_view name, std::string_view value) {
  items_.emplace_back(std::string(name), std::string(value));
}

void Headers::erase(std::string_view name) {
  std::erase_if(items_, [&](const auto& kv) { return iequals(kv.first, name); });
}

std::optional<std::string_view> FormData::get(std::string_view name) const {
  std::optional<std::string_view> found;
  for (const auto& [k, v] : items_) {
    if (k != name || trim(v).empty()) continue;
    if (found && *found != v) throw Error(ErrorKind::bad_request, "field repeated: " + k, "error.bad_request.repeated_field");
    found = v;
  }
  return found;
}

bool FormData::has(std::string_view name) const {
  return std::any_of(items_.begin(), items_.end(), [&](const auto& kv) { return kv.first == name; });
}

std::string_view FormData::get_or(std::string_view name, std::string_view fallback) const {
  auto v = get(name);
  return v ? *v : fallback;
}

std::vector<std::string_view> FormData::all(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : items_)
    if (k == name) out.emplace_back(v);
  return out;
}

}  // namespace tinhso::http
