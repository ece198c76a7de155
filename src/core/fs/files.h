#pragma once
// The file system as the modules see it (issue 13 §5, the LevelDB `Env` idea): handlers read
// uploaded files and start-up data files through app::Context::files, never with std::ifstream, so
// a test can hand them an in-memory fake. Implementations are thread-safe.
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace tinhso::fs {

class Files {
 public:
  virtual ~Files() = default;
  // The whole content of `path`. Throws std::runtime_error naming the path when it cannot be
  // read or is larger than `max_bytes`.
  virtual std::string read(const std::filesystem::path& path,
                           std::size_t max_bytes = kDefaultMaxBytes) const = 0;
  static constexpr std::size_t kDefaultMaxBytes = std::size_t{256} << 20;  // 256 MiB
};

// The real file system.
class RealFiles final : public Files {
 public:
  std::string read(const std::filesystem::path& path, std::size_t max_bytes = kDefaultMaxBytes) const override;
};

// Files held in memory (tests): put() what a test uploads, read() it back; an unknown path throws
// like a missing file.
class MemoryFiles final : public Files {
 public:
  void put(const std::filesystem::path& path, std::string bytes);
  std::string read(const std::filesystem::path& path, std::size_t max_bytes = kDefaultMaxBytes) const override;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
};

}  // namespace tinhso::fs
