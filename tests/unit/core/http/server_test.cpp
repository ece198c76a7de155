// Black-box tests of http::Server: a real server on a free port, spoken to over raw TCP.
#include "core/http/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include "temp_dir.h"
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <future>
#include <mutex>
#include <regex>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/util/strings.h"

namespace tinhso::http {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// --- a minimal HTTP/1.1 client -------------------------------------------------------------

struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (iequals(k, name)) return v;
    return {};
  }
  bool has(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (iequals(k, name)) return true;
    return false;
  }
};

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{5, 0};  // a hung server fails the test instead of hanging it
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  void send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;  // the server may close early (e.g. after 413); the reply tells
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Reads one response. For HEAD (or 304) there is no body whatever Content-Length says.
  Reply read(bool no_body = false) {
    Reply r;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos)
      if (!fill()) return r;  // status 0: closed before a full header
    std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    auto lines = split(head, '\n');
    std::string_view status_line = trim(lines[0]);
    if (status_line.size() < 12) return r;
    r.status = std::stoi(std::string(status_line.substr(9, 3)));
    for (std::size_t i = 1; i < lines.size(); ++i) {
      auto colon = lines[i].find(':');
      if (colon == std::string_view::npos) continue;
      r.headers.emplace_back(std::string(trim(lines[i].substr(0, colon))), std::string(trim(lines[i].substr(colon + 1))));
    }
    std::size_t length = r.has("Content-Length") ? std::stoul(r.header("Content-Length")) : 0;
    if (no_body || r.status == 304 || r.status == 204) length = 0;
    while (buf_.size() < length)
      if (!fill()) break;
    r.body = buf_.substr(0, length);
    buf_.erase(0, std::min(length, buf_.size()));
    return r;
  }

  Reply request(std::string_view raw, bool no_body = false) {
    send(raw);
    return read(no_body);
  }

  // True if the server has not closed the connection and sent nothing more (does not wait).
  bool still_open() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, MSG_DONTWAIT | MSG_PEEK);
    return buf_.empty() && n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  // Waits until the server closes the connection (EOF or reset); false if it sends more bytes.
  bool closed_by_server() {
    if (!buf_.empty()) return false;
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool fill() {
    char tmp[8192];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string get(std::string_view path, std::string_view method = "GET") {
  return std::string(method) + " " + std::string(path) + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

std::string post(std::string_view path, std::string_view type, std::string_view body) {
  return "POST " + std::string(path) + " HTTP/1.1\r\nHost: test\r\nContent-Type: " + std::string(type) +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

const std::string kBoundary = "XbOuNdArY42";

std::string multipart(std::string_view filename, std::string_view content, bool close = true) {
  std::string b = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nĐơn đề nghị\r\n" +
                  "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"" +
                  std::string(filename) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                  std::string(content) + "\r\n";
  if (close) b += "--" + kBoundary + "--\r\n";
  return b;
}

std::string upload(std::string_view filename, std::string_view content, bool close = true) {
  return post("/upload", "multipart/form-data; boundary=" + kBoundary, multipart(filename, content, close));
}

// --- the server under test -----------------------------------------------------------------

struct TestServer {
  explicit TestServer(int read_workers = 0) {
    upload_dir = root / "uploads";
    add_routes();
    ServerConfig cfg;
    cfg.port = 0;
    cfg.io_threads = 2;
    cfg.workers = 4;
    cfg.read_workers = read_workers;
    cfg.max_header_bytes = 2048;
    cfg.header_timeout = 500ms;
    cfg.idle_timeout = 3000ms;
    cfg.body_timeout = 3000ms;
    cfg.shutdown_grace = 5000ms;
    cfg.upload_dir = upload_dir;
    cfg.handle_signals = false;
    ServerHooks hooks;
    // Stands in for the session lookup: refuses requests carrying X-Deny.
    hooks.before = [](Request& r) {
      if (r.headers.has("X-Deny")) throw Error(ErrorKind::forbidden, "denied by before hook");
    };
    // Renders e.what() on purpose: the server must never put an exception's text into an Error.
    hooks.render_error = [](const Request&, const Error& e) {
      return Response::text(std::string(name_of(e.kind())) + ": " + e.what() + "\n", "text/plain", status_of(e.kind()));
    };
    server = std::make_unique<Server>(cfg, router, hooks, metrics, log);
    server->listen();
    port = server->port();
    done = std::async(std::launch::async, [this] { server->run(); });
  }
  ~TestServer() {
    server->stop();
    if (done.wait_for(10s) != std::future_status::ready) {
      std::fprintf(stderr, "server did not stop\n");
      std::abort();  // a hung server must not hang the test run
    }
    server.reset();
  }

  void add_routes() {
    router.add("GET", "/hello", [](Request&) { return Response::text("hello"); });
    router.add("GET", "/inline", [](Request&) { return Response::text("inline"); }, {.run_inline = true});
    router.add("GET", "/users/{id}", [](Request& r) { return Response::text("user " + std::string(r.param("id"))); });
    router.add("POST", "/form", [](Request& r) { return Response::text(std::string(r.form.get_or("name", "?"))); });
    RouteOptions small;
    small.body_limit = 100;
    router.add("POST", "/small", [](Request& r) { return Response::text(std::to_string(r.body.size())); }, small);
    RouteOptions up;
    up.multipart = true;
    up.uploads.max_file_bytes = 1024;
    up.uploads.max_total_bytes = 4096;
    up.uploads.max_field_bytes = 256;
    up.uploads.max_files = 3;
    router.add("POST", "/upload", [this](Request& r) {
      std::string out = "title=" + std::string(r.form.get_or("title", "")) + "\n";
      for (const auto& f : r.files) {
        bool inside = f.path.parent_path() == upload_dir;
        out += f.field + " " + f.filename + " " + std::to_string(f.size) + " " +
               (fs::exists(f.path) ? "exists" : "missing") + " " + (inside ? "inside" : "outside") + "\n";
        std::lock_guard lock(mu);
        uploaded.push_back(f.path);
      }
      return Response::text(out);
    }, up);
    router.add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("secret-internal-detail"); });
    router.add("GET", "/forbidden", [](Request&) -> Response { throw Error(ErrorKind::forbidden); });
    // One at a time: the handler holds its slot until the test opens the gate.
    router.add("GET", "/capped", [this](Request&) {
      std::call_once(capped_once, [this] { capped_entered.set_value(); });
      capped_gate.wait();
      return Response::text("capped");
    }, {.max_in_flight = 1});
    // Holds its thread until the test opens the gate (the read pool's test).
    router.add("GET", "/hold", [this](Request&) {
      hold_started.set_value();
      hold_gate.wait();
      return Response::text("held");
    });
    router.add("GET", "/export", [](Request&) { return Response::text("export"); }, {.long_running = true});
    router.add("GET", "/slow", [this](Request&) {
      slow_started.set_value();
      std::this_thread::sleep_for(300ms);
      release.wait();
      return Response::text("slow");
    });
  }

  tinhso::test::TempDir tmp{"tinhso-server"};
  fs::path root = tmp.path(), upload_dir;
  Router router;
  Metrics metrics;
  AccessLog log{"off"};
  std::unique_ptr<Server> server;
  std::uint16_t port = 0;
  std::future<void> done;
  std::mutex mu;
  std::vector<fs::path> uploaded;
  std::promise<void> slow_started, release_slow, capped_entered, open_capped;
  std::shared_future<void> capped_gate = open_capped.get_future().share();
  std::once_flag capped_once;
  std::promise<void> hold_started, open_hold;
  std::shared_future<void> hold_gate = open_hold.get_future().share();
  std::shared_future<void> release = release_slow.get_future().share();
};

void expect_common_headers(const Reply& r, std::string_view what) {
  static const std::regex id_re("[0-9a-f]{32}");
  EXPECT_TRUE(std::regex_match(r.header("X-Request-Id"), id_re)) << what << ": " << r.header("X-Request-Id");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << what;
  EXPECT_EQ(r.header("Referrer-Policy"), "same-origin") << what;
  EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos) << what;
  EXPECT_FALSE(r.has("Strict-Transport-Security")) << what << ": HSTS only over HTTPS";
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    level = spdlog::get_level();
    spdlog::set_level(spdlog::level::off);  // the bad requests below would fill the output
    srv = new TestServer;
  }
  static void TearDownTestSuite() {
    delete srv;
    srv = nullptr;
    spdlog::set_level(level);
  }
  static Reply once(std::string_view raw, bool no_body = false) {
    Client c(srv->port);
    return c.request(raw, no_body);
  }
  static TestServer* srv;
  static spdlog::level::level_enum level;
};
TestServer* ServerTest::srv = nullptr;
spdlog::level::level_enum ServerTest::level = spdlog::level::info;

// A route at its in-flight cap refuses further requests at once (429 + Retry-After) instead of
// queueing them on workers; once the slot is free it serves again.
TEST_F(ServerTest, InFlightCapRefusesTheSecondRequest) {
  auto first = std::async(std::launch::async, [] { return once(get("/capped")); });
  srv->capped_entered.get_future().wait();  // the first request holds the only slot now
  Reply second = once(get("/capped"));
  EXPECT_EQ(second.status, 429);
  EXPECT_EQ(second.header("Retry-After"), "1");
  expect_common_headers(second, "429");
  srv->open_capped.set_value();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(once(get("/capped")).status, 200);  // the slot was released
}

// The before hook (session lookup, may touch the database) runs for worker routes only: an
// inline route runs on an IO thread and must not block on it.
TEST_F(ServerTest, BeforeHookRunsForWorkerRoutesNotInlineOnes) {
  std::string denied = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Deny: 1\r\n\r\n";
  std::string inline_req = "GET /inline HTTP/1.1\r\nHost: t\r\nX-Deny: 1\r\n\r\n";
  EXPECT_EQ(once(denied).status, 403);
  Reply r = once(inline_req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "inline");
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Client c(srv->port);
  ASSERT_TRUE(c.connected());
  Reply a = c.request(get("/hello"));
  Reply b = c.request(get("/users/L%C3%A2m"));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, "hello");
  EXPECT_EQ(b.status, 200);
  EXPECT_EQ(b.body, "user Lâm");
  EXPECT_NE(a.header("X-Request-Id"), b.header("X-Request-Id"));
  EXPECT_TRUE(c.still_open());
}

TEST_F(ServerTest, StatusTableWithHeadersOnEveryResponse) {
  struct Case {
    const char* what;
    std::string raw;
    int status;
  };
  const Case cases[] = {
      {"ok", get("/hello"), 200},
      {"unknown route", get("/no/such/page"), 404},
      {"wrong method", get("/hello", "DELETE"), 405},
      {"malformed request line", "this is not http\r\n\r\n", 400},
      {"bad version", "GET /hello HTTP/9\r\n\r\n", 400},
      {"bad percent-encoding in path", get("/users/%zz"), 400},
      {"truncated escape", get("/users/abc%4"), 400},
      {"dot-dot segment", get("/users/%2e%2e"), 400},
      {"bad percent-encoding in query", get("/hello?q=%zz"), 400},
      {"not UTF-8", get("/users/%C0%AF"), 400},
      {"absolute-form target", get("http://evil.example/hello"), 400},
      {"header too large", "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(3000, 'a') + "\r\n\r\n", 431},
      {"Content-Length over body_limit",
       "POST /small HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n", 413},
      {"handler throws", get("/boom"), 500},
      {"handler refuses", get("/forbidden"), 403},
  };
  for (const auto& c : cases) {
    Reply r = once(c.raw);
    EXPECT_EQ(r.status, c.status) << c.what;
    expect_common_headers(r, c.what);
  }
}

TEST_F(ServerTest, InternalErrorHidesTheExceptionText) {
  Reply r = once(get("/boom"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("internal"), std::string::npos) << r.body;
}

TEST_F(ServerTest, MethodNotAllowedListsAllow) {
  Reply r = once(post("/hello", "text/plain", "x"));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, HeadHasContentLengthButNoBody) {
  Client c(srv->port);
  Reply h = c.request(get("/hello", "HEAD"), /*no_body=*/true);
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.header("Content-Length"), "5");
  // Had the server sent a body, it would be read here as the next response's status line.
  Reply g = c.request(get("/hello"));
  EXPECT_EQ(g.status, 200);
  EXPECT_EQ(g.body, "hello");
}

TEST_F(ServerTest, UrlencodedFormIsDecoded) {
  Reply r = once(post("/form", "application/x-www-form-urlencoded", "x=1&name=Tr%E1%BA%A7n+Ph%C3%BA"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Trần Phú");
  EXPECT_EQ(once(post("/form", "application/x-www-form-urlencoded", "name=%E1")).status, 400);
  EXPECT_EQ(once(post("/small", "text/plain", std::string(100, 'x'))).body, "100");
}

TEST_F(ServerTest, UploadIsSanitisedStoredAndDeletedAfterTheResponse) {
  {
    std::lock_guard lock(srv->mu);
    srv->uploaded.clear();
  }
  Client c(srv->port);
  Reply r = c.request(upload("../../etc/evil.bin", "hello world"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "title=Đơn đề nghị\ndoc evil.bin 11 exists inside\n");
  EXPECT_FALSE(fs::exists(srv->upload_dir / "../../etc/evil.bin"));
  // The next response on the same connection comes after the previous request's clean-up.
  EXPECT_EQ(c.request(get("/hello")).status, 200);
  std::lock_guard lock(srv->mu);
  ASSERT_EQ(srv->uploaded.size(), 1u);
  EXPECT_FALSE(fs::exists(srv->uploaded[0])) << srv->uploaded[0];
  EXPECT_TRUE(fs::is_empty(srv->upload_dir));
}

TEST_F(ServerTest, BadUploadsAreRefusedAndLeaveNothingBehind) {
  struct Case {
    const char* what;
    std::string raw;
    int status;
  };
  const Case cases[] = {
      {"truncated: no closing boundary", upload("a.txt", "abc", /*close=*/false), 400},
      {"garbage body", post("/upload", "multipart/form-data; boundary=" + kBoundary, "no parts here"), 400},
      {"file over its cap", upload("big.bin", std::string(2000, 'x')), 413},
      {"missing boundary", post("/upload", "multipart/form-data", multipart("a.txt", "abc")), 400},
  };
  for (const auto& c : cases) {
    Client client(srv->port);
    Reply r = client.request(c.raw);
    EXPECT_EQ(r.status, c.status) << c.what;
    expect_common_headers(r, c.what);
    // The server either keeps the connection (the body was read) or closes it; it must never
    // parse leftover body bytes as a request. Either way this comes after the request's clean-up.
    Reply next = client.request(get("/hello"));
    EXPECT_TRUE(next.status == 200 || next.status == 0) << c.what << ": " << next.status;
    EXPECT_TRUE(fs::is_empty(srv->upload_dir)) << c.what;
  }
}

TEST_F(ServerTest, StillServesAfterBadInput) {
  const std::string junk[] = {
      std::string("\0\1\2\3\r\n\r\n", 8),
      "GET /hello HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
      "GET /hello HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET /%%%% HTTP/1.1\r\n\r\n",
      "GET /hello HTTP/1.1\r\nBad Header\r\n\r\n",
      upload("x", std::string(5000, 'y')),
  };
  for (const auto& j : junk) {
    Client c(srv->port);
    c.send(j);
    c.read();
  }
  Reply r = once(get("/hello"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
}

TEST_F(ServerTest, SlowHeaderIsCutOff) {
  Client c(srv->port);
  c.send("GET /hello HTTP/1.1\r\nHost: t\r\n");  // never finished
  Reply r = c.read();  // after header_timeout: a 408, or just the close
  EXPECT_TRUE(r.status == 0 || r.status == 408) << r.status;
  EXPECT_TRUE(c.closed_by_server());
}

// GET and HEAD run on their own read workers (ServerConfig::read_workers): with the only one held,
// a POST and a long-running GET (an export) are still served by the general workers, and a page
// waits for the read worker rather than being refused.
TEST(ServerPools, ReadsHaveTheirOwnWorkers) {
  TestServer srv(1);
  Client held(srv.port);
  held.send(get("/hold"));
  srv.hold_started.get_future().wait();
  Client w(srv.port);
  EXPECT_EQ(w.request(post("/form", "application/x-www-form-urlencoded", "name=An")).body, "An");
  EXPECT_EQ(w.request(get("/export")).body, "export");
  Client page(srv.port);
  page.send(get("/hello"));
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(page.still_open()) << "the page waits for the read worker";
  srv.open_hold.set_value();
  EXPECT_EQ(held.read().body, "held");
  EXPECT_EQ(page.read().body, "hello");
}

TEST(ServerStop, InFlightRequestFinishesAndRunReturns) {
  auto srv = std::make_unique<TestServer>();
  Client idle(srv->port);
  ASSERT_EQ(idle.request(get("/hello")).status, 200);  // now idle on keep-alive
  {
    Client slow(srv->port);
    slow.send(get("/slow"));
    srv->slow_started.get_future().wait();
    srv->server->stop();
    // stop() is asynchronous: wait until the listener is gone before letting the handler answer.
    for (int i = 0; i < 1000 && Client(srv->port).connected(); ++i) std::this_thread::sleep_for(10ms);
    srv->release_slow.set_value();
    Reply r = slow.read();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "slow");
    EXPECT_TRUE(iequals(r.header("Connection"), "close")) << r.header("Connection");
    EXPECT_TRUE(slow.closed_by_server());
    EXPECT_TRUE(idle.closed_by_server());
  }  // the client closes too, so the server need not wait for it
  EXPECT_EQ(srv->done.wait_for(10s), std::future_status::ready) << "run() did not return";
  EXPECT_FALSE(Client(srv->port).connected());
}

}  // namespace
}  // namespace tinhso::http
