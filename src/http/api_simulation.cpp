// Policy-simulator endpoints (issue 8): thin handlers over app/simulation.h and engines/sim.
//
//   GET  /api/v1/simulations/default  the built-in FY2002 programme config (JSON and TOML), the
//                                     levers with meaning, unit, range and default, the KPIs
//   POST /api/v1/simulations          {config_toml?, levers?, runs, seed?, from_cluster?, on?}
//                                     → 202 job; its result is the scenario (ToJson of the
//                                     SimResult plus the config used)
//
// Who may: programme staff (program_officer, admin) and HQ roles (hq_director, program_manager,
// research_director, coordinator, adviser); others get 403. `from_cluster` (start from a cluster's
// state in the store) follows app/portal.h's CheckHqAccess: HQ staff of that cluster and
// programme staff; HQ staff of other clusters get 404. The scenario is built and validated before
// the job starts, so a bad config, lever or run count is a 400 naming the field; the job only
// simulates, reporting progress through the JobRunner and stopping when cancelled.

#include <fmt/format.h>

#include <cmath>
#include <future>
#include <memory>

#include "app/portal.h"
#include "app/review_portal.h"
#include "app/simulation.h"
#include "http/body_fields.h"
#include "http/handler_support.h"
#include "http/job_support.h"
#include "http/routes.h"

namespace kc::http {
namespace {

using nlohmann::json;
namespace sim = engines::sim;

constexpr int64_t kMaxRuns = 2000;
constexpr size_t kMaxTomlBytes = 256 * 1024;

std::string ApiPath(const std::string& path) { return std::string(kApiPrefix) + path; }

bool IsHqRole(core::Role role) {
    switch (role) {
        case core::Role::kHqDirector:
        case core::Role::kProgramManager:
        case core::Role::kResearchDirector:
        case core::Role::kCoordinator:
        case core::Role::kAdviser:
            return true;
        default:
            return false;
    }
}

Status RequireSimulationRole(const Context& context) {
    const core::Viewer& viewer = context.principal->viewer;
    if (viewer.IsProgrammeStaff() || !viewer.hq_clusters.empty()) return {};
    for (core::Role role : viewer.roles) {
        if (IsHqRole(role)) return {};
    }
    return Fail(Error{ErrorCode::kPermissionDenied,
                      "the policy simulator is for the programme office and cluster "
                      "headquarters",
                      {}});
}

// What the UI needs to show a lever as a labelled input: unit, kind and range. Meanings come from
// engines/sim (Levers()).
struct LeverForm {
    std::string_view name;
    std::string_view unit;  // "yen", "years", "people", "months", "share", "clusters", …
    std::string_view kind;  // "integer", "number" or "choice" (0/1 with labels)
    double min, max, step;
};

constexpr LeverForm kLeverForms[] = {
    {"budget_per_year", "yen", "integer", 0, 100e9, 10e6},
    {"trial_budget_per_year", "yen", "integer", 0, 100e9, 10e6},
    {"funded_years", "years", "integer", 0, 50, 1},
    {"coordinators", "people", "integer", 0, 1000, 1},
    {"forum_interval_months", "months", "integer", 0, 120, 1},
    {"outside_firm_share", "share", "number", 0, 1, 0.05},
    {"trial_regions", "clusters", "integer", 0, 1000, 1},
    {"promote_per_year", "clusters", "integer", 0, 1000, 1},
    {"match_threshold", "score", "number", 0, 1, 0.05},
    {"introduction_rule", "rule", "choice", 0, 1, 1},
    {"promotion_rule", "rule", "choice", 0, 1, 1},
};

// The lever's value in `config`; `uniform` false when clusters differ (the value is then the
// clusters' mean, rounded for whole-number levers).
double LeverValue(const sim::SimConfig& config, std::string_view name, bool& uniform) {
    uniform = true;
    auto per_cluster = [&](auto field) {
        if (config.clusters.empty()) return 0.0;
        double sum = 0;
        const double first = static_cast<double>(field(config.clusters.front()));
        for (const auto& c : config.clusters) {
            const auto value = static_cast<double>(field(c));
            if (value != first) uniform = false;
            sum += value;
        }
        return sum / static_cast<double>(config.clusters.size());
    };
    if (name == "budget_per_year") {
        return std::round(per_cluster([](const auto& c) { return c.budget_per_year; }));
    }
    if (name == "trial_budget_per_year") {
        return std::round(per_cluster([](const auto& c) { return c.trial_budget_per_year; }));
    }
    if (name == "coordinators") {
        return std::round(per_cluster([](const auto& c) { return c.coordinators; }));
    }
    if (name == "outside_firm_share") {
        return per_cluster([](const auto& c) { return c.outside_firm_share; });
    }
    if (name == "trial_regions") {
        // The count of trial clusters; uniform when they are the last ones (as the lever sets).
        size_t trials = 0;
        for (const auto& c : config.clusters) trials += c.kind == sim::ClusterKind::kTrial;
        const size_t first_trial = config.clusters.size() - trials;
        for (size_t i = 0; i < config.clusters.size(); ++i) {
            if ((config.clusters[i].kind == sim::ClusterKind::kTrial) != (i >= first_trial)) {
                uniform = false;
            }
        }
        return static_cast<double>(trials);
    }
    if (name == "funded_years") return config.funded_years;
    if (name == "forum_interval_months") return config.forum_interval_months;
    if (name == "promote_per_year") return config.promote_per_year;
    if (name == "match_threshold") return config.match_threshold;
    if (name == "introduction_rule") {
        return config.introduction_rule == sim::IntroductionRule::kFirstFit ? 1 : 0;
    }
    if (name == "promotion_rule")
        return config.promotion_rule == sim::PromotionRule::kOrder ? 1 : 0;
    return 0;
}

json LeverValues(const sim::SimConfig& config) {
    json values = json::object();
    for (const auto& lever : sim::Levers()) {
        bool uniform = true;
        values[std::string(lever.name)] = LeverValue(config, lever.name, uniform);
    }
    return values;
}

json LeversJson(const sim::SimConfig& config) {
    json levers = json::array();
    for (const auto& lever : sim::Levers()) {
        json entry = {{"name", lever.name}, {"meaning", lever.meaning}};
        for (const auto& form : kLeverForms) {
            if (form.name != lever.name) continue;
            entry["unit"] = form.unit;
            entry["kind"] = form.kind;
            entry["min"] = form.min;
            entry["max"] = lever.name == "trial_regions"
                               ? static_cast<double>(config.clusters.size())
                               : form.max;
            entry["step"] = form.step;
        }
        bool uniform = true;
        entry["default"] = LeverValue(config, lever.name, uniform);
        entry["uniform"] = uniform;
        levers.push_back(std::move(entry));
    }
    return levers;
}

// The config's programme settings and clusters (the model parameters are in the TOML).
json ConfigJson(const sim::SimConfig& config) {
    json clusters = json::array();
    for (const auto& c : config.clusters) {
        clusters.push_back({{"name", c.name},
                            {"kind", c.kind == sim::ClusterKind::kTrial ? "trial" : "full"},
                            {"researchers", c.researchers},
                            {"initial_seeds", c.initial_seeds},
                            {"companies", c.companies},
                            {"outside_firm_share", c.outside_firm_share},
                            {"sme_share", c.sme_share},
                            {"outside_pool", c.outside_pool},
                            {"coordinators", c.coordinators},
                            {"budget_per_year", c.budget_per_year},
                            {"trial_budget_per_year", c.trial_budget_per_year},
                            {"initial_ties", c.initial_ties}});
    }
    return {
        {"start_fy", config.start_fy},
        {"months", config.months},
        {"funded_years", config.funded_years},
        {"forum_interval_months", config.forum_interval_months},
        {"trial_months", config.trial_months},
        {"promote_per_year", config.promote_per_year},
        {"promotion_rule", config.promotion_rule == sim::PromotionRule::kOrder ? "order" : "merit"},
        {"introduction_rule",
         config.introduction_rule == sim::IntroductionRule::kFirstFit ? "first_fit" : "best_fit"},
        {"match_threshold", config.match_threshold},
        {"clusters", std::move(clusters)}};
}

json KpisJson() {
    json kpis = json::array();
    for (int k = 0; k < sim::kKpiCount; ++k) {
        const auto kpi = static_cast<sim::Kpi>(k);
        kpis.push_back({{"name", sim::KpiName(kpi)},
                        {"stock", sim::KpiIsStock(kpi)},
                        {"unit", kpi == sim::Kpi::kSpend ? "yen" : "count"}});
    }
    return kpis;
}

// A TOML error as field errors on `config_toml` (their text keeps ParseConfigToml's
// "config_toml:LINE: key" positions).
std::vector<FieldError> TomlErrors(const Error& error) {
    std::vector<FieldError> errors;
    for (const auto& field : error.fields) {
        errors.push_back({"config_toml", field.path + ": " + field.expected, field.got});
    }
    if (errors.empty()) errors.push_back({"config_toml", "a valid TOML config", error.message});
    return errors;
}

// The request's scenario, every bad field named.
struct Scenario {
    sim::SimConfig config;
    int runs = 0;
    uint64_t seed = 2002;
    json levers = json::object();
    std::optional<core::Id> from_cluster;
};

Result<Scenario> ReadScenario(const RouteDeps& deps, const Context& context,
                              const Request& request) {
    KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
    BodyFields fields(body, {"config_toml", "levers", "runs", "seed", "from_cluster", "on"});
    Scenario scenario;
    scenario.config = app::DefaultProgrammeConfig();
    const auto runs = fields.Int("runs", 1, kMaxRuns, true);
    const auto seed = fields.Int("seed", 0, INT64_MAX);
    const auto toml = fields.String("config_toml", false, kMaxTomlBytes);
    const auto cluster = fields.Int("from_cluster", 1, INT64_MAX);
    const auto on = fields.DateValue("on");
    if (on && !cluster) fields.Add({"on", "only with from_cluster", "a date"});
    if (runs) scenario.runs = static_cast<int>(*runs);
    if (seed) scenario.seed = static_cast<uint64_t>(*seed);
    if (toml) {
        auto parsed = sim::ParseConfigToml(*toml, "config_toml", scenario.config);
        if (parsed) {
            scenario.config = std::move(*parsed);
        } else {
            for (auto& error : TomlErrors(parsed.error())) fields.Add(std::move(error));
        }
    }
    KC_RETURN_IF_ERROR(fields.Finish("invalid simulation request"));

    if (cluster) {
        scenario.from_cluster = *cluster;
        auto store = deps.stores.Acquire();
        KC_RETURN_IF_ERROR(app::CheckHqAccess(*store, context.principal->viewer, *cluster));
        const std::vector<core::Id> ids = {*cluster};
        auto config = app::ConfigFromStore(*store, ids, on.value_or(TodayTokyo()), scenario.config);
        if (!config) {
            return Fail(Error::Fields(
                "invalid simulation request",
                {{"from_cluster", "a cluster the store can start from", config.error().message}}));
        }
        scenario.config = std::move(*config);
    }

    std::vector<FieldError> errors;
    if (const json* levers = fields.Raw("levers"); levers != nullptr && !levers->is_null()) {
        if (!levers->is_object()) {
            errors.push_back({"levers", "an object of lever names and numbers", levers->dump()});
        } else {
            for (const auto& [name, value] : levers->items()) {
                const std::string path = "levers." + name;
                if (!value.is_number()) {
                    errors.push_back({path, "a number", value.dump()});
                    continue;
                }
                auto applied = sim::ApplyLever(scenario.config, name, value.get<double>());
                if (!applied) {
                    for (const auto& field : applied.error().fields) {
                        errors.push_back({path, field.expected,
                                          field.path == "lever" ? field.got : value.dump()});
                    }
                    if (applied.error().fields.empty()) {
                        errors.push_back({path, "a valid lever value", applied.error().message});
                    }
                    continue;
                }
                scenario.levers[name] = value;
            }
        }
    }
    if (errors.empty()) {
        if (auto valid = sim::Validate(scenario.config); !valid) {
            for (const auto& field : valid.error().fields) errors.push_back(field);
            if (errors.empty())
                errors.push_back({"config", "a valid config", valid.error().message});
        }
    }
    if (!errors.empty()) {
        return Fail(Error::Fields("invalid simulation request", std::move(errors)));
    }
    return scenario;
}

// Starts the scenario as a "simulation" job (http/job_support.h). The runs report progress
// thousands of times, so the job's state is read at most every 200 ms.
Result<Response> StartSimulation(const RouteDeps& deps, const Context& context, Scenario scenario) {
    auto shared = std::make_shared<const Scenario>(std::move(scenario));
    return StartJob(
        deps, context, JobStart{"simulation", std::chrono::milliseconds(200)},
        [shared](store::Store&, const Checkpoint& checkpoint) -> Result<json> {
            KC_ASSIGN_OR_RETURN(
                sim::SimResult result,
                app::RunScenario(shared->config, shared->runs, shared->seed, checkpoint));
            json out = app::ToJson(result);
            out["clusters"] = shared->config.clusters.size();
            out["levers"] = shared->levers;
            out["lever_values"] = LeverValues(shared->config);
            out["from_cluster"] = shared->from_cluster ? json(*shared->from_cluster) : json();
            out["config"] = ConfigJson(shared->config);
            out["config_toml"] = sim::ConfigToToml(shared->config);
            return out;
        });
}

}  // namespace

void AddSimulationRoutes(Router& router, const RouteDeps& deps) {
    auto d = std::make_shared<const RouteDeps>(deps);
    const char* tag = "simulation";
    router.Add({"GET",
                ApiPath("/simulations/default"),
                "The built-in FY2002 programme scenario: config (JSON, TOML), levers and KPIs",
                Auth::kSession,
                [](const Request&, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireSimulationRole(context));
                    const sim::SimConfig config = app::DefaultProgrammeConfig();
                    return Response::Json(200, {{"config", ConfigJson(config)},
                                                {"config_toml", sim::ConfigToToml(config)},
                                                {"levers", LeversJson(config)},
                                                {"kpis", KpisJson()},
                                                {"runs", {{"min", 1}, {"max", kMaxRuns}}},
                                                {"seed", 2002}});
                },
                tag,
                {}});
    const json number = {{"type", "number"}};
    router.Add({"POST",
                ApiPath("/simulations"),
                "Run a policy scenario (Monte Carlo runs of the programme model) as a job",
                Auth::kSession,
                [d](const Request& request, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireSimulationRole(context));
                    KC_ASSIGN_OR_RETURN(Scenario scenario, ReadScenario(*d, context, request));
                    return StartSimulation(*d, context, std::move(scenario));
                },
                tag,
                {{"type", "object"},
                 {"required", {"runs"}},
                 {"properties",
                  {{"config_toml", {{"type", "string"}}},
                   {"levers", {{"type", "object"}, {"additionalProperties", number}}},
                   {"runs", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxRuns}}},
                   {"seed", {{"type", "integer"}, {"minimum", 0}}},
                   {"from_cluster", {{"type", "integer"}, {"minimum", 1}}},
                   {"on", {{"type", "string"}, {"format", "date"}}}}}}});
}

}  // namespace kc::http
