#pragma once
// Process metrics in the Prometheus text exposition format (version 0.0.4): request counts by
// method, route pattern and status; a latency histogram by route; requests in flight; and gauges
// registered by other parts (database pool use, open connections). Thread-safe.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tinhso::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,     5};
  // `route` is the matched pattern, or "unmatched", so label cardinality stays bounded.
  void observe(std::string_view method, std::string_view route, int status, double seconds);
  // The SQL statements one request of (method, route) issued (see core/util/work_counter.h).
  void observe_sql(std::string_view method, std::string_view route, std::uint64_t statements);
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  std::string render() const;
  std::atomic<long> in_flight{0};
  // Requests refused by admission control (issue 15 §6), rendered as
  // tinhso_http_requests_shed_total{reason}: "queue" (503, the workers' queue full), "address"
  // (429, the client address at its cap), "route" (429, the route at its max_in_flight).
  std::atomic<std::uint64_t> shed_queue{0}, shed_address{0}, shed_route{0};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
  std::map<std::string, Histogram, std::less<>> latency_;
  struct SqlCount {
    std::uint64_t max = 0, total = 0;
  };
  std::map<std::pair<std::string, std::string>, SqlCount, std::less<>> sql_;
  std::vector<Gauge> gauges_;
};

}  // namespace tinhso::http
