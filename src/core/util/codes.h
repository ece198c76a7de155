#pragma once
// Enum ↔ stored code tables: each enum that is stored or shown keeps one constexpr table of
// {value, "code"} pairs, and these two look-ups.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace tinhso::util {

// The code of `e`; "" if the table lacks it.
template <class E, std::size_t N>
constexpr std::string_view code_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, code] : table)
    if (v == e) return code;
  return {};
}

// The value whose code is `code`; nullopt for an unknown code.
template <class E, std::size_t N>
constexpr std::optional<E> parse_code(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [v, c] : table)
    if (c == code) return v;
  return std::nullopt;
}

}  // namespace tinhso::util
