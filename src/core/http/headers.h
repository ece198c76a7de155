#pragma once
// An ordered list of HTTP header fields with case-insensitive lookup (RFC 9110 §5.1).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinhso::http {

class Headers {
 public:
  // Returns the first value of `name`, or nullopt.
  std::optional<std::string_view> get(std::string_view name) const;
  std::string_view get_or(std::string_view name, std::string_view fallback) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  // Replaces every field named `name` by one with `value`.
  void set(std::string_view name, std::string_view value);
  void add(std::string_view name, std::string_view value);
  void erase(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Name/value pairs from a query string or a form; order and repeats are kept. A blank value
// (empty or only white space) counts as absent for get(): browsers send every empty input, and
// every reader of a single-valued field must see the same value (issue 12 §1).
class FormData {
 public:
  // The one non-blank value of `name`, as sent; nullopt when absent or only blank. Throws
  // Error(bad_request, "error.bad_request.repeated_field") when `name` has two different
  // non-blank values, so no two readers can pick different copies.
  std::optional<std::string_view> get(std::string_view name) const;
  std::string_view get_or(std::string_view name, std::string_view fallback) const;
  // Every value of `name` in the order sent, blank ones included (checkbox groups, lists).
  std::vector<std::string_view> all(std::string_view name) const;
  // Whether `name` was sent at all, even blank (a submitted but empty form).
  bool has(std::string_view name) const;
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace tinhso::http
