#pragma once
// Message catalogs: locales/<lang>.json maps a message id ("home.title") to its text;
// locales/qqq.json holds the translator's note for each id (the libkiwix convention). A module
// keeps its own messages in locales/<module>.<lang>.json and locales/<module>.qqq.json. Every id
// must exist in every language and have a note, and appear in one file only; the constructor
// enforces it.
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mstch/mstch.hpp>

namespace tinhso::text {

class Catalog {
 public:
  // Throws std::runtime_error naming the file and id on any missing, extra or unnoted message.
  Catalog(const std::filesystem::path& dir, std::vector<std::string> languages = {"vi", "en"});
  // The same over several directories (text::resource_dirs): <lang>.json of the first, the
  // <module>.<lang>.json files of all.
  Catalog(const std::vector<std::filesystem::path>& dirs, std::vector<std::string> languages = {"vi", "en"});
  const std::vector<std::string>& languages() const { return languages_; }
  bool supports(std::string_view lang) const;
  // The text of `id` in `lang`; falls back to the first language, then to the id itself. An id in
  // no language is a bug (usually one built at run time from a code): the first time each such id
  // is asked for, it is logged as an error.
  const std::string& get(std::string_view lang, std::string_view id) const;
  // Whether `lang` itself has a message `id` (no fallback).
  bool has(std::string_view lang, std::string_view id) const;
  // get() with "{name}" placeholders replaced by the given values.
  std::string format(std::string_view lang, std::string_view id,
                     std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;
  // Every message of `lang` as nested mstch maps: id "home.title" is {{t.home.title}} in templates.
  const mstch::map& tree(std::string_view lang) const;
  // {"t": tree(lang)}: the base context of every page (see mustache::Library::render), shared.
  const mstch::map& base(std::string_view lang) const;
  std::size_t size() const { return ids_.size(); }

 private:
  std::vector<std::string> languages_;
  std::vector<std::string> ids_;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
  std::map<std::string, mstch::map, std::less<>> bases_;  // lang → {"t": tree}
};

// Picks the response language: a supported `cookie` value, else the best supported tag of an
// Accept-Language header (RFC 9110 §12.5.4, q-values honoured), else `fallback`.
std::string negotiate_language(std::string_view cookie, std::string_view accept_language,
                               const std::vector<std::string>& supported, std::string_view fallback = "vi");

}  // namespace tinhso::text
