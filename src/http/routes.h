#pragma once

// The seam between the API's core (api.cpp: health, OpenAPI, sessions, the generic entity
// endpoints, authentication and CSRF) and its use-case route modules (api_*.cpp). Each module adds
// its routes to the one router, so dispatch and the OpenAPI document cover them like the rest.

#include "app/jobs.h"
#include "http/api.h"
#include "http/response_cache.h"
#include "http/router.h"
#include "http/store_pool.h"

namespace kc::http {

// What a route module's handlers may use; what it refers to outlives the router, but the
// RouteDeps value itself is the caller's local: handlers copy it or capture its members.
struct RouteDeps {
    StorePool& stores;
    app::JobRunner& jobs;  // background jobs started by this instance
    const ApiOptions& options;
    ResponseCache& cache;  // answers of expensive dashboards per data generation
};

// Cluster headquarters, "me" and search (api_hq.cpp).
void AddHqRoutes(Router& router, const RouteDeps& deps);
// The programme office and the reviewer's portal (api_programme.cpp).
void AddProgrammeRoutes(Router& router, const RouteDeps& deps);
// Jobs and user accounts (api_platform.cpp).
void AddPlatformRoutes(Router& router, const RouteDeps& deps);
// The collaboration network of a cluster and its export (api_network.cpp).
void AddNetworkRoutes(Router& router, const RouteDeps& deps);
// The policy simulator: the default scenario and scenarios run as jobs (api_simulation.cpp).
void AddSimulationRoutes(Router& router, const RouteDeps& deps);

}  // namespace kc::http
