// The collaboration network of a cluster (issue 8): thin handlers over app/network.h. Who may ask
// is decided by app/portal.h's CheckHqAccess, as for the other cluster dashboards: HQ staff of the
// cluster and programme staff; HQ staff of other clusters get 404, the other roles 403. The
// network itself holds only what the viewer may read (app::ClusterNetwork filters by policy).
//
//   GET /api/v1/clusters/{id}/network?fy=&mode=&min_weight=&max_nodes=
//       the metrics (app::ToJson) plus `graph`: the nodes and ties to draw, the `max_nodes`
//       (default 300) nodes of highest degree and the ties among them, saying what was left out
//   GET /api/v1/clusters/{id}/network/export?fy=&mode=&min_weight=&format=graphml|gexf
//       the whole snapshot as a file (Content-Disposition: attachment)

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "app/network.h"
#include "app/portal.h"
#include "http/handler_support.h"
#include "http/routes.h"

namespace kc::http {
namespace {

using nlohmann::json;

constexpr int64_t kDefaultMaxNodes = 300;
constexpr int64_t kLimitMaxNodes = 5000;

Error BadParameter(const std::string& name, const std::string& expected, const std::string& got) {
    return Error::Fields("invalid parameter", {{name, expected, fmt::format("\"{}\"", got)}});
}

// ?fy= (a fiscal year such as 2004, FY2004 or 平成16年度), defaulting to the current one.
Result<FiscalYear> FiscalYearOrCurrent(const Request& request) {
    auto text = request.Query("fy");
    if (!text) return FiscalYearOf(TodayTokyo());
    auto fy = ParseFiscalYear(*text);
    if (!fy) {
        return Fail(BadParameter("fy", "a fiscal year such as 2004, FY2004 or 平成16年度", *text));
    }
    return *fy;
}

// ?mode= and ?min_weight= as NetworkOptions.
Result<app::NetworkOptions> OptionsParameters(const Request& request) {
    app::NetworkOptions options;
    if (auto mode = request.Query("mode")) {
        auto parsed = app::ParseNetworkMode(*mode);
        if (!parsed) {
            return Fail(BadParameter("mode", "organizations, people or coordination", *mode));
        }
        options.mode = *parsed;
    }
    if (auto text = request.Query("min_weight")) {
        double value = 0;
        const char* begin = text->data();
        const char* end = begin + text->size();
        auto [ptr, ec] = std::from_chars(begin, end, value);
        if (text->empty() || ec != std::errc() || ptr != end || !std::isfinite(value) ||
            value < 0) {
            return Fail(BadParameter("min_weight", "a number >= 0 such as 1 or 2.5", *text));
        }
        options.min_weight = value;
    }
    return options;
}

Result<int64_t> MaxNodesParameter(const Request& request) {
    auto text = request.Query("max_nodes");
    if (!text) return kDefaultMaxNodes;
    auto value = IntegerParameter("max_nodes", *text, 1);
    if (!value || *value > kLimitMaxNodes) {
        return Fail(
            BadParameter("max_nodes", fmt::format("an integer 1..{}", kLimitMaxNodes), *text));
    }
    return *value;
}

// The nodes and ties to draw: the `max_nodes` nodes of highest degree (then strength, then key,
// so the choice is stable) and the ties among them.
json DrawnGraph(const app::NetworkReport& report, size_t max_nodes) {
    const auto& graph = report.graph;
    std::vector<size_t> order(report.nodes.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& x = report.nodes[a];
        const auto& y = report.nodes[b];
        if (x.degree != y.degree) return x.degree > y.degree;
        if (x.strength != y.strength) return x.strength > y.strength;
        return x.key < y.key;
    });
    if (order.size() > max_nodes) order.resize(max_nodes);
    std::sort(order.begin(), order.end());     // graph order, so ties' indices read naturally
    std::unordered_map<size_t, size_t> drawn;  // graph index → position in `nodes`
    json nodes = json::array();
    for (size_t i : order) {
        const auto& n = report.nodes[i];
        json attributes = json::object();
        if (i < graph.NodeCount()) {
            for (const auto& [name, value] : graph.NodeAt(static_cast<uint32_t>(i)).attributes) {
                attributes[name] = value;
            }
        }
        drawn.emplace(i, nodes.size());
        nodes.push_back({{"key", n.key},
                         {"label", n.label},
                         {"kind", n.kind},
                         {"category", n.category},
                         {"region", n.region},
                         {"attributes", std::move(attributes)},
                         {"community", n.community},
                         {"degree", n.degree},
                         {"strength", n.strength},
                         {"betweenness", n.betweenness}});
    }
    json ties = json::array();
    for (const auto& edge : graph.Edges()) {
        auto a = drawn.find(edge.source);
        auto b = drawn.find(edge.target);
        if (a == drawn.end() || b == drawn.end()) continue;
        ties.push_back({{"source", report.nodes[edge.source].key},
                        {"target", report.nodes[edge.target].key},
                        {"weight", edge.weight},
                        {"since", edge.start ? json(*edge.start) : json()}});
    }
    const bool capped = nodes.size() < report.nodes.size();
    json out = {{"nodes", std::move(nodes)},
                {"ties", std::move(ties)},
                {"total_nodes", report.nodes.size()},
                {"total_ties", graph.EdgeCount()},
                {"max_nodes", max_nodes},
                {"capped", capped}};
    out["shown_nodes"] = out["nodes"].size();
    out["shown_ties"] = out["ties"].size();
    out["note"] = capped ? fmt::format(
                               "Drawn: the {} nodes of highest degree of {} and the {} ties among "
                               "them of {}; the metrics and the export cover the whole network.",
                               out["shown_nodes"].get<size_t>(), report.nodes.size(),
                               out["shown_ties"].get<size_t>(), graph.EdgeCount())
                         : "Drawn: the whole network.";
    return out;
}

// A file name safe in a Content-Disposition header: cluster-<id>-<mode>-fy<year>.<ext>.
std::string ExportFileName(const app::NetworkReport& report, app::NetworkFormat format) {
    return fmt::format("cluster-{}-{}-fy{}.{}", report.cluster_id,
                       app::NetworkModeName(report.mode), report.fiscal_year.year,
                       format == app::NetworkFormat::kGexf ? "gexf" : "graphml");
}

}  // namespace

void AddNetworkRoutes(Router& router, const RouteDeps& deps) {
    const std::string network = std::string(kApiPrefix) + "/clusters/{id}/network";

    router.Add({"GET",
                network,
                "The collaboration network of a cluster at the end of a fiscal year (?fy=, "
                "?mode=organizations|people|coordination, ?min_weight=, ?max_nodes=): metrics, "
                "communities, brokers, growth and the nodes and ties to draw",
                Auth::kSession,
                [&stores = deps.stores](const Request& request,
                                        const Context& context) -> Result<Response> {
                    KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
                    KC_ASSIGN_OR_RETURN(FiscalYear fy, FiscalYearOrCurrent(request));
                    KC_ASSIGN_OR_RETURN(auto options, OptionsParameters(request));
                    KC_ASSIGN_OR_RETURN(int64_t max_nodes, MaxNodesParameter(request));
                    auto store = stores.Acquire();
                    const auto& viewer = context.principal->viewer;
                    KC_RETURN_IF_ERROR(app::CheckHqAccess(*store, viewer, id));
                    KC_ASSIGN_OR_RETURN(auto report,
                                        app::ClusterNetwork(*store, viewer, id, fy, options));
                    json body = app::ToJson(report);
                    body["graph"] = DrawnGraph(report, static_cast<size_t>(max_nodes));
                    return Response::Json(200, body);
                },
                "network",
                {}});

    router.Add(
        {"GET",
         network + "/export",
         "The collaboration network as a file (?format=graphml|gexf, ?fy=, ?mode=, "
         "?min_weight=) for Gephi, Cytoscape or NetworkX",
         Auth::kSession,
         [&stores = deps.stores](const Request& request,
                                 const Context& context) -> Result<Response> {
             KC_ASSIGN_OR_RETURN(core::Id id, IdParameter(context));
             KC_ASSIGN_OR_RETURN(FiscalYear fy, FiscalYearOrCurrent(request));
             KC_ASSIGN_OR_RETURN(auto options, OptionsParameters(request));
             const std::string format_text = request.Query("format").value_or("graphml");
             auto format = app::ParseNetworkFormat(format_text);
             if (!format) return Fail(BadParameter("format", "graphml or gexf", format_text));
             options.growth = false;  // the file has no use for the series
             auto store = stores.Acquire();
             const auto& viewer = context.principal->viewer;
             KC_RETURN_IF_ERROR(app::CheckHqAccess(*store, viewer, id));
             KC_ASSIGN_OR_RETURN(auto report, app::ClusterNetwork(*store, viewer, id, fy, options));
             Response response;
             response.status = 200;
             response.body = app::ExportNetwork(report, *format);
             response.SetHeader("Content-Type", *format == app::NetworkFormat::kGexf
                                                    ? "application/gexf+xml; charset=utf-8"
                                                    : "application/graphml+xml; charset=utf-8");
             response.SetHeader(
                 "Content-Disposition",
                 fmt::format("attachment; filename=\"{}\"", ExportFileName(report, *format)));
             return response;
         },
         "network",
         {}});
}

}  // namespace kc::http
