#include "modules/audit/api.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
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

crypto::SecretBytes load_key_file(const std::string& file, bool create) {
  if (create && !std::filesystem::exists(file)) create_key_file(file);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the audit key file " + file);
  std::string line;
  crypto::SecretBytes key(kAuditKeyBytes);
  bool found = false;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    auto last = line.find_last_not_of(" \t\r");
    std::size_t len = 0;
    bool good = !found &&
                sodium_base642bin(key.data(), key.size(), line.data() + first, last - first + 1, nullptr, &len,
                                  nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 &&
                len == kAuditKeyBytes;
    sodium_memzero(line.data(), line.size());
    if (!good) throw std::runtime_error("audit key file " + file + ": expected one line of 32 bytes in base64");
    found = true;
  }
  if (!found || sodium_is_zero(key.data(), key.size()))
    throw std::runtime_error("audit key file " + file + ": no key in it");
  return key;
}

}  // namespace tinhso::audit
