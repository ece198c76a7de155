#include "core/http/metrics.h"

#include <algorithm>

#include <cstdio>

namespace tinhso::http {

namespace {
// Label values are route patterns and methods we chose; escape anyway (\\, ", newline).
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, int status, double seconds) {
  std::lock_guard lock(mu_);
  auto it_req = requests_.find(std::make_tuple(method, route, status));
  if (it_req == requests_.end())
    it_req = requests_.emplace(std::make_tuple(std::string(method), std::string(route), status), 0).first;
  ++it_req->second;
  auto it = latency_.find(route);
  if (it == latency_.end()) it = latency_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::observe_sql(std::string_view method, std::string_view route, std::uint64_t statements) {
  std::lock_guard lock(mu_);
  auto key = std::make_pair(std::string(method), std::string(route));
  auto it = sql_.find(key);
  if (it == sql_.end()) it = sql_.emplace(std::move(key), SqlCount{}).first;
  it->second.max = std::max(it->second.max, statements);
  it->second.total += statements;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(mu_);
  out += "# HELP tinhso_http_requests_total HTTP requests by method, route pattern and status.\n";
  out += "# TYPE tinhso_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += "tinhso_http_requests_total{method=\"" + label(method) + "\",route=\"" + label(route) +
           "\",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
  }
  out += "# HELP tinhso_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE tinhso_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string r = label(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += "tinhso_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"" + num(kBuckets[i]) +
             "\"} " + std::to_string(h.counts[i]) + "\n";
    out += "tinhso_http_request_duration_seconds_bucket{route=\"" + r + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "tinhso_http_request_duration_seconds_sum{route=\"" + r + "\"} " + num(h.sum) + "\n";
    out += "tinhso_http_request_duration_seconds_count{route=\"" + r + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP tinhso_http_request_sql_statements_max The most SQL statements one request of the route issued.\n";
  out += "# TYPE tinhso_http_request_sql_statements_max gauge\n";
  for (const auto& [key, c] : sql_)
    out += "tinhso_http_request_sql_statements_max{method=\"" + label(key.first) + "\",route=\"" + label(key.second) +
           "\"} " + std::to_string(c.max) + "\n";
  out += "# HELP tinhso_http_request_sql_statements_total SQL statements issued by requests of the route.\n";
  out += "# TYPE tinhso_http_request_sql_statements_total counter\n";
  for (const auto& [key, c] : sql_)
    out += "tinhso_http_request_sql_statements_total{method=\"" + label(key.first) + "\",route=\"" + label(key.second) +
           "\"} " + std::to_string(c.total) + "\n";
  out += "# HELP tinhso_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE tinhso_http_requests_in_flight gauge\n";
  out += "tinhso_http_requests_in_flight " + std::to_string(in_flight.load()) + "\n";
  out += "# HELP tinhso_http_requests_shed_total Requests refused at once by admission control, by reason.\n";
  out += "# TYPE tinhso_http_requests_shed_total counter\n";
  for (const auto& [reason, n] : {std::pair<const char*, std::uint64_t>{"address", shed_address.load()},
                                  {"queue", shed_queue.load()}, {"route", shed_route.load()}})
    out += std::string("tinhso_http_requests_shed_total{reason=\"") + reason + "\"} " + std::to_string(n) + "\n";
  for (const auto& g : gauges_) {
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    out += g.name + " " + num(g.read()) + "\n";
  }
  return out;
}

}  // namespace tinhso::http
