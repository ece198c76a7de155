#include "core/fs/files.h"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace tinhso::fs {

std::string RealFiles::read(const std::filesystem::path& path, std::size_t max_bytes) const {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::runtime_error("cannot read " + path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string bytes;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) throw std::runtime_error(path.string() + " is too large");
  }
  if (in.bad()) throw std::runtime_error("cannot read " + path.string());
  return bytes;
}

void MemoryFiles::put(const std::filesystem::path& path, std::string bytes) {
  std::lock_guard lock(mu_);
  files_[path.string()] = std::move(bytes);
}

std::string MemoryFiles::read(const std::filesystem::path& path, std::size_t max_bytes) const {
  std::lock_guard lock(mu_);
  auto it = files_.find(path.string());
  if (it == files_.end()) throw std::runtime_error("cannot read " + path.string());
  if (it->second.size() > max_bytes) throw std::runtime_error(path.string() + " is too large");
  return it->second;
}

}  // namespace tinhso::fs
