// The programme office's use-case endpoints (conflicts, assignment, reviews, evaluation,
// selection, promotion, cluster grades, the overview) and the reviewer's portal. Handlers are
// thin: read the path and body, check the role, call one app/ use case, write its JSON. Long
// work (assignment, evaluation, selection) runs as a background job answered with 202.

#include <fmt/format.h>

#include <cctype>
#include <future>
#include <memory>

#include "app/overview.h"
#include "app/programme.h"
#include "app/record_access.h"
#include "app/review_portal.h"
#include "core/value_io.h"
#include "http/body_fields.h"
#include "http/handler_support.h"
#include "http/job_support.h"
#include "http/routes.h"

namespace kc::http {

namespace {

using nlohmann::json;

Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
}

Status RequireStaff(const Context& context) {
    if (context.principal->viewer.IsProgrammeStaff()) return {};
    return Fail(PermissionDenied("this is for the programme office: program_officer or admin"));
}

// A body that may be empty (an empty body is `{}`), else one JSON object.
Result<json> OptionalObjectBody(const Request& request) {
    if (request.body.empty()) return json::object();
    return JsonObjectBody(request);
}

std::string ApiPath(const std::string& path) { return std::string(kApiPrefix) + path; }

// Runs a use case that writes as preview first and, unless cancelled meanwhile, again for real:
// the cancellation point between the two means a cancelled job never writes.
template <class Options, class Report>
Result<json> PreviewThenApply(store::Store& store, const store::Actor& actor, Options options,
                              bool apply, bool Options::*flag, const Checkpoint& checkpoint,
                              Result<Report> (*run)(store::Store&, const store::Actor&,
                                                    const Options&)) {
    options.*flag = false;
    KC_ASSIGN_OR_RETURN(Report preview, run(store, actor, options));
    if (!apply) return app::ToJson(preview);
    if (!checkpoint(0.5)) return Fail(Cancelled());
    options.*flag = true;
    KC_ASSIGN_OR_RETURN(Report report, run(store, actor, options));
    return app::ToJson(report);
}

json Schema(json properties, std::vector<std::string> required = {}) {
    json schema = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) schema["required"] = required;
    return schema;
}

const json kBoolean = {{"type", "boolean"}};
const json kInteger = {{"type", "integer"}};
const json kNumber = {{"type", "number"}};
const json kString = {{"type", "string"}};
const json kAmount = {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}},
                      {"description", "yen: 7500000000 or \"75億円\""}};
const json kFiscalYear = {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}},
                          {"description", "2004 or \"平成16年度\""}};

}  // namespace

void AddProgrammeRoutes(Router& router, const RouteDeps& deps) {
    // The RouteDeps value is the caller's local; what it refers to outlives the router.
    auto d = std::make_shared<const RouteDeps>(deps);
    const char* tag = "programme";

    // --- Conflicts of interest ------------------------------------------------------------------
    router.Add({"GET",
                ApiPath("/calls/{id}/conflicts"),
                "Preview the automatic conflicts of a call's reviewers (nothing is written)",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireStaff(context));
                    KC_ASSIGN_OR_RETURN(core::Id call, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto findings, app::DetectConflicts(
                                                           *store, WebActor(context), call, false));
                    return Response::Json(200, {{"findings", app::ToJson(findings)}});
                },
                tag,
                {}});
    router.Add({"POST",
                ApiPath("/calls/{id}/conflicts"),
                "Record the automatic conflicts of a call's reviewers",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireStaff(context));
                    KC_ASSIGN_OR_RETURN(core::Id call, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(
                        auto findings, app::DetectConflicts(*store, WebActor(context), call, true));
                    int64_t recorded = 0;
                    for (const auto& finding : findings) recorded += finding.recorded ? 0 : 1;
                    return Response::Json(
                        200, {{"findings", app::ToJson(findings)}, {"recorded", recorded}});
                },
                tag,
                {}});

    // --- Assignment (job) -----------------------------------------------------------------------
    router.Add(
        {"POST", ApiPath("/calls/{id}/assignment"),
         "Solve the reviewer assignment of a call as a job (apply=false: preview the diff)",
         Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireStaff(context));
             KC_ASSIGN_OR_RETURN(core::Id call, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, OptionalObjectBody(request));
             BodyFields fields(body, {"apply", "fair", "objective", "detect_conflicts"});
             app::AssignOptions options;
             options.call_id = call;
             const bool apply = fields.Bool("apply").value_or(false);
             if (fields.Bool("fair").value_or(false))
                 options.objective = app::AssignObjective::kFair;
             if (auto objective = fields.String("objective", false, 16)) {
                 if (*objective == "fair") {
                     options.objective = app::AssignObjective::kFair;
                 } else if (*objective != "total") {
                     fields.Add({"objective", "\"total\" or \"fair\"", "\"" + *objective + "\""});
                 }
             }
             options.detect_conflicts = fields.Bool("detect_conflicts").value_or(true);
             KC_RETURN_IF_ERROR(fields.Finish("invalid assignment request"));
             const store::Actor actor = WebActor(context);
             return StartJob(
                 *d, context, JobStart{"assignment"},
                 [options, apply, actor](store::Store& store, const Checkpoint& checkpoint) {
                     return PreviewThenApply<app::AssignOptions, app::AssignReport>(
                         store, actor, options, apply, &app::AssignOptions::apply, checkpoint,
                         &app::AssignReviewers);
                 });
         },
         tag,
         Schema({{"apply", kBoolean},
                 {"fair", kBoolean},
                 {"objective", {{"type", "string"}, {"enum", {"total", "fair"}}}},
                 {"detect_conflicts", kBoolean}})});

    // --- The reviewer's portal -----------------------------------------------------------------
    router.Add({"GET",
                ApiPath("/me/assignments"),
                "The signed-in reviewer's review assignments",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    const auto& viewer = context.principal->viewer;
                    if (!viewer.Has(core::Role::kReviewer) || !viewer.person_id) {
                        return Fail(PermissionDenied(
                            "review assignments are for reviewers linked to a person"));
                    }
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto items, app::AssignmentsOf(*store, *viewer.person_id));
                    return Response::Json(200, {{"items", app::ToJson(items)}});
                },
                tag,
                {}});
    router.Add(
        {"POST", ApiPath("/review_assignments/{id}/conflict"),
         "The assigned reviewer declares a conflict; the assignment is withdrawn", Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"reason"});
             auto reason = fields.String("reason", true, 2000);
             KC_RETURN_IF_ERROR(fields.Finish("invalid conflict"));
             if (!context.principal->viewer.Has(core::Role::kReviewer)) {
                 return Fail(PermissionDenied("only the assigned reviewer declares a conflict"));
             }
             auto store = d->stores.Acquire();
             KC_ASSIGN_OR_RETURN(core::Id conflict,
                                 app::DeclareConflict(*store, WebActor(context),
                                                      context.principal->viewer, id, *reason));
             return Response::Json(200, {{"conflict_id", conflict}});
         },
         tag, Schema({{"reason", kString}}, {"reason"})});
    router.Add({"GET",
                ApiPath("/review_assignments/{id}/review"),
                "The review form of an assignment: proposal, criteria and the review so far",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto form,
                                        app::ReviewFormOf(*store, context.principal->viewer, id));
                    return Response::Json(200, app::ToJson(form));
                },
                tag,
                {}});
    router.Add(
        {"PUT", ApiPath("/review_assignments/{id}/review"),
         "Save the review of an assignment as a draft, or submit it", Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"scores", "comment", "submit"});
             app::ReviewInput input;
             input.assignment_id = id;
             if (const json* scores = fields.Raw("scores"); scores && !scores->is_null()) {
                 if (!scores->is_object()) {
                     fields.Add({"scores", "an object {criterion_id: score}", scores->dump()});
                 } else {
                     for (const auto& [key, value] : scores->items()) {
                         if (!value.is_number_integer()) {
                             fields.Add({"scores." + key, "an integer score", value.dump()});
                             continue;
                         }
                         input.scores.emplace_back(key, value.get<int64_t>());
                     }
                 }
             }
             input.comment = fields.String("comment", false, 20000).value_or("");
             input.submit = fields.Bool("submit").value_or(false);
             KC_RETURN_IF_ERROR(fields.Finish("invalid review"));
             auto store = d->stores.Acquire();
             KC_ASSIGN_OR_RETURN(
                 core::Id review,
                 app::SaveOwnReview(*store, WebActor(context), context.principal->viewer, input));
             return Response::Json(
                 200, {{"review_id", review}, {"status", input.submit ? "submitted" : "draft"}});
         },
         tag,
         Schema({{"scores",
                  {{"type", "object"},
                   {"additionalProperties", kInteger},
                   {"description", "criterion id (or key) → score 1..score_max"}}},
                 {"comment", kString},
                 {"submit", kBoolean}})});
    router.Add({"GET",
                ApiPath("/proposals/{id}/reviews"),
                "The reviews of a proposal (a reviewer: after submitting their own)",
                Auth::kSession,
                [d](const Request&, const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(auto reviews, app::ProposalReviewsFor(
                                                          *store, context.principal->viewer, id));
                    return Response::Json(200, app::ToJson(reviews));
                },
                tag,
                {}});

    // --- Evaluation and selection (jobs) --------------------------------------------------------
    router.Add(
        {"POST", ApiPath("/calls/{id}/evaluation"),
         "Compute the calibrated comprehensive evaluation of a call as a job", Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireStaff(context));
             KC_ASSIGN_OR_RETURN(core::Id call, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, OptionalObjectBody(request));
             BodyFields fields(body, {"lambda", "bootstrap", "level", "seed", "record"});
             app::EvaluateOptions options;
             options.call_id = call;
             options.lambda = fields.Number("lambda", 0.0, 1e6).value_or(options.lambda);
             options.bootstrap = static_cast<int>(
                 fields.Int("bootstrap", 0, 1'000'000).value_or(options.bootstrap));
             options.level = fields.Number("level", 0.5, 0.999).value_or(options.level);
             options.seed =
                 static_cast<uint64_t>(fields.Int("seed", 0, int64_t{1} << 53)
                                           .value_or(static_cast<int64_t>(options.seed)));
             const bool record = fields.Bool("record").value_or(true);
             KC_RETURN_IF_ERROR(fields.Finish("invalid evaluation request"));
             const store::Actor actor = WebActor(context);
             return StartJob(
                 *d, context, JobStart{"evaluation"},
                 [options, record, actor](store::Store& store, const Checkpoint& checkpoint) {
                     return PreviewThenApply<app::EvaluateOptions, app::EvaluationReport>(
                         store, actor, options, record, &app::EvaluateOptions::record, checkpoint,
                         &app::EvaluateCall);
                 });
         },
         tag,
         Schema({{"lambda", kNumber},
                 {"bootstrap", kInteger},
                 {"level", kNumber},
                 {"seed", kInteger},
                 {"record", kBoolean}})});
    router.Add(
        {"POST", ApiPath("/calls/{id}/selection"),
         "Select full and trial proposals under the budget as a job (apply=false: preview)",
         Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireStaff(context));
             KC_ASSIGN_OR_RETURN(core::Id call, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"apply", "budget", "full", "trial", "per_region",
                                      "trial_per_region", "trial_weight", "constraints",
                                      "decided_on", "note", "effective_fy", "funding_source"});
             app::SelectOptions options;
             options.call_id = call;
             const bool apply = fields.Bool("apply").value_or(false);
             options.budget = fields.Amount("budget", true).value_or(Yen{});
             if (auto full = fields.Int("full", 0, 1000)) options.full = static_cast<int>(*full);
             if (auto trial = fields.Int("trial", 0, 1000))
                 options.trial = static_cast<int>(*trial);
             options.per_region = fields.Amount("per_region");
             options.trial_per_region = fields.Amount("trial_per_region");
             options.trial_weight = fields.Number("trial_weight", 0.0, 1.0).value_or(0.5);
             if (const json* list = fields.Raw("constraints"); list && !list->is_null()) {
                 bool ok = list->is_array();
                 for (size_t i = 0; ok && i < list->size(); ++i) {
                     ok = (*list)[i].is_string();
                     if (ok) options.constraints.push_back((*list)[i].get<std::string>());
                 }
                 if (!ok) {
                     fields.Add({"constraints", "an array of strings such as \"per-prefecture<=1\"",
                                 list->dump()});
                 }
             }
             options.decided_on = fields.DateValue("decided_on", apply);
             options.note = fields.String("note", false, 2000).value_or("");
             options.effective_fy = fields.Fiscal("effective_fy");
             options.funding_source = fields.String("funding_source", false, 200).value_or("");
             KC_RETURN_IF_ERROR(fields.Finish("invalid selection request"));
             const store::Actor actor = WebActor(context);
             return StartJob(
                 *d, context, JobStart{"selection"},
                 [options, apply, actor](store::Store& store, const Checkpoint& checkpoint) {
                     return PreviewThenApply<app::SelectOptions, app::SelectReport>(
                         store, actor, options, apply, &app::SelectOptions::apply, checkpoint,
                         &app::SelectProposals);
                 });
         },
         tag,
         Schema({{"apply", kBoolean},
                 {"budget", kAmount},
                 {"full", kInteger},
                 {"trial", kInteger},
                 {"per_region", kAmount},
                 {"trial_per_region", kAmount},
                 {"trial_weight", kNumber},
                 {"constraints", {{"type", "array"}, {"items", kString}}},
                 {"decided_on", {{"type", "string"}, {"format", "date"}}},
                 {"note", kString},
                 {"effective_fy", kFiscalYear},
                 {"funding_source", kString}},
                {"budget"})});

    // --- Promotion and cluster evaluations ------------------------------------------------------
    router.Add({"POST", ApiPath("/clusters/{id}/promotion"),
                "Promote a trial cluster to full implementation", Auth::kSession,
                [d](const Request& request, const Context& context) -> Result<Response> {
                    KC_RETURN_IF_ERROR(RequireStaff(context));
                    KC_ASSIGN_OR_RETURN(core::Id cluster, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
                    BodyFields fields(
                        body, {"decided_on", "effective_fy", "funding_source", "proposal_id"});
                    app::PromoteOptions options;
                    options.cluster_id = cluster;
                    auto decided = fields.DateValue("decided_on", true);
                    auto effective = fields.Fiscal("effective_fy", true);
                    options.funding_source =
                        fields.String("funding_source", false, 200).value_or("");
                    if (auto proposal = fields.Int("proposal_id", 1, INT64_MAX))
                        options.proposal_id = *proposal;
                    KC_RETURN_IF_ERROR(fields.Finish("invalid promotion"));
                    options.decided_on = *decided;
                    options.effective_fy = *effective;
                    auto store = d->stores.Acquire();
                    KC_ASSIGN_OR_RETURN(core::Id promotion,
                                        app::PromoteCluster(*store, WebActor(context), options));
                    return Response::Json(200, {{"promotion_id", promotion}});
                },
                tag,
                Schema({{"decided_on", {{"type", "string"}, {"format", "date"}}},
                        {"effective_fy", kFiscalYear},
                        {"funding_source", kString},
                        {"proposal_id", kInteger}},
                       {"decided_on", "effective_fy"})});
    router.Add(
        {"PUT", ApiPath("/cluster_evaluations/{id}/grades"),
         "Record the committee's S/A/B/C grades of a cluster evaluation", Auth::kSession,
         [d](const Request& request, const Context& context) -> Result<Response> {
             KC_RETURN_IF_ERROR(RequireStaff(context));
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(json body, JsonObjectBody(request));
             BodyFields fields(body, {"grades", "comments", "overall", "comment"});
             auto lower = [](std::string text) {
                 for (auto& c : text)
                     c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                 return text;
             };
             app::GradeInput input;
             input.evaluation_id = id;
             auto text_map = [&](const char* name, bool grades,
                                 std::vector<std::pair<std::string, std::string>>& out) {
                 const json* map = fields.Raw(name);
                 if (!map || map->is_null()) {
                     if (grades) fields.Add({name, "an object {item: \"S|A|B|C\"}", "nothing"});
                     return;
                 }
                 if (!map->is_object()) {
                     fields.Add({name, "an object of strings by item", map->dump()});
                     return;
                 }
                 for (const auto& [key, value] : map->items()) {
                     if (!value.is_string()) {
                         fields.Add({std::string(name) + "." + key, "a string", value.dump()});
                         continue;
                     }
                     out.emplace_back(
                         key, grades ? lower(value.get<std::string>()) : value.get<std::string>());
                 }
             };
             text_map("grades", true, input.grades);
             text_map("comments", false, input.comments);
             input.overall = lower(fields.String("overall", true, 1).value_or(""));
             input.summary = fields.String("comment", false, 20000).value_or("");
             KC_RETURN_IF_ERROR(fields.Finish("invalid grades"));
             auto store = d->stores.Acquire();
             KC_RETURN_IF_ERROR(app::GradeClusterEvaluation(*store, WebActor(context), input));
             KC_ASSIGN_OR_RETURN(auto record,
                                 app::ShowVisibleRecord(*store, context.principal->viewer,
                                                        "cluster_evaluation", id));
             return Response::Json(200, core::RecordToJson(record));
         },
         tag,
         Schema({{"grades",
                  {{"type", "object"},
                   {"additionalProperties", {{"type", "string"}, {"enum", {"S", "A", "B", "C"}}}},
                   {"description", "item code → S|A|B|C, every item once"}}},
                 {"comments", {{"type", "object"}, {"additionalProperties", kString}}},
                 {"overall", {{"type", "string"}, {"enum", {"S", "A", "B", "C"}}}},
                 {"comment", kString}},
                {"grades", "overall"})});
    router.Add(
        {"GET",
         ApiPath("/cluster_evaluation_items"),
         "The items of a mid-term or post evaluation (ja/en)",
         Auth::kSession,
         [](const Request&, const Context&) -> Result<Response> {
             json items = json::array();
             for (const auto& item : app::ClusterEvaluationItems()) {
                 items.push_back({{"code", item.key}, {"name_ja", item.ja}, {"name_en", item.en}});
             }
             return Response::Json(200, {{"items", items}});
         },
         tag,
         {}});
    router.Add({"GET",
                ApiPath("/programmes/overview"),
                "The programme dashboard: regions, clusters, budgets and grants by fiscal year",
                Auth::kSession,
                [d](const Request&, const Context&) -> Result<Response> {
                    auto store = d->stores.Acquire();
                    // As computed at this data generation (http/response_cache.h).
                    KC_ASSIGN_OR_RETURN(int64_t generation, DataGeneration(*store));
                    Response response;
                    response.SetHeader("Content-Type", "application/json");
                    if (auto body = d->cache.Find("programmes/overview", generation)) {
                        response.body = std::move(*body);
                        return response;
                    }
                    KC_ASSIGN_OR_RETURN(auto overview, app::BuildOverview(*store));
                    response = Response::Json(200, app::OverviewToJson(overview));
                    d->cache.Put("programmes/overview", generation, response.body);
                    return response;
                },
                tag,
                {}});
}

}  // namespace kc::http
