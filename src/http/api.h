#pragma once

// kcluster's HTTP API: the route table (health, the OpenAPI document, sessions, the generic
// entity endpoints), authentication by session cookie, the CSRF check on state-changing
// requests, error → problem+json, and the web UI's static files. Handlers are thin: they read
// JSON and query parameters, call one app/ use case and write JSON.
//
//   GET    /healthz                      {"status":"ok","db":"sqlite:…"} after a trivial read
//   GET    /api/v1/openapi.json          the OpenAPI 3.0 document of every route below
//   POST   /api/v1/session               {"login","password"} → cookie kc_session + csrf_token
//   GET    /api/v1/session               who am I
//   DELETE /api/v1/session               log out
//   GET    /api/v1/{plural}              ?limit=&offset=&sort=[-]field&<field>=<value>
//   POST   /api/v1/{plural}              a JSON object of fields → 201 with the record
//   GET    /api/v1/{plural}/{id}
//   PATCH  /api/v1/{plural}/{id}         a JSON object of the fields to change
//   DELETE /api/v1/{plural}/{id}         → 204
// Reads and writes follow app/record_access.h; writes are audited as `web:<login>`.

#include <filesystem>
#include <memory>
#include <string>

#include "app/accounts.h"
#include "app/jobs.h"
#include "http/message.h"
#include "http/router.h"
#include "http/static_files.h"
#include "http/store_pool.h"

namespace kc::http {

inline constexpr const char* kSessionCookie = "kc_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";

struct ApiOptions {
    // The built web UI; empty or missing = no static files (every non-API path is 404).
    std::filesystem::path web_dir;
    // Mark the session cookie Secure even without `X-Forwarded-Proto: https` (behind TLS).
    bool secure_cookies = false;
    app::AccountPolicy account_policy;
    std::string version = "0.1.0";
};

class Api {
  public:
    // `stores` must outlive the Api.
    Api(StorePool& stores, ApiOptions options);

    // Answers one request. Thread-safe.
    [[nodiscard]] Response Handle(Request& request) const;
    [[nodiscard]] const Router& Routes() const { return router_; }
    [[nodiscard]] nlohmann::json OpenApi() const;

  private:
    void AddRoutes();
    void AddSessionRoutes();
    void AddEntityRoutes();
    [[nodiscard]] Response Dispatch(Request& request) const;

    StorePool& stores_;
    ApiOptions options_;
    // Declared before the router: handlers hold references to it, and running jobs are stopped
    // (and waited for) only after nothing can start new ones.
    std::unique_ptr<app::JobRunner> jobs_;
    Router router_;
    StaticFiles static_files_;
    std::string openapi_text_;
};

}  // namespace kc::http
