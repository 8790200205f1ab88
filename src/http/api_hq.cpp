// Cluster headquarters, "me" and search endpoints (issue 7). Thin handlers over app/portal.h and
// app/search.h, which decide who may ask: HQ staff of the cluster and programme staff for the
// cluster dashboards (HQ staff of other clusters get 404, other roles 403), everyone signed in
// for their own records and for search (which sees only readable records).
//
//   GET  /api/v1/clusters/{id}/kpis?fy=           targets and actuals of the annual report
//   GET  /api/v1/clusters/{id}/funnel?fy=         the coordinator funnel
//   GET  /api/v1/clusters/{id}/ledger?fy=         planned vs executed (all years without fy)
//   GET  /api/v1/clusters/{id}/forums?fy=         forum effectiveness
//   GET  /api/v1/clusters/{id}/roster?date=       HQ posts held on a date (default today)
//   GET  /api/v1/clusters/{id}/projects           joint research (budgets by the policy)
//   GET  /api/v1/clusters/{id}/ip_deadlines?within=90d&today=
//   GET  /api/v1/clusters/{id}/matches?status=   the matches of the cluster's needs
//   POST /api/v1/clusters/{id}/match_suggestions  → 202 job; result SuggestionsToJson
//   GET  /api/v1/projects/{id}/summary            SummarizeProject
//   POST /api/v1/projects/{id}/gates              {milestone_id, decision, date?}
//   GET  /api/v1/inventions/{id}/view             ShowInvention
//   GET  /api/v1/matches/{id}/explanation         why the pair was suggested
//   POST /api/v1/matches/{id}/accept              → the match (contacted)
//   POST /api/v1/matches/{id}/decline             {reason} → the match (declined)
//   GET  /api/v1/me/needs | me/seeds | me/projects
//   GET  /api/v1/search?q=&types=&cluster_id=&limit=

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "app/portal.h"
#include "app/search.h"
#include "core/value_io.h"
#include "http/handler_support.h"
#include "http/job_support.h"
#include "http/routes.h"

namespace kc::http {
namespace {

using nlohmann::json;

Error BadParameter(const std::string& name, const std::string& expected, const std::string& got) {
    return Error::Fields("invalid parameter", {{name, expected, fmt::format("\"{}\"", got)}});
}

// ?fy=: a fiscal year ("2004", "FY2004", "平成16年度"), or nothing.
Result<std::optional<FiscalYear>> FiscalYearParameter(const Request& request) {
    auto text = request.Query("fy");
    if (!text) return std::optional<FiscalYear>();
    auto fy = ParseFiscalYear(*text);
    if (!fy)
        return Fail(BadParameter("fy", "a fiscal year such as 2004, FY2004 or 平成16年度", *text));
    return std::optional<FiscalYear>(*fy);
}

// ?fy= defaulting to the current fiscal year (in Japan).
Result<FiscalYear> FiscalYearOrCurrent(const Request& request) {
    KC_ASSIGN_OR_RETURN(auto fy, FiscalYearParameter(request));
    return fy ? *fy : FiscalYearOf(TodayTokyo());
}

Result<std::optional<Date>> DateParameter(const Request& request, const std::string& name) {
    auto text = request.Query(name);
    if (!text) return std::optional<Date>();
    auto date = ParseDate(*text);
    if (!date) return Fail(BadParameter(name, "a date such as 2004-04-01", *text));
    return std::optional<Date>(*date);
}

json Items(const std::vector<core::Record>& records) {
    json items = json::array();
    for (const auto& record : records) items.push_back(core::RecordToJson(record));
    return {{"items", std::move(items)}};
}

// The body of POST match_suggestions as SuggestOptions; every bad key named.
Result<app::SuggestOptions> SuggestOptionsFromJson(const json& body) {
    app::SuggestOptions options;
    std::vector<FieldError> errors;
    auto id_value = [&](const std::string& key) -> std::optional<core::Id> {
        const json& value = body[key];
        if (value.is_number_integer() && value.get<int64_t>() >= 1) return value.get<int64_t>();
        errors.push_back({key, "an id (an integer >= 1)", value.dump()});
        return std::nullopt;
    };
    for (const auto& [key, value] : body.items()) {
        if (key == "cluster_id") {
            options.cluster_id = id_value(key);
        } else if (key == "need_id") {
            options.need_id = id_value(key);
        } else if (key == "seed_id") {
            options.seed_id = id_value(key);
        } else if (key == "field") {
            if (value.is_string()) {
                options.field = value.get<std::string>();
            } else {
                errors.push_back({key, "a field code (a string)", value.dump()});
            }
        } else if (key == "scope") {
            const std::string scope = value.is_string() ? value.get<std::string>() : "";
            if (scope == "all") {
                options.scope = app::Scope::kAll;
            } else if (scope == "inside") {
                options.scope = app::Scope::kInside;
            } else if (scope == "outside") {
                options.scope = app::Scope::kOutside;
            } else {
                errors.push_back({key, "all, inside or outside", value.dump()});
            }
        } else if (key == "top") {
            if (value.is_number_integer() && value.get<int64_t>() >= 1 &&
                value.get<int64_t>() <= 1000) {
                options.top = static_cast<size_t>(value.get<int64_t>());
            } else {
                errors.push_back({key, "an integer 1..1000", value.dump()});
            }
        } else if (key == "record") {
            if (value.is_boolean()) {
                options.record = value.get<bool>();
            } else {
                errors.push_back({key, "true or false", value.dump()});
            }
        } else if (key == "min_score") {
            if (value.is_number() && std::isfinite(value.get<double>()) &&
                value.get<double>() >= 0) {
                options.min_score = value.get<double>();
            } else {
                errors.push_back({key, "a number >= 0", value.dump()});
            }
        } else {
            errors.push_back(
                {key, "one of need_id, field, scope, top, record, min_score", "an unknown key"});
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid suggestion run", std::move(errors)));
    return options;
}

json SuggestSchema() {
    return {{"type", "object"},
            {"properties",
             {{"need_id", {{"type", "integer"}, {"description", "only this need of the cluster"}}},
              {"field", {{"type", "string"}, {"description", "only seeds of this field code"}}},
              {"scope", {{"type", "string"}, {"enum", {"all", "inside", "outside"}}}},
              {"top", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 5}}},
              {"record", {{"type", "boolean"}, {"default", true}}},
              {"min_score", {{"type", "number"}, {"minimum", 0}, {"default", 0}}}}}};
}

json GateSchema() {
    return {{"type", "object"},
            {"required", {"milestone_id", "decision"}},
            {"properties",
             {{"milestone_id", {{"type", "integer"}}},
              {"decision", {{"type", "string"}, {"enum", {"go", "revise", "stop"}}}},
              {"date", {{"type", "string"}, {"format", "date"}, {"description", "default today"}}},
              {"note",
               {{"type", "string"},
                {"description", "not stored: must be empty (milestones have no note yet)"}}}}}};
}

json DeclineSchema() {
    return {{"type", "object"},
            {"required", {"reason"}},
            {"properties", {{"reason", {{"type", "string"}, {"minLength", 1}}}}}};
}

Result<app::GateInput> GateFromJson(core::Id project_id, const json& body) {
    app::GateInput input;
    input.project_id = project_id;
    input.date = TodayTokyo();
    std::vector<FieldError> errors;
    if (!body.contains("milestone_id") || !body["milestone_id"].is_number_integer() ||
        body["milestone_id"].get<int64_t>() < 1) {
        errors.push_back({"milestone_id", "an id (an integer >= 1)",
                          body.contains("milestone_id") ? body["milestone_id"].dump() : "nothing"});
    } else {
        input.milestone_id = body["milestone_id"].get<int64_t>();
    }
    if (!body.contains("decision") || !body["decision"].is_string()) {
        errors.push_back({"decision", "go, revise or stop",
                          body.contains("decision") ? body["decision"].dump() : "nothing"});
    } else {
        input.decision = body["decision"].get<std::string>();
    }
    if (body.contains("date") && !body["date"].is_null()) {
        std::optional<Date> date;
        if (body["date"].is_string()) {
            if (auto parsed = ParseDate(body["date"].get<std::string>())) date = *parsed;
        }
        if (date) {
            input.date = *date;
        } else {
            errors.push_back({"date", "a date such as 2004-04-01", body["date"].dump()});
        }
    }
    if (body.contains("note") && !body["note"].is_null() &&
        !(body["note"].is_string() && body["note"].get<std::string>().empty())) {
        errors.push_back({"note", "nothing (milestones keep no note yet)", body["note"].dump()});
    }
    for (const auto& [key, value] : body.items()) {
        if (key != "milestone_id" && key != "decision" && key != "date" && key != "note") {
            errors.push_back({key, "one of milestone_id, decision, date", "an unknown key"});
        }
    }
    if (!errors.empty()) return Fail(Error::Fields("invalid gate decision", std::move(errors)));
    return input;
}

Result<app::SearchQuery> SearchQueryOf(const Request& request) {
    app::SearchQuery query;
    std::vector<FieldError> errors;
    bool has_q = false;
    for (const auto& [key, value] : request.query) {
        if (key == "q") {
            query.text = value;
            has_q = true;
        } else if (key == "types") {
            size_t start = 0;
            while (start <= value.size()) {
                size_t comma = value.find(',', start);
                if (comma == std::string::npos) comma = value.size();
                std::string type = value.substr(start, comma - start);
                const auto& known = app::SearchTypes();
                if (!type.empty() && std::find(known.begin(), known.end(), type) == known.end()) {
                    errors.push_back({"types",
                                      "a comma-separated list of seed, need, proposal, project, "
                                      "organization, person",
                                      fmt::format("\"{}\"", type)});
                } else if (!type.empty()) {
                    query.types.insert(type);
                }
                start = comma + 1;
            }
            if (query.types.empty() && value.find_first_not_of(',') == std::string::npos) {
                errors.push_back({"types", "a comma-separated list of types", "\"\""});
            }
        } else if (key == "cluster_id") {
            auto id = IntegerParameter("cluster_id", value, 1);
            if (id) {
                query.cluster_id = *id;
            } else {
                errors.insert(errors.end(), id.error().fields.begin(), id.error().fields.end());
            }
        } else if (key == "limit") {
            auto limit = IntegerParameter("limit", value, 1);
            if (limit) {
                query.limit = *limit;
            } else {
                errors.push_back({"limit", "an integer 1..100", fmt::format("\"{}\"", value)});
            }
        }
    }
    if (!has_q) errors.push_back({"q", "words to search for", "nothing"});
    if (!errors.empty()) return Fail(Error::Fields("invalid search", std::move(errors)));
    return query;
}

}  // namespace

void AddHqRoutes(Router& router, const RouteDeps& deps) {
    const std::string clusters = std::string(kApiPrefix) + "/clusters/{id}";

    // --- Cluster dashboards -------------------------------------------------------------------
    router.Add({"GET",
                clusters + "/kpis",
                "KPI targets and actuals of a cluster for a fiscal year (?fy=), with history",
                Auth::kSession,
                [&stores = deps.stores, &cache = deps.cache](
                    const Request& request, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(FiscalYear fy, FiscalYearOrCurrent(request));
                    auto store = stores.Acquire();
                    // Access first; then the report as computed at this data generation.
                    KC_RETURN_IF_ERROR(app::CheckHqAccess(*store, context.principal->viewer, id));
                    KC_ASSIGN_OR_RETURN(int64_t generation, DataGeneration(*store));
                    const std::string key = fmt::format("kpis/{}/{}", id, fy.year);
                    Response response;
                    response.SetHeader("Content-Type", "application/json");
                    if (auto body = cache.Find(key, generation)) {
                        response.body = std::move(*body);
                        return response;
                    }
                    KC_ASSIGN_OR_RETURN(
                        auto report, app::ClusterKpis(*store, context.principal->viewer, id, fy));
                    response = Response::Json(200, app::KpisToJson(report));
                    cache.Put(key, generation, response.body);
                    return response;
                },
                "hq",
                {}});
    router.Add({"GET",
                clusters + "/funnel",
                "The coordinator funnel from needs to licences for a fiscal year (?fy=)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(FiscalYear fy, FiscalYearOrCurrent(request));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto funnel, app::ClusterFunnel(*store, context.principal->viewer, id, fy));
                    return Response::Json(200, app::ToJson(funnel));
                },
                "hq",
                {}});
    router.Add({"GET",
                clusters + "/ledger",
                "Granted, planned and executed per fiscal year (?fy=; all years without it)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto fy, FiscalYearParameter(request));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto years, app::ClusterLedger(*store, context.principal->viewer, id, fy));
                    return Response::Json(200, app::LedgerToJson(years));
                },
                "hq",
                {}});
    router.Add({"GET",
                clusters + "/forums",
                "Forums of a cluster with the follow-ups, matches and projects they led to (?fy=)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto fy, FiscalYearParameter(request));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto forums, app::ClusterForums(*store, context.principal->viewer, id, fy));
                    return Response::Json(200, {{"items", app::ToJson(forums)}});
                },
                "hq",
                {}});
    router.Add({"GET",
                clusters + "/roster",
                "HQ posts held on a date (?date=, default today)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto date, DateParameter(request, "date"));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto roster,
                        app::ClusterRoster(*store, context.principal->viewer, id, date));
                    return Response::Json(200, {{"items", app::ToJson(roster)}});
                },
                "hq",
                {}});
    router.Add(
        {"GET",
         clusters + "/projects",
         "Joint research projects of a cluster (budgets only where the viewer may see them)",
         Auth::kSession,
         [&stores = deps.stores](const Request&, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             auto store = stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto projects,
                                 app::ClusterProjects(*store, context.principal->viewer, id));
             json items = json::array();
             for (const auto& project : projects) {
                 items.push_back(core::RecordToJson(core::ToRecord(project)));
             }
             return Response::Json(200, {{"items", std::move(items)}});
         },
         "hq",
         {}});
    router.Add({"GET",
                clusters + "/ip_deadlines",
                "Deadlines of the cluster's patent applications by urgency (?within=90d&today=)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto today, DateParameter(request, "today"));
                    const Date on = today ? *today : TodayTokyo();
                    const std::string within = request.Query("within").value_or("90d");
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto items,
                        app::ClusterIpDeadlines(*store, context.principal->viewer, id, within, on));
                    KC_ASSIGN_OR_RETURN(int64_t days, app::ParseWindow(within, on));
                    return Response::Json(200, app::DeadlinesToJson(items, on, days));
                },
                "hq",
                {}});
    router.Add({"GET",
                clusters + "/matches",
                "Matches of the cluster's needs with seed and need titles (?status=suggested)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto lines,
                                        app::ClusterMatches(*store, context.principal->viewer, id,
                                                            request.Query("status").value_or("")));
                    return Response::Json(200, app::ToJson(lines));
                },
                "hq",
                {}});
    router.Add(
        {"POST", clusters + "/match_suggestions",
         "Suggest seed–need matches for the cluster's needs: a job (202, Location of the job)",
         Auth::kSession,
         [deps](const Request& request, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
             KC_ASSIGN_OR_RETURN(auto parsed, SuggestOptionsFromJson(body));
             auto store = deps.stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto options, app::PrepareSuggestions(
                                                   *store, context.principal->viewer, id, parsed));
             const store::Actor actor = WebActor(context);
             return StartJob(deps, context, JobStart{"match_suggestions"},
                             [actor, options](store::Store& job_store,
                                              const Checkpoint& checkpoint) -> Result<json> {
                                 if (!checkpoint(0.1)) return Fail(Cancelled());
                                 KC_ASSIGN_OR_RETURN(
                                     auto suggestions,
                                     app::SuggestMatches(job_store, actor, options));
                                 (void)checkpoint(1.0);
                                 return app::SuggestionsToJson(suggestions);
                             });
         },
         "hq", SuggestSchema()});

    // --- Projects, inventions, matches --------------------------------------------------------
    const std::string projects = std::string(kApiPrefix) + "/projects/{id}";
    router.Add(
        {"GET",
         projects + "/summary",
         "A joint research project with partners, plan vs spent, milestones and outputs",
         Auth::kSession,
         [&stores = deps.stores](const Request&, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             auto store = stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto summary,
                                 app::SummarizeProject(*store, context.principal->viewer, id));
             return Response::Json(200, app::ToJson(summary));
         },
         "hq",
         {}});
    router.Add({"POST", projects + "/gates",
                "Record a stage-gate decision (go, revise, stop) on a milestone of the project",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                    KC_ASSIGN_OR_RETURN(auto input, GateFromJson(id, body));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto summary,
                                        app::DecideGateAs(*store, context.principal->viewer,
                                                          WebActor(context), input));
                    return Response::Json(200, app::ToJson(summary));
                },
                "hq", GateSchema()});
    router.Add(
        {"GET",
         std::string(kApiPrefix) + "/inventions/{id}/view",
         "An invention with its history, applicants, applications and deadlines",
         Auth::kSession,
         [&stores = deps.stores](const Request&, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             auto store = stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto view, app::ShowInventionAs(*store, context.principal->viewer,
                                                                 id, TodayTokyo()));
             return Response::Json(200, app::ToJson(view));
         },
         "hq",
         {}});
    const std::string matches = std::string(kApiPrefix) + "/matches/{id}";
    router.Add(
        {"GET",
         matches + "/explanation",
         "Why a seed–need pair was suggested: the terms that scored",
         Auth::kSession,
         [&stores = deps.stores](const Request&, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             auto store = stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto explanation,
                                 app::ExplainMatchAs(*store, context.principal->viewer, id));
             return Response::Json(200, app::ToJson(explanation));
         },
         "hq",
         {}});
    router.Add(
        {"POST",
         matches + "/accept",
         "Take a suggested pair up (suggested → contacted)",
         Auth::kSession,
         [&stores = deps.stores](const Request&, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             auto store = stores.Acquire();
             KC_ASSIGN_OR_RETURN(auto match, app::AcceptMatchAs(*store, context.principal->viewer,
                                                                WebActor(context), id));
             return Response::Json(200, core::RecordToJson(core::ToRecord(match)));
         },
         "hq",
         {}});
    router.Add({"POST", matches + "/decline",
                "Decline a pair with a reason (not suggested again until a text changes)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(auto body, JsonObjectBody(request));
                    if (!body.contains("reason") || !body["reason"].is_string()) {
                        return Fail(Error::Fields(
                            "invalid decline",
                            {{"reason", "why the pair is declined (a string)",
                              body.contains("reason") ? body["reason"].dump() : "nothing"}}));
                    }
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto match,
                        app::DeclineMatchAs(*store, context.principal->viewer, WebActor(context),
                                            id, body["reason"].get<std::string>()));
                    return Response::Json(200, core::RecordToJson(core::ToRecord(match)));
                },
                "hq", DeclineSchema()});

    // --- Me -----------------------------------------------------------------------------------
    using MyList = Result<std::vector<core::Record>> (*)(store::Store&, const core::Viewer&);
    const std::pair<const char*, MyList> mine[] = {
        {"needs", &app::MyNeeds}, {"seeds", &app::MySeeds}, {"projects", &app::MyProjects}};
    for (const auto& [name, list] : mine) {
        router.Add({"GET",
                    fmt::format("{}/me/{}", kApiPrefix, name),
                    fmt::format("The {} of the signed-in person or their organisation", name),
                    Auth::kSession,
                    [&stores = deps.stores, list](const Request&,
                                                  const Context& context) -> Result<Response> {
                        auto store = stores.Acquire();
                        KC_ASSIGN_OR_RETURN(auto records, list(*store, context.principal->viewer));
                        return Response::Json(200, Items(records));
                    },
                    "me",
                    {}});
    }

    // --- Search -------------------------------------------------------------------------------
    router.Add({"GET",
                std::string(kApiPrefix) + "/search",
                "Text search (Japanese and English) over the records the viewer may read "
                "(?q=&types=seed,need,proposal,project,organization,person&cluster_id=&limit=)",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(auto query, SearchQueryOf(request));
                    auto store = stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto result,
                                        app::Search(*store, context.principal->viewer, query));
                    return Response::Json(200, app::ToJson(result));
                },
                "search",
                {}});
}

}  // namespace kc::http
