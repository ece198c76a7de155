#include "core/text/catalog.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/util/strings.h"

namespace tinhso::text {

namespace {

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw std::runtime_error(p.string() + ": " + e.what());
  }
}

void insert_path(mstch::map& root, std::string_view id, const std::string& text) {
  mstch::map* node = &root;
  auto parts = split(id, '.');
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    std::string key(parts[i]);
    auto it = node->find(key);
    if (it == node->end()) it = node->emplace(key, mstch::map{}).first;
    node = boost::get<mstch::map>(&it->second);
    if (!node) throw std::runtime_error("message id " + std::string(id) + " extends another message id");
  }
  (*node)[std::string(parts.back())] = text;
}

}  // namespace

// The catalog files of `lang`: <first dir>/<lang>.json, then each module's <module>.<lang>.json
// of every dir, in file-name order.
static std::vector<std::filesystem::path> catalog_files(const std::vector<std::filesystem::path>& dirs,
                                                        const std::string& lang) {
  if (dirs.empty()) throw std::runtime_error("no message catalog directory");
  std::vector<std::filesystem::path> files{dirs.front() / (lang + ".json")};
  std::vector<std::filesystem::path> modules;
  std::string suffix = "." + lang + ".json";
  for (const auto& dir : dirs)
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (name.size() > suffix.size() && name.ends_with(suffix)) modules.push_back(e.path());
    }
  std::sort(modules.begin(), modules.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  files.insert(files.end(), modules.begin(), modules.end());
  return files;
}

Catalog::Catalog(const std::filesystem::path& dir, std::vector<std::string> languages)
    : Catalog(std::vector<std::filesystem::path>{dir}, std::move(languages)) {}

Catalog::Catalog(const std::vector<std::filesystem::path>& dirs, std::vector<std::string> languages)
    : languages_(std::move(languages)) {
  std::set<std::string> known;
  for (const auto& file : catalog_files(dirs, "qqq")) {
    nlohmann::json notes = read_json(file);
    for (auto& [id, note] : notes.items()) {
      if (!note.is_string() || note.get<std::string>().empty())
        throw std::runtime_error(file.filename().string() + ": note for " + id + " must be a non-empty string");
      if (!known.insert(id).second) throw std::runtime_error(file.filename().string() + ": duplicate id " + id);
      ids_.push_back(id);
    }
  }
  for (const auto& lang : languages_) {
    auto& msgs = messages_[lang];
    for (const auto& file : catalog_files(dirs, lang)) {
      std::string fname = file.filename().string();
      nlohmann::json j = read_json(file);
      for (auto& [id, text] : j.items()) {
        if (!known.count(id)) throw std::runtime_error(fname + ": " + id + " has no note in a qqq file");
        if (!text.is_string()) throw std::runtime_error(fname + ": " + id + " must be a string");
        if (!msgs.emplace(id, text.get<std::string>()).second) throw std::runtime_error(fname + ": duplicate id " + id);
      }
    }
    for (const auto& id : ids_)
      if (!msgs.count(id)) throw std::runtime_error(lang + ": missing message " + id);
    mstch::map tree;
    for (const auto& [id, text] : msgs) insert_path(tree, id, text);
    bases_.emplace(lang, mstch::map{{"t", std::move(tree)}});
  }
}

bool Catalog::supports(std::string_view lang) const {
  return std::find(languages_.begin(), languages_.end(), lang) != languages_.end();
}

const std::string& Catalog::get(std::string_view lang, std::string_view id) const {
  for (std::string_view l : {lang, std::string_view(languages_.front())}) {
    auto m = messages_.find(l);
    if (m == messages_.end()) continue;
    auto it = m->second.find(id);
    if (it != m->second.end()) return it->second;
  }
  {
    static std::mutex mutex;
    static std::set<std::string, std::less<>> logged;
    std::lock_guard lock(mutex);
    if (logged.emplace(id).second) spdlog::error("catalog: no message {} in any language; the id is shown instead", id);
  }
  // Kept per thread for the thread's life, so an earlier returned reference stays valid.
  thread_local std::set<std::string, std::less<>> missing;
  return *missing.emplace(id).first;
}

bool Catalog::has(std::string_view lang, std::string_view id) const {
  auto m = messages_.find(lang);
  return m != messages_.end() && m->second.find(id) != m->second.end();
}

std::string Catalog::format(std::string_view lang, std::string_view id,
                            std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
  const std::string& tmpl = get(lang, id);
  std::string out;
  for (std::size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      std::size_t end = tmpl.find('}', i);
      if (end != std::string::npos) {
        std::string_view name(tmpl.data() + i + 1, end - i - 1);
        auto it = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        if (it != args.end()) {
          out += it->second;
          i = end;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

const mstch::map& Catalog::base(std::string_view lang) const {
  auto it = bases_.find(lang);
  if (it == bases_.end()) it = bases_.find(languages_.front());
  return it->second;
}

const mstch::map& Catalog::tree(std::string_view lang) const { return boost::get<mstch::map>(base(lang).at("t")); }

std::string negotiate_language(std::string_view cookie, std::string_view accept_language,
                               const std::vector<std::string>& supported, std::string_view fallback) {
  auto is_supported = [&](std::string_view l) {
    return std::find(supported.begin(), supported.end(), l) != supported.end();
  };
  if (!cookie.empty() && is_supported(cookie)) return std::string(cookie);
  std::string best(fallback);
  double best_q = 0;
  for (std::string_view item : split(accept_language, ',')) {
    auto params = split(item, ';');
    std::string tag = to_lower_ascii(trim(params[0]));
    double q = 1.0;
    for (std::size_t i = 1; i < params.size(); ++i) {
      auto p = trim(params[i]);
      if (starts_with_icase(p, "q=")) {
        try {
          q = std::stod(std::string(p.substr(2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    std::string primary = tag.substr(0, tag.find('-'));
    if (q > best_q && q <= 1.0 && is_supported(primary)) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

}  // namespace tinhso::text
