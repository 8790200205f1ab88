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
//
// Use-case modules (http/routes.h) add, in api_programme.cpp — programme office (program_officer
// or admin) unless said otherwise:
//   GET    /api/v1/calls/{id}/conflicts            automatic conflicts, preview (nothing written)
//   POST   /api/v1/calls/{id}/conflicts            record them → {findings, recorded}
//   POST   /api/v1/calls/{id}/assignment           {apply, fair|objective} → 202 job (the diff)
//   POST   /api/v1/calls/{id}/evaluation           {lambda, bootstrap, level, seed} → 202 job
//   POST   /api/v1/calls/{id}/selection            {apply, budget, …} → 202 job (with reasons)
//   POST   /api/v1/clusters/{id}/promotion         {decided_on, effective_fy, …} → {promotion_id}
//   PUT    /api/v1/cluster_evaluations/{id}/grades {grades, overall, comment} → the evaluation
//   GET    /api/v1/cluster_evaluation_items        the S/A/B/C items, ja/en (anyone signed in)
//   GET    /api/v1/programmes/overview             the programme dashboard (anyone signed in)
//   GET    /api/v1/me/assignments                  the reviewer's own assignments
//   POST   /api/v1/review_assignments/{id}/conflict  the assigned reviewer declares a conflict
//   GET    /api/v1/review_assignments/{id}/review  the review form (its reviewer, staff)
//   PUT    /api/v1/review_assignments/{id}/review  {scores, comment, submit} (its reviewer)
//   GET    /api/v1/proposals/{id}/reviews          staff; a reviewer after submitting their own
// and in api_platform.cpp:
//   GET    /api/v1/jobs  /api/v1/jobs/{id}         one's own jobs (programme staff: all)
//   POST   /api/v1/jobs/{id}/cancel
//   GET    /api/v1/users  POST /api/v1/users       admin; a generated password is shown once
//   PATCH  /api/v1/users/{id}                      {roles, active} (admin)
//   POST   /api/v1/users/{id}/password             admin, or oneself with current_password
// Long work answers 202 with `Location: /api/v1/jobs/{id}` and {"job": JOB}.

#include <filesystem>
#include <memory>
#include <string>

#include "app/accounts.h"
#include "app/jobs.h"
#include "http/message.h"
#include "http/response_cache.h"
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
    std::unique_ptr<ResponseCache> cache_ = std::make_unique<ResponseCache>();
    Router router_;
    StaticFiles static_files_;
    std::string openapi_text_;
};

}  // namespace kc::http
