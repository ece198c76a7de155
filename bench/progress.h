#pragma once
// A one-line progress bar on stderr for the benchmark data generators:
// "[#####     ]  50% 500000/1000000 dossiers, 42.0 s, 11905/s".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

namespace tinhso::bench {

class Progress {
 public:
  Progress(long long total, std::string unit) : total_(total), unit_(std::move(unit)), start_(std::chrono::steady_clock::now()) {}
  void show(long long done) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    int width = 40, filled = static_cast<int>(width * done / std::max(total_, 1LL));
    std::fprintf(stderr, "\r[%s%s] %3lld%% %lld/%lld %s, %.1f s, %.0f/s", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), done * 100 / std::max(total_, 1LL), done, total_,
                 unit_.c_str(), secs, secs > 0 ? static_cast<double>(done) / secs : 0.0);
    if (done == total_) std::fputc('\n', stderr);
  }

 private:
  long long total_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace tinhso::bench
