#include "modules/petitions/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace tinhso::petitions {

namespace {

void create_key_file(const std::string& file) {
  auto dir = std::filesystem::path(file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;  // another process made it first
    throw std::runtime_error("cannot create the identity key file " + file);
  }
  crypto::SecretBytes key = crypto::generate_key_text();
  std::string line = "# tinhso identity keys: ID:BASE64KEY per line; the highest ID seals new data.\n1:";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::write(fd, "\n", 1) == 1 &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write the identity key file " + file);
  spdlog::warn("identity keys: made {} with a new key; back it up and give every node the same file", file);
}

std::unique_ptr<crypto::KeyRing> load(const std::string& file) {
  if (!std::filesystem::exists(file)) create_key_file(file);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the identity key file " + file);
  std::string line, entries;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    if (!entries.empty()) entries += ',';
    entries += line;
  }
  sodium_memzero(line.data(), line.size());
  try {
    auto ring = std::make_unique<crypto::KeyRing>(entries);
    sodium_memzero(entries.data(), entries.size());
    return ring;
  } catch (const std::invalid_argument& e) {
    sodium_memzero(entries.data(), entries.size());
    throw std::runtime_error(std::string("identity key file ") + file + ": " + e.what());
  }
}

}  // namespace

const crypto::KeyRing& identity_keys(const std::string& file) {
  static std::mutex mu;
  static std::unique_ptr<crypto::KeyRing> ring;
  std::lock_guard lock(mu);
  if (!ring) ring = load(file);
  return *ring;
}

}  // namespace tinhso::petitions
