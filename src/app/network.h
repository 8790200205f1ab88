#pragma once

// The collaboration networks of a cluster (issue 8): who works with whom, built from the
// cluster's own records, as snapshots at the end of a fiscal year, with the metrics of
// engines/network and their growth year by year.
//
// Modes (which nodes, which ties; every tie carries the year it first appeared):
//   organizations  organisations; tied by shared joint research projects (lead and partners),
//                  shared inventions (co-applicants) and coordinator introductions (the seed's
//                  organisation and the need's company of a match taken beyond "suggested", or
//                  with a coordinator activity on it). Weight = number of such links.
//   people         people; tied by shared projects (leader, inventors of the project's
//                  inventions), co-invention, and introductions (coordinator – seed owner,
//                  coordinator – need contact, seed owner – need contact).
//   coordination   organisations and the cluster's coordinators: the organisations' ties as in
//                  `organizations`, plus coordinator – organisation ties from their activities
//                  (visits, meetings, calls, forum consultations) and introductions. Shows
//                  where coordinators broker between otherwise unconnected organisations.
// Ties under `min_weight` are dropped. A snapshot for FY Y holds the records dated up to 31
// March of Y+1 (projects by start, inventions by disclosure, matches by suggestion, activities by
// date); records without a date count from their creation.
//
// Node attributes: category (university | company | public | other | coordinator), region
// (inside | outside the cluster's regions, by the organisation's region or prefecture; people by
// their organisation), kind. Metrics: summary (size, density, components, clustering), Brandes
// betweenness (weighted by tie strength, normalised), Louvain communities, Burt's constraint and
// brokerage roles of the coordinators (people and coordination modes) and of the top brokers,
// ties inside vs crossing the region, university–company ties, and the same summary for every
// fiscal year from the cluster's first.
//
// Visibility: the network shows only what the viewer may read (core/policy.h): unpublished
// inventions only for their inventors, the cluster's HQ and programme staff; introductions only
// when the viewer may see the need (a private need is not revealed through its match).
// Programme staff and the cluster's HQ see everything of the cluster.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "engines/network/graph.h"
#include "engines/network/louvain.h"
#include "engines/network/metrics.h"
#include "store/store.h"
#include "util/fiscal_year.h"

namespace kc::app {

enum class NetworkMode { kOrganizations, kPeople, kCoordination };

// "organizations" | "people" | "coordination"; InvalidArgument naming the known modes otherwise.
[[nodiscard]] Result<NetworkMode> ParseNetworkMode(std::string_view text);
[[nodiscard]] const char* NetworkModeName(NetworkMode mode);

struct NetworkOptions {
    NetworkMode mode = NetworkMode::kOrganizations;
    double min_weight = 1;  // ties lighter than this are dropped (>= 0)
    size_t top = 10;        // rows of the top-broker list
    bool growth = true;     // compute the fiscal-year series
    uint64_t seed = 1;      // Louvain's seed (results are deterministic per seed)
};

// One node with its metrics.
struct NetworkNode {
    std::string key, label, kind, category, region;
    size_t degree = 0;
    double strength = 0;
    double betweenness = 0;  // weighted, normalised to [0, 1]
    uint32_t community = 0;
    std::optional<double> constraint;  // Burt; none for an isolated node
    double effective_size = 0;
    int64_t open_pairs = 0;                  // pairs of its contacts not tied to each other
    engines::network::BrokerageRoles roles;  // by category
};

struct NetworkCommunity {
    uint32_t id = 0;
    size_t size = 0;
    std::vector<std::string> leading;  // labels of the three strongest members
    size_t universities = 0, companies = 0, others = 0;
};

// The summary of one fiscal year's snapshot (for the growth series).
struct NetworkYear {
    FiscalYear fiscal_year;
    size_t nodes = 0, edges = 0, components = 0;
    double density = 0, average_clustering = 0, largest_component_share = 0, modularity = 0;
    std::optional<double> inside_share;  // ties with both ends inside the region
    int64_t university_company_ties = 0;
};

struct NetworkReport {
    core::Id cluster_id = 0;
    std::string cluster_name_ja, cluster_name_en;
    FiscalYear fiscal_year;
    NetworkMode mode = NetworkMode::kOrganizations;
    double min_weight = 1;
    engines::network::Graph graph;  // the snapshot (for exports)
    engines::network::GraphSummary summary;
    engines::network::Communities communities;
    std::vector<NetworkNode> nodes;                // every node, in graph order
    std::vector<size_t> top_brokers;               // indices into `nodes`, highest betweenness
    std::vector<size_t> coordinators;              // indices of coordinator nodes, by betweenness
    std::vector<NetworkCommunity> community_rows;  // largest first
    engines::network::TieMix region_mix;           // by "region"
    engines::network::TieMix category_mix;         // by "category"
    int64_t inside_ties = 0, crossing_ties = 0, outside_ties = 0;
    std::optional<double> inside_share;  // inside_ties / ties
    int64_t university_company_ties = 0;
    std::optional<double> university_company_share;  // of all ties
    std::vector<NetworkYear> growth;                 // from the first fiscal year to this one
};

// The network of `cluster_id` at the end of `fiscal_year` as `viewer` may see it. NotFound for
// an unknown cluster; InvalidArgument for a negative min_weight.
[[nodiscard]] Result<NetworkReport> ClusterNetwork(store::Store& store, const core::Viewer& viewer,
                                                   core::Id cluster_id, FiscalYear fiscal_year,
                                                   const NetworkOptions& options = {});

enum class NetworkFormat { kGraphMl, kGexf };

// "graphml" | "gexf"; InvalidArgument otherwise.
[[nodiscard]] Result<NetworkFormat> ParseNetworkFormat(std::string_view text);

// The snapshot as GraphML or GEXF with the node metrics (betweenness, community, degree,
// strength, constraint) as numeric attributes; GEXF carries each node's and tie's first year.
[[nodiscard]] std::string ExportNetwork(const NetworkReport& report, NetworkFormat format);

[[nodiscard]] nlohmann::json ToJson(const NetworkReport& report);
[[nodiscard]] nlohmann::json ToJson(const NetworkYear& year);

}  // namespace kc::app
