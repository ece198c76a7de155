#pragma once
// The request a handler sees. Free of Boost.Beast so that modules never pull Beast into their
// translation units (it costs ~14 s and 620 MB per TU to compile; ../shared/STACK.md).
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/headers.h"
#include "core/http/multipart.h"

namespace tinhso::auth {
struct Principal;
}

namespace tinhso::http {

struct Request {
  std::string method;  // upper-case, as received
  std::string target;  // raw request-target
  std::string path;    // raw path part of the target (still percent-encoded)
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;  // for non-multipart routes; empty when the body was multipart
  std::map<std::string, std::string, std::less<>> params;   // path parameters, decoded
  std::map<std::string, std::string, std::less<>> cookies;  // parsed Cookie header
  FormData query_params;
  FormData form;  // urlencoded or multipart fields (the latter only on multipart routes)
  std::vector<UploadedFile> files;  // multipart uploads; deleted after the response unless moved
  std::string remote_addr;          // peer, or X-Forwarded-For's last hop from a trusted proxy
  bool secure = false;              // served over HTTPS (directly or via a trusted proxy)
  std::string request_id;
  std::string lang = "vi";  // chosen by the server's prepare hook
  std::string route;        // matched route pattern, for metrics ("" if none)
  bool csrf_required = true;  // the matched route's RouteOptions::csrf
  // The signed-in account (core/auth/principal.h), set before the handler runs; null = anonymous.
  std::shared_ptr<const auth::Principal> principal;

  std::string_view param(std::string_view name) const;
  bool is_api() const { return path.starts_with("/api/"); }
};

}  // namespace tinhso::http
