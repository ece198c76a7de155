#include "modules/audit/api.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "modules/audit/chain.h"

namespace tinhso::audit {

namespace {

void create_key_file(const std::string& file) {
  auto dir = std::filesystem::path(file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  std::string tmp = file + ".new-" + std::to_string(getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create the audit key file " + file);
  crypto::SecretBytes key = crypto::generate_key_text();
  std::string head =
      "# tinhso audit key: keys the MAC of every audit record. Keep it outside the database, back it up,\n"
      "# give every node the same file. Losing it makes the log unverifiable; leaking it lets a forger\n"
      "# who can also write the database rewrite the log undetected.\n";
  bool ok = ::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()) &&
            ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::write(fd, "\n", 1) == 1 &&
            ::fsync(fd) == 0;
  ::close(fd);
  // link() fails if another process made the file first: theirs is kept.
  bool linked = ok && ::link(tmp.c_str(), file.c_str()) == 0;
  int link_errno = errno;
  ::unlink(tmp.c_str());
  if (!ok) throw std::runtime_error("cannot write the audit key file " + file);
  if (linked) spdlog::warn("audit key: made {} with a new key; back it up and give every node the same file", file);
  else if (link_errno != EEXIST) throw std::runtime_error("cannot create the audit key file " + file);
}

}  // namespace

AuditKeys load_keys(const std::string& file, bool create) {
  if (create && !std::filesystem::exists(file)) create_key_file(file);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the audit key file " + file);
  AuditKeys out;
  std::optional<int> current;
  std::string line;
  int number = 0;
  auto refuse = [&](const std::string& why) {
    sodium_memzero(line.data(), line.size());
    throw std::runtime_error("audit key file " + file + ", line " + std::to_string(number) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++number;
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    auto last = line.find_last_not_of(" \t\r");
    std::string_view text(line.data() + first, last - first + 1);
    auto small_id = [&](std::string_view digits) {
      if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string_view::npos)
        refuse("a key id is a number from 1 to 255");
      int id = std::stoi(std::string(digits));
      if (id < 1 || id > 255) refuse("a key id is a number from 1 to 255");
      return id;
    };
    if (text.rfind("current=", 0) == 0) {
      if (current) refuse("a second current= line");
      current = small_id(text.substr(8));
      continue;
    }
    int id = 1;
    if (auto colon = text.find(':'); colon != std::string_view::npos) {
      id = small_id(text.substr(0, colon));
      text.remove_prefix(colon + 1);
    }
    if (out.keys.count(id) != 0) refuse("key " + std::to_string(id) + " is given twice");
    crypto::SecretBytes key(kAuditKeyBytes);
    std::size_t len = 0;
    bool good = sodium_base642bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, nullptr,
                                  sodium_base64_VARIANT_ORIGINAL) == 0 &&
                len == kAuditKeyBytes && !sodium_is_zero(key.data(), key.size());
    if (!good) refuse("expected ID:KEY, KEY being 32 bytes in base64 (tinhso keys generate)");
    sodium_memzero(line.data(), line.size());
    out.keys.emplace(id, std::move(key));
  }
  if (out.keys.empty()) throw std::runtime_error("audit key file " + file + ": no key in it");
  out.current = current.value_or(out.keys.rbegin()->first);
  if (out.keys.count(out.current) == 0)
    throw std::runtime_error("audit key file " + file + ": current=" + std::to_string(out.current) +
                             " names a key the file does not have");
  return out;
}

crypto::SecretBytes load_key_file(const std::string& file, bool create) {
  AuditKeys keys = load_keys(file, create);
  return std::move(keys.keys.begin()->second);
}

}  // namespace tinhso::audit
