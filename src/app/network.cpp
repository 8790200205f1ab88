#include "app/network.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "app/workflow_support.h"
#include "core/entities.h"
#include "engines/network/export.h"

namespace kc::app {

using core::Id;
using detail::ListBy;
using detail::PersonName;
namespace net = engines::network;

namespace {

// The calendar date of an ISO timestamp ("2026-11-30T09:49:16+09:00").
std::optional<Date> DateOfTimestamp(const std::string& timestamp) {
    if (timestamp.size() < 10) return std::nullopt;
    auto date = ParseDate(timestamp.substr(0, 10));
    if (!date) return std::nullopt;
    return *date;
}

std::string Key(const char* kind, Id id) { return fmt::format("{}:{}", kind, id); }

bool IsCoordinatorRole(const std::string& role) {
    return role == "coordinator" || role == "commercialization_coordinator" ||
           role == "assistant_coordinator";
}

std::string CategoryOf(const core::Organization& org) {
    if (org.kind == "university" || org.kind == "company") return org.kind;
    if (org.kind == "public_institute") return "public";
    return "other";
}

// A fact dated `date`: a membership of `a` in hub `b` (bipartite, projected away) or a direct
// tie between `a` and `b`.
struct Fact {
    Date date;
    bool membership = false;
    std::string a, b;
};

// Everything a cluster's networks are built from, read once and filtered for the viewer.
struct Material {
    core::Cluster cluster;
    std::unordered_map<std::string, net::Node> nodes;  // by key, attributes filled
    std::vector<Fact> organizations, people, coordination;
    std::optional<Date> first;
};

class MaterialReader {
  public:
    MaterialReader(store::Transaction& tx, const core::Viewer& viewer) : tx_(tx), viewer_(viewer) {}

    Result<Material> Read(Id cluster_id) {
        Material m;
        KC_ASSIGN_OR_RETURN(m.cluster, tx_.Get<core::Cluster>(cluster_id));
        KC_ASSIGN_OR_RETURN(auto cluster_regions,
                            ListBy<core::ClusterRegion>(tx_, "cluster_id", cluster_id));
        for (const auto& cr : cluster_regions) {
            KC_ASSIGN_OR_RETURN(auto region, tx_.Get<core::Region>(cr.region_id));
            region_ids_.insert(region.id);
            if (!region.prefecture.empty()) prefectures_.insert(region.prefecture);
        }
        KC_ASSIGN_OR_RETURN(auto positions, ListBy<core::Position>(tx_, "cluster_id", cluster_id));
        for (const auto& p : positions) {
            if (IsCoordinatorRole(p.role)) coordinators_.insert(p.person_id);
        }
        material_ = &m;

        // Projects: lead and partner organisations, the leader.
        KC_ASSIGN_OR_RETURN(auto projects, ListBy<core::Project>(tx_, "cluster_id", cluster_id));
        std::unordered_map<Id, Date> project_date;
        for (const auto& project : projects) {
            auto date =
                project.starts_on ? project.starts_on : DateOfTimestamp(project.meta.created_at);
            if (!date) continue;
            project_date[project.id] = *date;
            std::string hub = Key("project", project.id);
            KC_RETURN_IF_ERROR(AddHub(hub, project.title, "project"));
            KC_ASSIGN_OR_RETURN(auto partners,
                                ListBy<core::ProjectPartner>(tx_, "project_id", project.id));
            std::set<Id> orgs = {project.lead_organization_id};
            for (const auto& partner : partners) orgs.insert(partner.organization_id);
            for (Id org : orgs) {
                KC_ASSIGN_OR_RETURN(auto key, Organization(org));
                Membership(m.organizations, *date, key, hub);
                Membership(m.coordination, *date, key, hub);
            }
            if (project.leader_id) {
                KC_ASSIGN_OR_RETURN(auto key, Person(*project.leader_id, false));
                Membership(m.people, *date, key, hub);
            }
        }

        // Inventions the viewer may see: co-applicants, inventors (also members of the project).
        KC_ASSIGN_OR_RETURN(auto inventions,
                            ListBy<core::Invention>(tx_, "cluster_id", cluster_id));
        for (const auto& invention : inventions) {
            KC_ASSIGN_OR_RETURN(auto inventors,
                                ListBy<core::Inventor>(tx_, "invention_id", invention.id));
            std::vector<Id> people;
            for (const auto& i : inventors) people.push_back(i.person_id);
            if (!core::CanViewInvention(viewer_, invention, people)) continue;
            Date date = invention.disclosed_on;
            std::string hub = Key("invention", invention.id);
            KC_RETURN_IF_ERROR(AddHub(hub, invention.title, "invention"));
            KC_ASSIGN_OR_RETURN(auto applicants, ListBy<core::InventionApplicant>(
                                                     tx_, "invention_id", invention.id));
            for (const auto& a : applicants) {
                KC_ASSIGN_OR_RETURN(auto key, Organization(a.organization_id));
                Membership(m.organizations, date, key, hub);
                Membership(m.coordination, date, key, hub);
            }
            std::optional<Date> in_project;
            if (invention.project_id && project_date.contains(*invention.project_id)) {
                in_project = std::max(date, project_date[*invention.project_id]);
            }
            for (Id person : people) {
                KC_ASSIGN_OR_RETURN(auto key, Person(person, false));
                Membership(m.people, date, key, hub);
                if (in_project) {
                    Membership(m.people, *in_project, key, Key("project", *invention.project_id));
                }
            }
        }

        // Introductions: matches beyond "suggested" (or with an activity) whose need the viewer
        // may see.
        KC_ASSIGN_OR_RETURN(auto activities, ListBy<core::Activity>(tx_, "cluster_id", cluster_id));
        std::unordered_map<Id, Date> first_activity;
        for (const auto& a : activities) {
            if (!a.match_id) continue;
            auto [it, inserted] = first_activity.try_emplace(*a.match_id, a.activity_date);
            if (!inserted && a.activity_date < it->second) it->second = a.activity_date;
        }
        std::set<Id> visible_matches;
        KC_ASSIGN_OR_RETURN(auto needs, ListBy<core::Need>(tx_, "cluster_id", cluster_id));
        for (const auto& need : needs) {
            if (!core::CanViewNeed(viewer_, need)) continue;
            KC_ASSIGN_OR_RETURN(auto matches, ListBy<core::Match>(tx_, "need_id", need.id));
            for (const auto& match : matches) {
                visible_matches.insert(match.id);
                auto activity = first_activity.find(match.id);
                bool introduced = match.status == "contacted" || match.status == "meeting" ||
                                  match.status == "feasibility_test" ||
                                  match.status == "joint_research" ||
                                  activity != first_activity.end();
                if (!introduced) continue;
                std::optional<Date> date = activity != first_activity.end()
                                               ? std::optional<Date>(activity->second)
                                               : match.suggested_on;
                if (!date) date = DateOfTimestamp(match.meta.created_at);
                if (!date) continue;
                KC_ASSIGN_OR_RETURN(auto seed, tx_.Get<core::Seed>(match.seed_id));
                KC_ASSIGN_OR_RETURN(auto seed_org, Organization(seed.organization_id));
                KC_ASSIGN_OR_RETURN(auto need_org, Organization(need.organization_id));
                Direct(m.organizations, *date, seed_org, need_org);
                Direct(m.coordination, *date, seed_org, need_org);
                std::optional<std::string> coordinator, owner, contact;
                if (match.coordinator_id) {
                    KC_ASSIGN_OR_RETURN(auto key, Person(*match.coordinator_id, true));
                    coordinator = key;
                    Direct(m.coordination, *date, *coordinator, seed_org);
                    Direct(m.coordination, *date, *coordinator, need_org);
                }
                if (seed.owner_id) {
                    KC_ASSIGN_OR_RETURN(auto key, Person(*seed.owner_id, false));
                    owner = key;
                }
                if (need.contact_id) {
                    KC_ASSIGN_OR_RETURN(auto key, Person(*need.contact_id, false));
                    contact = key;
                }
                if (coordinator && owner) Direct(m.people, *date, *coordinator, *owner);
                if (coordinator && contact) Direct(m.people, *date, *coordinator, *contact);
                if (owner && contact) Direct(m.people, *date, *owner, *contact);
            }
        }

        // Coordinators' visits, meetings and forum consultations with organisations.
        for (const auto& a : activities) {
            if (!a.organization_id) continue;
            if (a.match_id && !visible_matches.contains(*a.match_id)) continue;
            KC_ASSIGN_OR_RETURN(auto coordinator, Person(a.coordinator_id, true));
            KC_ASSIGN_OR_RETURN(auto org, Organization(*a.organization_id));
            Direct(m.coordination, a.activity_date, coordinator, org);
        }

        for (auto* facts : {&m.organizations, &m.people, &m.coordination}) {
            std::stable_sort(facts->begin(), facts->end(),
                             [](const Fact& x, const Fact& y) { return x.date < y.date; });
            if (!facts->empty() && (!m.first || facts->front().date < *m.first)) {
                m.first = facts->front().date;
            }
        }
        return m;
    }

  private:
    void Membership(std::vector<Fact>& facts, Date date, const std::string& member,
                    const std::string& hub) {
        facts.push_back({date, true, member, hub});
    }
    void Direct(std::vector<Fact>& facts, Date date, const std::string& a, const std::string& b) {
        if (a != b) facts.push_back({date, false, a, b});
    }

    Status AddHub(const std::string& key, const std::string& label, const char* kind) {
        material_->nodes[key] = net::MakeNode(key, label, kind);
        return {};
    }

    // The organisation's node key, its node made on first use.
    Result<std::string> Organization(Id id) {
        std::string key = Key("organization", id);
        if (material_->nodes.contains(key)) return key;
        KC_ASSIGN_OR_RETURN(auto org, tx_.Get<core::Organization>(id));
        net::Node node = net::MakeNode(key, org.name_ja, "organization");
        node.attributes = {{"category", CategoryOf(org)},
                           {"region", RegionOf(org)},
                           {"organization_kind", org.kind},
                           {"sme", org.sme ? "yes" : "no"}};
        material_->nodes[key] = std::move(node);
        return key;
    }

    // The person's node key; `as_coordinator` (or holding a coordinator post in the cluster)
    // makes the category "coordinator".
    Result<std::string> Person(Id id, bool as_coordinator) {
        std::string key = Key("person", id);
        if (material_->nodes.contains(key)) return key;
        KC_ASSIGN_OR_RETURN(auto person, tx_.Get<core::Person>(id));
        std::string category = "other", region = "unknown", organization;
        if (person.organization_id) {
            KC_ASSIGN_OR_RETURN(auto org, tx_.Get<core::Organization>(*person.organization_id));
            category = CategoryOf(org);
            region = RegionOf(org);
            organization = org.name_ja;
        }
        if (as_coordinator || coordinators_.contains(id)) category = "coordinator";
        net::Node node = net::MakeNode(key, PersonName(person), "person");
        node.attributes = {{"category", category}, {"region", region}};
        if (!organization.empty()) node.attributes.emplace_back("organization", organization);
        material_->nodes[key] = std::move(node);
        return key;
    }

    std::string RegionOf(const core::Organization& org) const {
        if (org.region_id && region_ids_.contains(*org.region_id)) return "inside";
        if (!org.prefecture.empty())
            return prefectures_.contains(org.prefecture) ? "inside" : "outside";
        if (org.region_id) return "outside";
        return "unknown";
    }

    store::Transaction& tx_;
    const core::Viewer& viewer_;
    Material* material_ = nullptr;
    std::set<Id> region_ids_;
    std::set<std::string> prefectures_;
    std::set<Id> coordinators_;
};

const std::vector<Fact>& FactsOf(const Material& m, NetworkMode mode) {
    switch (mode) {
        case NetworkMode::kPeople:
            return m.people;
        case NetworkMode::kCoordination:
            return m.coordination;
        case NetworkMode::kOrganizations:
            break;
    }
    return m.organizations;
}

// The snapshot at the end of `fy`: memberships projected onto their members, direct ties added,
// ties under min_weight dropped.
Result<net::Graph> Snapshot(const Material& m, NetworkMode mode, FiscalYear fy, double min_weight) {
    Date cutoff = FiscalYearEnd(fy);
    const auto& facts = FactsOf(m, mode);
    auto node = [&](const std::string& key, Date date) {
        net::Node n = m.nodes.at(key);
        n.start = FiscalYearOf(date).year;
        return n;
    };
    net::GraphBuilder bipartite;
    std::string member_kind = mode == NetworkMode::kPeople ? "person" : "organization";
    for (const auto& f : facts) {
        if (f.date > cutoff || !f.membership) continue;
        auto a = bipartite.AddOrGetNode(node(f.a, f.date));
        auto b = bipartite.AddOrGetNode(node(f.b, f.date));
        KC_RETURN_IF_ERROR(bipartite.AddEdge(a, b, 1.0, FiscalYearOf(f.date).year));
    }
    net::Graph hubs = bipartite.Build();
    KC_ASSIGN_OR_RETURN(auto projected, net::Project(hubs, member_kind));
    net::GraphBuilder builder;
    for (const auto& n : projected.Nodes()) builder.AddOrGetNode(n);
    for (const auto& e : projected.Edges()) {
        KC_RETURN_IF_ERROR(builder.AddEdge(e.source, e.target, e.weight, e.start));
    }
    for (const auto& f : facts) {
        if (f.date > cutoff || f.membership) continue;
        auto a = builder.AddOrGetNode(node(f.a, f.date));
        auto b = builder.AddOrGetNode(node(f.b, f.date));
        KC_RETURN_IF_ERROR(builder.AddEdge(a, b, 1.0, FiscalYearOf(f.date).year));
    }
    net::Graph graph = builder.Build();
    if (min_weight > 0) return net::FilterEdges(graph, min_weight);
    return graph;
}

struct RegionCounts {
    int64_t inside = 0, crossing = 0, outside = 0;
};

RegionCounts CountRegions(const net::TieMix& mix) {
    RegionCounts c;
    for (const auto& row : mix.rows) {
        bool a = row.a == "inside", b = row.b == "inside";
        if (a && b) {
            c.inside += row.ties;
        } else if (a || b) {
            c.crossing += row.ties;
        } else {
            c.outside += row.ties;
        }
    }
    return c;
}

std::optional<double> Share(int64_t part, int64_t whole) {
    if (whole <= 0) return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(whole);
}

Result<NetworkYear> YearOf(const net::Graph& graph, FiscalYear fy, uint64_t seed) {
    NetworkYear y;
    y.fiscal_year = fy;
    auto s = net::Summarize(graph);
    y.nodes = s.nodes;
    y.edges = s.edges;
    y.components = s.components;
    y.density = s.density;
    y.average_clustering = s.average_clustering;
    y.largest_component_share = s.largest_component_share;
    net::LouvainOptions options;
    options.seed = seed;
    KC_ASSIGN_OR_RETURN(auto communities, net::Louvain(graph, options));
    y.modularity = communities.modularity;
    auto region = net::MixByAttribute(graph, "region");
    y.inside_share = Share(CountRegions(region).inside, region.ties);
    y.university_company_ties =
        net::MixByAttribute(graph, "category").TiesBetween("university", "company");
    return y;
}

nlohmann::json Opt(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

}  // namespace

Result<NetworkMode> ParseNetworkMode(std::string_view text) {
    if (text == "organizations" || text == "organisations") return NetworkMode::kOrganizations;
    if (text == "people") return NetworkMode::kPeople;
    if (text == "coordination") return NetworkMode::kCoordination;
    return std::unexpected(Error::Fields(
        "invalid option",
        {{"mode", "organizations, people or coordination", fmt::format("\"{}\"", text)}}));
}

const char* NetworkModeName(NetworkMode mode) {
    switch (mode) {
        case NetworkMode::kPeople:
            return "people";
        case NetworkMode::kCoordination:
            return "coordination";
        case NetworkMode::kOrganizations:
            break;
    }
    return "organizations";
}

Result<NetworkFormat> ParseNetworkFormat(std::string_view text) {
    if (text == "graphml") return NetworkFormat::kGraphMl;
    if (text == "gexf") return NetworkFormat::kGexf;
    return std::unexpected(Error::Fields(
        "invalid option", {{"format", "graphml or gexf", fmt::format("\"{}\"", text)}}));
}

Result<NetworkReport> ClusterNetwork(store::Store& store, const core::Viewer& viewer, Id cluster_id,
                                     FiscalYear fiscal_year, const NetworkOptions& options) {
    if (!std::isfinite(options.min_weight) || options.min_weight < 0) {
        return std::unexpected(Error::Fields(
            "invalid option",
            {{"min_weight", "a number >= 0", fmt::format("{}", options.min_weight)}}));
    }
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    MaterialReader reader(*tx, viewer);
    KC_ASSIGN_OR_RETURN(auto material, reader.Read(cluster_id));

    NetworkReport r;
    r.cluster_id = cluster_id;
    r.cluster_name_ja = material.cluster.name_ja;
    r.cluster_name_en = material.cluster.name_en;
    r.fiscal_year = fiscal_year;
    r.mode = options.mode;
    r.min_weight = options.min_weight;
    KC_ASSIGN_OR_RETURN(r.graph, Snapshot(material, options.mode, fiscal_year, options.min_weight));
    const net::Graph& g = r.graph;
    r.summary = net::Summarize(g);
    net::BetweennessOptions betweenness;
    betweenness.weighting = net::Weighting::kWeighted;
    betweenness.normalized = true;
    auto bc = net::Betweenness(g, betweenness);
    net::LouvainOptions louvain;
    louvain.seed = options.seed;
    KC_ASSIGN_OR_RETURN(r.communities, net::Louvain(g, louvain));
    auto brokerage = net::Brokerage(g, {}, "category");
    for (net::NodeIndex v = 0; v < g.NodeCount(); ++v) {
        const net::Node& n = g.NodeAt(v);
        NetworkNode row;
        row.key = n.key;
        row.label = n.label;
        row.kind = n.kind;
        row.category = n.Attribute("category");
        row.region = n.Attribute("region");
        row.degree = brokerage[v].degree;
        row.strength = brokerage[v].strength;
        row.betweenness = bc[v];
        row.community = r.communities.community[v];
        row.constraint = brokerage[v].constraint;
        row.effective_size = brokerage[v].effective_size;
        row.open_pairs = brokerage[v].open_pairs;
        row.roles = brokerage[v].roles;
        r.nodes.push_back(std::move(row));
    }
    std::vector<size_t> order(r.nodes.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& x = r.nodes[a];
        const auto& y = r.nodes[b];
        if (x.betweenness != y.betweenness) return x.betweenness > y.betweenness;
        return x.strength > y.strength;
    });
    for (size_t i : order) {
        if (r.top_brokers.size() < options.top && r.nodes[i].degree > 0) r.top_brokers.push_back(i);
        if (r.nodes[i].category == "coordinator") r.coordinators.push_back(i);
    }
    for (uint32_t c = 0; c < r.communities.sizes.size(); ++c) {
        NetworkCommunity row;
        row.id = c;
        row.size = r.communities.sizes[c];
        std::vector<size_t> members;
        for (size_t i = 0; i < r.nodes.size(); ++i) {
            if (r.nodes[i].community != c) continue;
            members.push_back(i);
            const auto& category = r.nodes[i].category;
            if (category == "university") {
                ++row.universities;
            } else if (category == "company") {
                ++row.companies;
            } else {
                ++row.others;
            }
        }
        std::stable_sort(members.begin(), members.end(), [&](size_t a, size_t b) {
            return r.nodes[a].strength > r.nodes[b].strength;
        });
        for (size_t k = 0; k < members.size() && k < 3; ++k) {
            row.leading.push_back(r.nodes[members[k]].label);
        }
        r.community_rows.push_back(std::move(row));
    }
    r.region_mix = net::MixByAttribute(g, "region");
    r.category_mix = net::MixByAttribute(g, "category");
    auto regions = CountRegions(r.region_mix);
    r.inside_ties = regions.inside;
    r.crossing_ties = regions.crossing;
    r.outside_ties = regions.outside;
    r.inside_share = Share(regions.inside, r.region_mix.ties);
    r.university_company_ties = r.category_mix.TiesBetween("university", "company");
    r.university_company_share = Share(r.university_company_ties, r.category_mix.ties);

    if (options.growth) {
        std::optional<Date> first = material.first;
        if (material.cluster.started_on && (!first || *material.cluster.started_on < *first)) {
            first = material.cluster.started_on;
        }
        FiscalYear from = first ? FiscalYearOf(*first) : fiscal_year;
        for (FiscalYear fy = from; fy < fiscal_year; fy.year++) {
            KC_ASSIGN_OR_RETURN(auto graph,
                                Snapshot(material, options.mode, fy, options.min_weight));
            KC_ASSIGN_OR_RETURN(auto year, YearOf(graph, fy, options.seed));
            r.growth.push_back(year);
        }
        NetworkYear last;
        last.fiscal_year = fiscal_year;
        last.nodes = r.summary.nodes;
        last.edges = r.summary.edges;
        last.components = r.summary.components;
        last.density = r.summary.density;
        last.average_clustering = r.summary.average_clustering;
        last.largest_component_share = r.summary.largest_component_share;
        last.modularity = r.communities.modularity;
        last.inside_share = r.inside_share;
        last.university_company_ties = r.university_company_ties;
        r.growth.push_back(last);
    }
    return r;
}

std::string ExportNetwork(const NetworkReport& report, NetworkFormat format) {
    net::ExportOptions options;
    options.title = fmt::format("{} — {} network, {}", report.cluster_name_ja,
                                NetworkModeName(report.mode), FormatFiscalYear(report.fiscal_year));
    size_t n = report.nodes.size();
    net::NodeColumn betweenness{"betweenness", std::vector<double>(n)};
    net::NodeColumn community{"community", std::vector<double>(n)};
    net::NodeColumn degree{"degree", std::vector<double>(n)};
    net::NodeColumn strength{"strength", std::vector<double>(n)};
    net::NodeColumn constraint{"constraint", std::vector<double>(n)};
    for (size_t i = 0; i < n; ++i) {
        betweenness.values[i] = report.nodes[i].betweenness;
        community.values[i] = report.nodes[i].community;
        degree.values[i] = static_cast<double>(report.nodes[i].degree);
        strength.values[i] = report.nodes[i].strength;
        constraint.values[i] = report.nodes[i].constraint.value_or(0);
    }
    options.columns = {betweenness, community, degree, strength, constraint};
    return format == NetworkFormat::kGexf ? net::WriteGexf(report.graph, options)
                                          : net::WriteGraphMl(report.graph, options);
}

nlohmann::json ToJson(const NetworkYear& y) {
    return {{"fiscal_year", y.fiscal_year.year},
            {"nodes", y.nodes},
            {"edges", y.edges},
            {"density", y.density},
            {"components", y.components},
            {"largest_component_share", y.largest_component_share},
            {"average_clustering", y.average_clustering},
            {"modularity", y.modularity},
            {"inside_share", Opt(y.inside_share)},
            {"university_company_ties", y.university_company_ties}};
}

nlohmann::json ToJson(const NetworkReport& r) {
    auto node_json = [&](size_t i) {
        const NetworkNode& n = r.nodes[i];
        return nlohmann::json{{"key", n.key},
                              {"label", n.label},
                              {"kind", n.kind},
                              {"category", n.category},
                              {"region", n.region},
                              {"degree", n.degree},
                              {"strength", n.strength},
                              {"betweenness", n.betweenness},
                              {"community", n.community},
                              {"constraint", Opt(n.constraint)},
                              {"effective_size", n.effective_size},
                              {"open_pairs", n.open_pairs},
                              {"roles",
                               {{"coordinator", n.roles.coordinator},
                                {"itinerant", n.roles.itinerant},
                                {"gatekeeper_representative", n.roles.gatekeeper_representative},
                                {"liaison", n.roles.liaison}}}};
    };
    auto mix_json = [](const net::TieMix& mix) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& row : mix.rows) {
            rows.push_back(
                {{"a", row.a}, {"b", row.b}, {"ties", row.ties}, {"weight", row.weight}});
        }
        return rows;
    };
    nlohmann::json out;
    out["cluster_id"] = r.cluster_id;
    out["cluster_name_ja"] = r.cluster_name_ja;
    out["cluster_name_en"] = r.cluster_name_en;
    out["fiscal_year"] = r.fiscal_year.year;
    out["mode"] = NetworkModeName(r.mode);
    out["min_weight"] = r.min_weight;
    out["summary"] = {{"nodes", r.summary.nodes},
                      {"edges", r.summary.edges},
                      {"total_weight", r.summary.total_weight},
                      {"density", r.summary.density},
                      {"mean_degree", r.summary.mean_degree},
                      {"components", r.summary.components},
                      {"component_sizes", r.summary.component_sizes},
                      {"isolated", r.summary.isolated},
                      {"largest_component_share", r.summary.largest_component_share},
                      {"average_clustering", r.summary.average_clustering},
                      {"transitivity", r.summary.transitivity},
                      {"triangles", r.summary.triangles},
                      {"modularity", r.communities.modularity},
                      {"communities", r.communities.sizes.size()}};
    out["ties"] = {{"inside_region", r.inside_ties},
                   {"crossing_region", r.crossing_ties},
                   {"outside_region", r.outside_ties},
                   {"inside_share", Opt(r.inside_share)},
                   {"university_company", r.university_company_ties},
                   {"university_company_share", Opt(r.university_company_share)},
                   {"by_region", mix_json(r.region_mix)},
                   {"by_category", mix_json(r.category_mix)}};
    out["top_brokers"] = nlohmann::json::array();
    for (size_t i : r.top_brokers) out["top_brokers"].push_back(node_json(i));
    out["coordinators"] = nlohmann::json::array();
    for (size_t i : r.coordinators) out["coordinators"].push_back(node_json(i));
    out["communities"] = nlohmann::json::array();
    for (const auto& c : r.community_rows) {
        out["communities"].push_back({{"id", c.id},
                                      {"size", c.size},
                                      {"leading", c.leading},
                                      {"universities", c.universities},
                                      {"companies", c.companies},
                                      {"others", c.others}});
    }
    out["growth"] = nlohmann::json::array();
    for (const auto& y : r.growth) out["growth"].push_back(ToJson(y));
    out["method"] =
        "Ties: organizations — shared projects (lead, partners), co-applied inventions, "
        "coordinator introductions (matches beyond suggested); people — shared projects (leader, "
        "inventors), co-invention, introductions (coordinator, seed owner, need contact); "
        "coordination — organisations' ties plus coordinators' activities (visits, meetings, forum "
        "consultations) and introductions. Snapshot = records dated up to the end of the fiscal "
        "year. Betweenness: Brandes, distance 1/weight, normalised. Communities: Louvain. "
        "Constraint: Burt.";
    return out;
}

}  // namespace kc::app
