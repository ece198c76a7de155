#include "core/http/server.h"

#include "core/util/work_counter.h"

#include <sys/resource.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <ctime>
#include <limits>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "core/http/address.h"
#include "core/http/cookie.h"
#include "core/http/form.h"
#include "core/util/strings.h"
#include "core/util/unavailable.h"

namespace tinhso::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t a = rng(), b = rng();
  std::string raw(reinterpret_cast<const char*>(&a), 8);
  raw.append(reinterpret_cast<const char*>(&b), 8);
  return hex_encode(raw);
}

// RFC 9110 §5.6.7 IMF-fixdate, recomputed at most once a second per thread.
const std::string& http_date() {
  thread_local std::time_t last = 0;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    last = now;
  }
  return cached;
}

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
         ec != bhttp::error::need_buffer;
}

// The method as a metrics label: clients may send any token, so only known methods become
// their own series (bounded label cardinality).
std::string_view metric_method(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (m == known) return known;
  return m.empty() ? "-" : "other";
}

void raise_fd_limit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

}  // namespace

namespace {

// A database outage makes every request answer 503 at once: log the first of each second with the
// number of those not logged since, not thousands of lines a second.
void log_unavailable(const std::string& request_id, const char* what) {
  static std::atomic<std::int64_t> last_second{0};
  static std::atomic<std::uint64_t> quiet{0};
  std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now().time_since_epoch()).count();
  std::int64_t last = last_second.load();
  if (now == last || !last_second.compare_exchange_strong(last, now)) {
    ++quiet;
    return;
  }
  spdlog::warn("request {}: unavailable: {} ({} more not logged since the last)", request_id, what, quiet.exchange(0));
}
constexpr std::pair<std::string_view, std::string_view> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
     "form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};
constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";

// The security headers as one pre-built block, for the hot path.
const std::string& security_header_block(bool secure) {
  static const std::string plain = [] {
    std::string b;
    for (auto [k, v] : kSecurityHeaders) b.append(k).append(": ").append(v).append("\r\n");
    return b;
  }();
  static const std::string with_hsts = plain + "Strict-Transport-Security: " + std::string(kHsts) + "\r\n";
  return secure ? with_hsts : plain;
}

// 405 listing the methods the path does take (the Allow header).
Error method_not_allowed(std::vector<std::string> allow) {
  Error e(ErrorKind::method_not_allowed, "method not allowed");
  e.allow = std::move(allow);
  return e;
}
}  // namespace

void add_security_headers(Response& r, bool secure) {
  for (auto [k, v] : kSecurityHeaders) r.headers.set(k, v);
  if (secure) r.headers.set("Strict-Transport-Security", kHsts);
}

class Connection;

// One single-threaded io_context per IO thread ("one loop per thread"): a connection lives on one
// loop for its whole life, so it needs no strand and loops share no locks on the hot path. The
// acceptor is on loop 0 and hands new sockets to the loops in turn.
struct Loop {
  asio::io_context ioc{1};
};

struct Server::Impl {
  Impl(ServerConfig c, const Router& r, ServerHooks h, Metrics& m, AccessLog& l)
      : cfg(std::move(c)), router(r), hooks(std::move(h)), metrics(m), log(l),
        connections(std::make_shared<std::atomic<std::size_t>>(0)),
        max_queued(queue_bound(cfg)),
        max_per_address(address_bound(cfg)),
        queued(std::make_shared<std::atomic<std::size_t>>(0)),
        loops(make_loops(cfg.io_threads)),
        workers(static_cast<std::size_t>(std::max(1, cfg.workers))),
        readers(cfg.read_workers > 0 ? std::make_unique<asio::thread_pool>(static_cast<std::size_t>(cfg.read_workers))
                                     : nullptr),
        probes(1),
        acceptor(loops[0]->ioc),
        signals(loops[0]->ioc),
        drain_timer(loops[0]->ioc) {}

  // At least one loop: loop 0 holds the acceptor.
  static std::vector<std::unique_ptr<Loop>> make_loops(int n) {
    std::vector<std::unique_ptr<Loop>> v;
    for (int i = 0; i < std::max(1, n); ++i) v.push_back(std::make_unique<Loop>());
    return v;
  }

  void accept();
  void begin_shutdown();
  void check_drained();
  void add(Connection* c, std::weak_ptr<Connection> w) {
    std::lock_guard lock(conn_mu);
    conns.emplace(c, std::move(w));
  }
  void remove(Connection* c) {
    std::lock_guard lock(conn_mu);
    conns.erase(c);
  }
  void stop_loops() {
    for (auto& l : loops) l->ioc.stop();
  }
  // Takes one of the address's max_per_address slots; false when it holds them all.
  bool enter_address(const std::string& key) {
    if (max_per_address == 0) return true;
    std::lock_guard lock(addr_mu);
    std::size_t& n = per_address[key];
    if (n >= max_per_address) return false;
    ++n;
    return true;
  }
  void leave_address(const std::string& key) {
    if (max_per_address == 0) return;
    std::lock_guard lock(addr_mu);
    auto it = per_address.find(key);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }

  ServerConfig cfg;
  const Router& router;
  ServerHooks hooks;
  Metrics& metrics;
  AccessLog& log;
  // Declared before the loops: connections still queued in a loop unregister on destruction.
  std::atomic<bool> stopping{false};
  std::shared_ptr<std::atomic<std::size_t>> connections;  // shared with the metrics gauge
  std::mutex conn_mu;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> conns;
  // Admission control (ServerConfig::max_queued, max_per_address); before the loops and the
  // workers, whose queued connections give their slots back on destruction.
  std::size_t max_queued, max_per_address;
  std::shared_ptr<std::atomic<std::size_t>> queued;  // posted to the workers, not yet started
  std::mutex addr_mu;
  std::unordered_map<std::string, std::size_t> per_address;  // address_bucket → requests admitted
  std::vector<std::unique_ptr<Loop>> loops;
  std::size_t next_loop = 0;
  asio::thread_pool workers;
  std::unique_ptr<asio::thread_pool> readers;  // GET and HEAD (ServerConfig::read_workers); null: workers
  // RouteOptions::probe routes (health checks that may block) run here, one at a time; beyond
  // kProbesPending waiting or running, 503 at once (a database that hangs cannot pile them up).
  static constexpr std::size_t kProbesPending = 8;
  std::shared_ptr<std::atomic<std::size_t>> probes_pending = std::make_shared<std::atomic<std::size_t>>(0);
  asio::thread_pool probes;
  // On loop 0; declared after the loops so they are destroyed first.
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer;
  Clock::time_point drain_deadline;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& srv) : stream_(std::move(socket)), srv_(srv) {
    ++*srv_.connections;
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    peer_ = ec ? std::string("unknown") : ep.address().to_string();
  }
  ~Connection() {
    leave_address();
    srv_.remove(this);
    --*srv_.connections;
  }

  void start() {
    srv_.add(this, weak_from_this());
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_request(); });
  }

  // Shutdown: close now if idle or still receiving a header; otherwise finish and then close.
  void on_stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->stage_ == Stage::idle || self->stage_ == Stage::header) self->close();
    });
  }

 private:
  enum class Stage { idle, header, body, handling, writing, closed };
  using Parser = bhttp::request_parser<bhttp::buffer_body>;

  void wait_request() {
    stage_ = Stage::idle;
    if (srv_.stopping) return close();
    if (buffer_.size() > 0) return read_header();
    stream_.expires_after(srv_.cfg.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  // Parses the header from the buffer, reading more as needed. The header-byte limit is
  // counted over the whole header here: Beast 1.74 applies header_limit per put() call only.
  void read_header() {
    stage_ = Stage::header;
    Parser& parser = parser_.emplace();
    parser.header_limit(static_cast<std::uint32_t>(srv_.cfg.max_header_bytes));
    // Unlimited here; the route's limit is set once the route is known (on_header/route()).
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    header_bytes_ = 0;
    // A HEAD request answered before its header is parsed (431) gets no content either (RFC
    // 9110 §9.3.2): its method is read from the first bytes.
    head_start_ = std::string_view(static_cast<const char*>(buffer_.data().data()), std::min<std::size_t>(buffer_.size(), 5)) == "HEAD ";
    stream_.expires_after(srv_.cfg.header_timeout);
    parse_header();
  }

  void parse_header() {
    // read_header() has just emplaced the parser: without one there is no request to answer.
    if (!parser_) return close();
    Parser& parser = *parser_;
    while (buffer_.size() > 0 && !parser.is_header_done()) {
      beast::error_code ec;
      std::size_t n = parser.put(buffer_.data(), ec);
      buffer_.consume(n);
      header_bytes_ += n;
      if (header_bytes_ > srv_.cfg.max_header_bytes) return on_header(bhttp::error::header_limit);
      if (ec == bhttp::error::need_more) break;
      if (ec) return on_header(ec);
    }
    if (parser.is_header_done()) return on_header({});
    if (header_bytes_ + buffer_.size() > srv_.cfg.max_header_bytes) return on_header(bhttp::error::header_limit);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec == beast::error::timeout) return self->on_header(ec);
      if (ec == asio::error::eof && self->header_bytes_ + self->buffer_.size() > 0)
        return self->on_header(bhttp::error::partial_message);
      if (ec) return self->on_header(ec == asio::error::eof ? beast::error_code(bhttp::error::end_of_stream) : ec);
      self->buffer_.commit(n);
      self->parse_header();
    });
  }

  void reset_request() {
    req_ = Request{};
    req_.request_id = new_request_id();
    req_.remote_addr = peer_;
    route_ = nullptr;
    body_.clear();
    multipart_.reset();
    collector_.reset();
    body_consumed_ = false;
    force_close_ = false;
    sql_ = -1;
    started_ = Clock::now();
  }

  void on_header(beast::error_code ec) {
    reset_request();
    if (ec == bhttp::error::end_of_stream || ec == asio::error::eof) return close();
    // On a timeout Beast has already closed the socket: there is nobody left to answer.
    if (ec == beast::error::timeout) return close();
    if (ec == bhttp::error::header_limit) return fail(Error(ErrorKind::header_too_large, "header too large"));
    if (ec && is_parse_error(ec)) return fail(Error(ErrorKind::bad_request, "malformed request: " + ec.message()));
    if (ec) return close();
    // The parser lives from read_header() until finish_request(); fail() counts the request.
    if (!parser_) return fail(Error(ErrorKind::internal, "no request parser"));
    Parser& parser = *parser_;
    ++srv_.metrics.in_flight;
    counted_ = true;
    try {
      build_request(parser);
      route(parser);
    } catch (const Error& e) {
      fail(e);
    } catch (const std::exception& e) {
      spdlog::error("request {}: {}", req_.request_id, e.what());
      fail(Error(ErrorKind::internal));
    }
  }

  void build_request(const Parser& parser) {
    const auto& msg = parser.get();
    req_.method = std::string(msg.method_string());
    req_.target = std::string(msg.target());
    for (const auto& f : msg)
      req_.headers.add(std::string_view(f.name_string().data(), f.name_string().size()),
                       std::string_view(f.value().data(), f.value().size()));
    std::string_view target = req_.target;
    std::size_t q = target.find('?');
    req_.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) req_.query = std::string(target.substr(q + 1));
    bool trusted = std::find(srv_.cfg.trusted_proxies.begin(), srv_.cfg.trusted_proxies.end(), peer_) !=
                   srv_.cfg.trusted_proxies.end();
    if (trusted) {
      req_.secure = iequals(trim(req_.headers.get_or("X-Forwarded-Proto", "")), "https");
      if (auto xff = req_.headers.get("X-Forwarded-For")) {
        auto hops = split(*xff, ',');
        auto last = trim(hops.back());
        if (!last.empty()) req_.remote_addr = std::string(last);
      }
    }
    if (srv_.hooks.prepare) srv_.hooks.prepare(req_);
    if (auto c = req_.headers.get("Cookie")) req_.cookies = parse_cookies(*c);
    if (req_.path.empty() || req_.path.front() != '/') throw Error(ErrorKind::bad_request, "request-target is not a path");
    req_.query_params = parse_urlencoded(req_.query);
  }

  void route(Parser& parser) {
    RouteMatch m = srv_.router.match(req_.method, req_.path);
    if (m.kind == RouteMatch::Kind::not_found) throw Error(ErrorKind::not_found, "no route");
    if (m.kind == RouteMatch::Kind::method_not_allowed) throw method_not_allowed(std::move(m.allow));
    route_ = m.route;
    req_.route = route_->pattern;
    req_.csrf_required = route_->options.csrf;
    req_.params = std::move(m.params);
    const RouteOptions& opt = route_->options;
    auto length = parser.content_length();
    if (length && *length > opt.body_limit) throw Error(ErrorKind::payload_too_large, "content-length over limit");
    if (!opt.run_inline && !opt.probe) {
      addr_key_ = address_bucket(req_.remote_addr);
      if (!srv_.enter_address(addr_key_)) return shed(ErrorKind::too_many_requests, srv_.metrics.shed_address);
      addr_held_ = true;
    }
    parser.body_limit(opt.body_limit);
    std::string_view type = req_.headers.get_or("Content-Type", "");
    if (opt.multipart && starts_with_icase(type, "multipart/form-data")) {
      collector_ = std::make_unique<DiskCollector>(srv_.cfg.upload_dir, opt.uploads);
      multipart_.emplace(multipart_boundary(type), *collector_, opt.uploads.max_parts);
    }
    if (iequals(req_.headers.get_or("Expect", ""), "100-continue") && !parser.is_done()) {
      auto cont = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      bhttp::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, std::size_t) {
        if (ec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    stage_ = Stage::body;
    if (!parser_) return fail(Error(ErrorKind::internal, "no request parser"));
    Parser& parser = *parser_;
    if (parser.is_done()) return body_done();
    parser.get().body().data = chunk_.data();
    parser.get().body().size = chunk_.size();
    stream_.expires_after(srv_.cfg.body_timeout);
    bhttp::async_read(stream_, buffer_, parser, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_body(ec);
    });
  }

  void on_body(beast::error_code ec) {
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == bhttp::error::body_limit) return fail(Error(ErrorKind::payload_too_large, "body over limit"));
    if (ec == beast::error::timeout) return close();
    if (ec && is_parse_error(ec)) return fail(Error(ErrorKind::bad_request, "malformed body: " + ec.message()));
    if (ec) return close();
    if (!parser_) return fail(Error(ErrorKind::internal, "no request parser"));
    std::size_t got = chunk_.size() - parser_->get().body().size;
    try {
      if (multipart_) {
        multipart_->feed(std::string_view(chunk_.data(), got));
      } else {
        body_.append(chunk_.data(), got);
      }
      read_body();
    } catch (const Error& e) {
      fail(e);
    } catch (const std::exception& e) {
      spdlog::error("request {}: {}", req_.request_id, e.what());
      fail(Error(ErrorKind::internal));
    }
  }

  void body_done() {
    body_consumed_ = true;
    stage_ = Stage::handling;
    if (multipart_) {
      multipart_->finish();
      req_.form = collector_->fields;
      req_.files = collector_->files;
    } else {
      if (starts_with_icase(req_.headers.get_or("Content-Type", ""), "application/x-www-form-urlencoded"))
        req_.form = parse_urlencoded(body_);
      req_.body = std::move(body_);
    }
    if (route_->options.run_inline) return send(invoke());
    if (route_->options.probe) {  // its own thread: never behind page work, never shed by the queue
      if (srv_.probes_pending->fetch_add(1) >= Server::Impl::kProbesPending) {
        --*srv_.probes_pending;
        return shed(ErrorKind::unavailable, srv_.metrics.shed_queue);
      }
      asio::post(srv_.probes, [self = shared_from_this()] {
        Response r = self->invoke();
        --*self->srv_.probes_pending;
        asio::post(self->stream_.get_executor(),
                   [self, r = std::move(r)]() mutable { self->send(std::move(r)); });
      });
      return;
    }
    // A route at its own cap is refused before it takes a place in the queue (invoke() decides).
    if (int cap = route_->options.max_in_flight; cap > 0 && route_->in_flight.load() >= cap)
      return shed(ErrorKind::too_many_requests, srv_.metrics.shed_route);
    if (srv_.queued->fetch_add(1) >= srv_.max_queued && srv_.max_queued > 0) {
      --*srv_.queued;
      return shed(ErrorKind::unavailable, srv_.metrics.shed_queue);
    }
    const bool read = (req_.method == "GET" || req_.method == "HEAD") && !route_->options.long_running;
    asio::thread_pool& pool = read && srv_.readers ? *srv_.readers : srv_.workers;
    asio::post(pool, [self = shared_from_this()] {
      --*self->srv_.queued;
      Response r = self->invoke();
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(r)]() mutable { self->send(std::move(r)); });
    });
  }

  Response invoke() {
    // Releases the route's in-flight slot when the handler is done, however it ends, and notes
    // how many SQL statements the request issued on this thread.
    struct Slot {
      const Route* route = nullptr;
      std::int64_t& sql;
      std::uint64_t sql_before = util::sql_statements;
      ~Slot() {
        if (route) --route->in_flight;
        sql = static_cast<std::int64_t>(util::sql_statements - sql_before);
      }
    } slot{nullptr, sql_};
    try {
      if (int cap = route_->options.max_in_flight; cap > 0) {
        if (++route_->in_flight > cap) {
          --route_->in_flight;
          ++srv_.metrics.shed_route;
          Response busy = render(Error(ErrorKind::too_many_requests, "route at its in-flight cap"));
          busy.headers.set("Retry-After", "1");
          return busy;
        }
        slot.route = route_;
      }
      // Inline routes run on an IO thread and must never block: they get no `before` hook (which
      // may read the session from the database), so they see an anonymous request.
      if (srv_.hooks.before && !route_->options.run_inline && !route_->options.probe) srv_.hooks.before(req_);
      return route_->handler(req_);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::internal) spdlog::error("request {}: {}", req_.request_id, e.what());
      return render(e);
    } catch (const util::Unavailable& e) {
      log_unavailable(req_.request_id, e.what());
      Response r = render(Error(ErrorKind::unavailable, e.what()));
      r.headers.set("Retry-After", std::to_string(e.retry_after()));
      return r;
    } catch (const std::exception& e) {
      spdlog::error("request {}: unhandled {}", req_.request_id, e.what());
    } catch (...) {
      spdlog::error("request {}: unhandled non-standard exception", req_.request_id);
    }
    return render(Error(ErrorKind::internal));
  }

  Response render(const Error& e) {
    Response r;
    if (srv_.hooks.render_error) {
      r = srv_.hooks.render_error(req_, e);
    } else {
      r = Response::text(std::string(name_of(e.kind())) + "\n", "text/plain; charset=utf-8", status_of(e.kind()));
    }
    // The error page may instead send the browser elsewhere (sign-in): keep a redirect's status.
    if (r.status != 303) r.status = status_of(e.kind());
    if (!e.allow.empty()) {
      std::string allow;
      for (const auto& m : e.allow) allow += (allow.empty() ? "" : ", ") + m;
      r.headers.set("Allow", allow);
    }
    return r;
  }

  // Admission control refused the request (issue 15 §6): answered at once, with Retry-After, and
  // the connection closed afterwards when the body is still unread.
  void shed(ErrorKind kind, std::atomic<std::uint64_t>& counter) {
    ++counter;
    Response r = render(Error(kind, "admission control: shed"));
    r.headers.set("Retry-After", "1");
    if (!body_consumed_ && !(parser_ && parser_->is_done())) force_close_ = true;
    send(std::move(r));
  }

  void leave_address() {
    if (addr_held_) srv_.leave_address(addr_key_);
    addr_held_ = false;
  }

  // An error before the handler ran: the rest of the request may be unread, so close afterwards.
  void fail(const Error& e) {
    if (e.kind() == ErrorKind::internal) spdlog::error("request {}: {}", req_.request_id, e.what());
    if (req_.request_id.empty()) reset_request();
    if (!counted_) {
      ++srv_.metrics.in_flight;
      counted_ = true;
    }
    // Keep the connection only if the whole request was read (e.g. a 404 for a bodiless GET).
    if (!body_consumed_ && !(parser_ && parser_->is_done())) force_close_ = true;
    if (e.kind() == ErrorKind::header_too_large || e.kind() == ErrorKind::request_timeout) force_close_ = true;
    send(render(e));
  }

  void send(Response r) {
    stage_ = Stage::writing;
    if (srv_.hooks.finish) srv_.hooks.finish(req_, r);
    bool keep = !force_close_ && !srv_.stopping && parser_ && parser_->is_header_done() && parser_->get().keep_alive();
    bool http10 = parser_ && parser_->is_header_done() && parser_->get().version() == 10;
    bool no_body = r.status == 304 || r.status == 204 || (r.status >= 100 && r.status < 200);
    bool head = req_.method == "HEAD" || (req_.method.empty() && head_start_);
    auto out = std::make_shared<Outgoing>();
    serialize_head(r, keep, http10, no_body, out->head);
    if (!no_body && !head) {
      out->body = std::move(r.body);
      out->shared = std::move(r.shared_body);
    }
    const std::string& payload = out->shared ? *out->shared : out->body;
    std::size_t bytes = payload.size();
    double secs = std::chrono::duration<double>(Clock::now() - started_).count();
    std::string_view route = req_.route.empty() ? std::string_view("unmatched") : std::string_view(req_.route);
    srv_.metrics.observe(metric_method(req_.method), route, r.status, secs);
    if (sql_ >= 0) srv_.metrics.observe_sql(metric_method(req_.method), route, static_cast<std::uint64_t>(sql_));
    srv_.log.write({req_.request_id, req_.remote_addr, req_.method, req_.target, route,
                    req_.headers.get_or("User-Agent", ""), r.status, bytes, secs});
    std::array<asio::const_buffer, 2> bufs{asio::buffer(out->head), asio::buffer(payload)};
    stream_.expires_after(srv_.cfg.body_timeout);
    asio::async_write(stream_, bufs, [self = shared_from_this(), out, keep](beast::error_code ec, std::size_t) {
      self->finish_request();
      if (ec) return self->close();
      if (!keep) return self->linger_close();
      self->wait_request();
    });
  }

  struct Outgoing {
    std::string head, body;
    std::shared_ptr<const std::string> shared;  // instead of body, when the handler shared one
  };

  // Writes the status line and header block. Header names/values with CR or LF are dropped
  // (response splitting); security headers, Date and X-Request-Id are always present.
  void serialize_head(const Response& r, bool keep, bool http10, bool no_body, std::string& h) {
    h.reserve(1024);
    h += "HTTP/1.1 ";
    h += std::to_string(r.status);
    h += ' ';
    auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(r.status));
    h.append(reason.data(), reason.size());
    h += "\r\nDate: ";
    h += http_date();
    h += "\r\nX-Request-Id: ";
    h += req_.request_id;
    h += "\r\n";
    h += security_header_block(req_.secure);
    for (const auto& [k, v] : r.headers.items()) {
      if (k.find_first_of("\r\n:") != std::string::npos || v.find_first_of("\r\n") != std::string::npos) {
        spdlog::error("request {}: dropped unsafe response header {}", req_.request_id, k);
        continue;
      }
      h += k;
      h += ": ";
      h += v;
      h += "\r\n";
    }
    if (!no_body) {
      h += "Content-Length: ";
      h += std::to_string(r.body_size());
      h += "\r\n";
    }
    if (!keep) {
      h += "Connection: close\r\n";
    } else if (http10) {
      h += "Connection: keep-alive\r\n";
    }
    h += "\r\n";
  }

  void finish_request() {
    leave_address();
    if (counted_) --srv_.metrics.in_flight;
    counted_ = false;
    collector_.reset();  // deletes uploads the handler did not move away
    multipart_.reset();
    parser_.reset();
  }

  // Closes after a response sent while the client may still be sending (e.g. 413, 431): stop
  // writing, then read and discard for a moment so that the kernel does not answer the unread
  // bytes with a reset that would destroy the response before the client reads it.
  void linger_close() {
    stage_ = Stage::closed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain(0);
  }

  void drain(std::size_t total) {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(16384), [self = shared_from_this(), total](beast::error_code ec, std::size_t n) {
      if (ec || total + n > (1u << 20)) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      self->buffer_.commit(n);
      self->drain(total + n);
    });
  }

  void close() {
    if (stage_ == Stage::closed) return;
    stage_ = Stage::closed;
    leave_address();
    if (counted_) --srv_.metrics.in_flight;
    counted_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& srv_;
  beast::flat_buffer buffer_;
  bool head_start_ = false;  // the request's first bytes are "HEAD "
  std::optional<Parser> parser_;  // from read_header() until finish_request()
  std::array<char, 16384> chunk_{};
  std::string peer_;
  Stage stage_ = Stage::idle;
  Request req_;
  const Route* route_ = nullptr;
  std::string body_;
  std::unique_ptr<DiskCollector> collector_;
  std::optional<MultipartParser> multipart_;
  Clock::time_point started_;
  std::size_t header_bytes_ = 0;
  bool counted_ = false, body_consumed_ = false, force_close_ = false;
  bool addr_held_ = false;  // holds one of addr_key_'s per-address slots (Impl::enter_address)
  std::string addr_key_;
  std::int64_t sql_ = -1;  // SQL statements of the request's handler; -1 when it did not run
};

void Server::Impl::accept() {
  Loop& target = *loops[next_loop++ % loops.size()];
  acceptor.async_accept(target.ioc, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping) return;
    if (!ec) {
      if (connections->load() >= cfg.max_connections) {
        static const std::string busy = "HTTP/1.1 503 Service Unavailable\r\n" + security_header_block(false) +
                                        "Retry-After: 5\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        beast::error_code ignored;
        socket.non_blocking(true, ignored);
        socket.write_some(asio::buffer(busy.data(), busy.size()), ignored);
        socket.close(ignored);
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Connection>(std::move(socket), *this)->start();
      }
    } else {
      spdlog::warn("accept failed: {}", ec.message());
    }
    accept();
  });
}

void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, {} open", connections->load());
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(conn_mu);
    for (auto& [_, w] : conns)
      if (auto c = w.lock()) live.push_back(std::move(c));
  }
  for (auto& c : live) c->on_stop();
  drain_deadline = Clock::now() + cfg.shutdown_grace;
  check_drained();
}

void Server::Impl::check_drained() {
  if (connections->load() == 0 || Clock::now() >= drain_deadline) {
    if (connections->load() > 0) spdlog::warn("shutdown grace over; dropping {} connections", connections->load());
    stop_loops();
    return;
  }
  drain_timer.expires_after(std::chrono::milliseconds(20));
  drain_timer.async_wait([this](beast::error_code) { check_drained(); });
}

Server::Server(ServerConfig config, const Router& router, ServerHooks hooks, Metrics& metrics, AccessLog& log)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(hooks), metrics, log)) {
  metrics.add_gauge("tinhso_http_open_connections", "Open client connections.",
                    [count = impl_->connections] { return static_cast<double>(count->load()); });
  metrics.add_gauge("tinhso_http_requests_queued", "Requests read and waiting for a worker.",
                    [count = impl_->queued] { return static_cast<double>(count->load()); });
}

std::size_t queue_bound(const ServerConfig& c) {
  if (c.max_queued >= 0) return static_cast<std::size_t>(c.max_queued);
  return static_cast<std::size_t>(ServerConfig::kQueuedPerWorker) * static_cast<std::size_t>(std::max(1, c.workers));
}

std::size_t address_bound(const ServerConfig& c) {
  if (c.max_per_address >= 0) return static_cast<std::size_t>(c.max_per_address);
  return (static_cast<std::size_t>(std::max(1, c.workers)) + queue_bound(c)) / 2;
}

Server::~Server() {
  impl_->workers.join();
  if (impl_->readers) impl_->readers->join();
  impl_->probes.join();
}

void Server::listen() {
  raise_fd_limit();
  std::filesystem::create_directories(impl_->cfg.upload_dir);
  auto address = asio::ip::make_address(impl_->cfg.host);
  tcp::endpoint ep(address, impl_->cfg.port);
  auto& a = impl_->acceptor;
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  beast::error_code ec;
  a.bind(ep, ec);
  if (ec) throw std::runtime_error("cannot listen on " + impl_->cfg.host + ":" + std::to_string(impl_->cfg.port) + ": " + ec.message());
  a.listen(asio::socket_base::max_listen_connections);
}

void Server::run() {
  Impl& s = *impl_;
  if (s.cfg.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.begin_shutdown();
    });
  }
  s.accept();
  std::vector<std::thread> threads;
  // Keep every loop running while idle; stop_loops() ends them.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& l : s.loops) guards.push_back(asio::make_work_guard(l->ioc));
  for (std::size_t i = 1; i < s.loops.size(); ++i) threads.emplace_back([&s, i] { s.loops[i]->ioc.run(); });
  s.loops[0]->ioc.run();
  s.stop_loops();
  for (auto& t : threads) t.join();
  s.workers.join();
  if (s.readers) s.readers->join();
  s.probes.join();
}

void Server::stop() {
  asio::post(impl_->loops[0]->ioc, [impl = impl_.get()] { impl->begin_shutdown(); });
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }
std::size_t Server::open_connections() const { return impl_->connections->load(); }

}  // namespace tinhso::http
