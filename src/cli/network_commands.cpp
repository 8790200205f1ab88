#include "cli/network_commands.h"

#include <fmt/format.h>

#include <memory>
#include <set>

#include "app/hq.h"
#include "app/network.h"
#include "app/records.h"
#include "cli/table.h"
#include "util/fiscal_year.h"
#include "util/text.h"

namespace kc::cli {
namespace {

struct NetworkArgs {
    std::string cluster, fiscal_year, mode = "organizations", min_weight = "1", top = "10";
    std::string role, person, format, out;
};

constexpr const char* kModeHelp =
    "organizations (default): organisations tied by shared projects, co-applied inventions and "
    "coordinator introductions; people: people tied by projects, co-invention and introductions; "
    "coordination: organisations and coordinators, with the coordinators' visits, meetings and "
    "forum consultations";

std::string Percent(const std::optional<double>& share) {
    return share ? fmt::format("{:.0f}%", *share * 100) : "-";
}

std::string Fy(const Globals& g, FiscalYear fy) {
    return Ja(g) ? FormatFiscalYearJapanese(fy) : FormatFiscalYear(fy);
}

// Parses the shared options, opens the store and builds the network for the viewer.
Result<app::NetworkReport> Build(const Globals& g, const NetworkArgs& a, bool growth) {
    KC_ASSIGN_OR_RETURN(auto fy, FiscalYearOption(a.fiscal_year, "--fy"));
    app::NetworkOptions options;
    options.growth = growth;
    auto mode = app::ParseNetworkMode(a.mode);
    if (!mode) {
        return std::unexpected(Error::Fields(
            "invalid option", {{"--mode", "organizations, people or coordination", a.mode}}));
    }
    options.mode = *mode;
    auto weight = ParseDouble(a.min_weight);
    if (!weight || *weight < 0) {
        return std::unexpected(
            Error::Fields("invalid option", {{"--min-weight", "a number >= 0", a.min_weight}}));
    }
    options.min_weight = *weight;
    auto top = ParseInt(a.top);
    if (!top || *top < 1 || *top > 1000) {
        return std::unexpected(
            Error::Fields("invalid option", {{"--top", "a whole number 1..1000", a.top}}));
    }
    options.top = static_cast<size_t>(*top);
    KC_ASSIGN_OR_RETURN(auto store, Open(g));
    auto cluster = app::ResolveReference(*store, "cluster", a.cluster);
    if (!cluster) {
        Error error = cluster.error();
        error.message = "--cluster: " + error.message;
        return std::unexpected(error);
    }
    // The terminal is an administrator's tool; --role/--as shows what someone else would see.
    std::set<core::Role> roles = {core::Role::kAdmin};
    if (!a.role.empty()) {
        auto role = core::ParseRole(a.role);
        if (!role) {
            return std::unexpected(
                Error::Fields("invalid option", {{"--role", role.error().message, a.role}}));
        }
        roles = {*role};
    }
    std::optional<core::Id> person;
    if (!a.person.empty()) {
        auto id = app::ResolveReference(*store, "person", a.person);
        if (!id) {
            Error error = id.error();
            error.message = "--as: " + error.message;
            return std::unexpected(error);
        }
        person = *id;
    }
    KC_ASSIGN_OR_RETURN(auto viewer, app::ViewerOf(*store, roles, person, FiscalYearEnd(fy)));
    return app::ClusterNetwork(*store, viewer, *cluster, fy, options);
}

std::string Number(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

void PrintBrokers(const Globals& g, const app::NetworkReport& r, const std::vector<size_t>& rows,
                  const std::string& title) {
    WriteOut("\n" + title + "\n");
    Table table(
        {T(g, "Node", "ノード"), T(g, "Category", "区分"), T(g, "Region", "地域"),
         T(g, "Ties", "紐帯"), T(g, "Betweenness", "媒介中心性"), T(g, "Constraint", "制約度"),
         T(g, "Eff. size", "実効規模"), T(g, "Open pairs", "仲介対"), T(g, "Liaison", "リエゾン")},
        {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight,
         Align::kRight, Align::kRight, Align::kRight});
    for (size_t i : rows) {
        const auto& n = r.nodes[i];
        table.AddRow({n.label, n.category, n.region, std::to_string(n.degree),
                      Number(n.betweenness, 3), n.constraint ? Number(*n.constraint, 3) : "-",
                      Number(n.effective_size, 1), std::to_string(n.open_pairs),
                      std::to_string(n.roles.liaison)});
    }
    WriteOut(table.Render());
}

int RunMetrics(const Globals& g, const NetworkArgs& a) {
    auto report = Build(g, a, true);
    if (!report) return Report(g, report.error());
    const auto& r = *report;
    if (g.json) {
        WriteOut(app::ToJson(r).dump(2) + "\n");
        return 0;
    }
    const auto& s = r.summary;
    std::string out =
        fmt::format("{} — {} ({}, {} {})\n", r.cluster_name_ja,
                    T(g, "collaboration network", "連携ネットワーク"), app::NetworkModeName(r.mode),
                    Fy(g, r.fiscal_year), T(g, "cumulative", "累計"));
    out += fmt::format("{}: {}   {}: {}   {}: {:.3f}   {}: {:.2f}\n", T(g, "Nodes", "ノード"),
                       s.nodes, T(g, "Ties", "紐帯"), s.edges, T(g, "Density", "密度"), s.density,
                       T(g, "Mean degree", "平均次数"), s.mean_degree);
    std::string sizes;
    for (size_t i = 0; i < s.component_sizes.size() && i < 5; ++i) {
        sizes += (i ? ", " : "") + std::to_string(s.component_sizes[i]);
    }
    if (s.component_sizes.size() > 5) sizes += ", …";
    out += fmt::format("{}: {} ({})   {}: {}   {}: {:.0f}%\n", T(g, "Components", "連結成分"),
                       s.components, sizes, T(g, "Isolated", "孤立"), s.isolated,
                       T(g, "Largest component", "最大成分"), s.largest_component_share * 100);
    out += fmt::format("{}: {:.3f}   {}: {:.3f}   {}: {:.3f} ({} {})\n",
                       T(g, "Clustering", "クラスタ係数"), s.average_clustering,
                       T(g, "Transitivity", "推移性"), s.transitivity,
                       T(g, "Modularity", "モジュラリティ"), r.communities.modularity,
                       r.communities.sizes.size(), T(g, "communities", "コミュニティ"));
    out += fmt::format("{}: {} {} ({}), {} {}, {} {}   {}: {} ({})\n",
                       T(g, "Ties by region", "地域別の紐帯"), T(g, "inside", "域内"),
                       r.inside_ties, Percent(r.inside_share), T(g, "crossing", "域内外"),
                       r.crossing_ties, T(g, "outside", "域外"), r.outside_ties,
                       T(g, "University–company ties", "産学の紐帯"), r.university_company_ties,
                       Percent(r.university_company_share));
    WriteOut(out);

    PrintBrokers(g, r, r.top_brokers, T(g, "Top brokers (by betweenness)", "媒介中心性の上位"));
    if (!r.coordinators.empty()) {
        PrintBrokers(g, r, r.coordinators,
                     T(g, "Coordinators (brokerage)", "コーディネータの仲介"));
    }

    WriteOut("\n" + T(g, "Communities (Louvain)", "コミュニティ(Louvain法)") + "\n");
    Table communities(
        {"#", T(g, "Size", "規模"), T(g, "Universities", "大学"), T(g, "Companies", "企業"),
         T(g, "Others", "その他"), T(g, "Strongest members", "中心メンバー")},
        {Align::kRight, Align::kRight, Align::kRight, Align::kRight, Align::kRight, Align::kLeft});
    for (size_t i = 0; i < r.community_rows.size() && i < 10; ++i) {
        const auto& c = r.community_rows[i];
        std::string leading;
        for (size_t k = 0; k < c.leading.size(); ++k) leading += (k ? ", " : "") + c.leading[k];
        communities.AddRow({std::to_string(c.id + 1), std::to_string(c.size),
                            std::to_string(c.universities), std::to_string(c.companies),
                            std::to_string(c.others), leading});
    }
    communities.SetMaxWidths({0, 0, 0, 0, 0, 60});
    WriteOut(communities.Render());

    WriteOut("\n" + T(g, "Growth by fiscal year (cumulative)", "年度別の成長(累計)") + "\n");
    Table growth({T(g, "FY", "年度"), T(g, "Nodes", "ノード"), T(g, "Ties", "紐帯"),
                  T(g, "Density", "密度"), T(g, "Components", "成分"), T(g, "Largest", "最大成分"),
                  T(g, "Clustering", "クラスタ係数"), T(g, "Modularity", "モジュラリティ"),
                  T(g, "Inside", "域内"), T(g, "Univ–company", "産学")},
                 {Align::kLeft, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
                  Align::kRight, Align::kRight, Align::kRight, Align::kRight, Align::kRight});
    for (const auto& y : r.growth) {
        growth.AddRow({Fy(g, y.fiscal_year), std::to_string(y.nodes), std::to_string(y.edges),
                       Number(y.density, 3), std::to_string(y.components),
                       fmt::format("{:.0f}%", y.largest_component_share * 100),
                       Number(y.average_clustering, 3), Number(y.modularity, 3),
                       Percent(y.inside_share), std::to_string(y.university_company_ties)});
    }
    WriteOut(growth.Render());
    return 0;
}

int RunExport(const Globals& g, const NetworkArgs& a) {
    std::string format = a.format;
    if (format.empty()) {
        if (a.out.ends_with(".gexf")) format = "gexf";
        if (a.out.ends_with(".graphml")) format = "graphml";
    }
    auto parsed = app::ParseNetworkFormat(format);
    if (!parsed) {
        return Report(g,
                      Error::Fields("invalid option", {{"--format",
                                                        "graphml or gexf (or an --out file ending "
                                                        "in .graphml or .gexf)",
                                                        format}}));
    }
    auto report = Build(g, a, false);
    if (!report) return Report(g, report.error());
    std::string content = app::ExportNetwork(*report, *parsed);
    if (a.out.empty() || a.out == "-") {
        WriteOut(content);
        return 0;
    }
    if (auto written = WriteFile(a.out, content); !written) return Report(g, written.error());
    std::string note = T(g,
                         fmt::format("wrote {} ({}, {} nodes, {} ties)", a.out, format,
                                     report->summary.nodes, report->summary.edges),
                         fmt::format("{} を書き出しました({}、ノード {}、紐帯 {})", a.out, format,
                                     report->summary.nodes, report->summary.edges));
    if (g.json) {
        nlohmann::json done = {{"out", a.out},
                               {"format", format},
                               {"nodes", report->summary.nodes},
                               {"edges", report->summary.edges}};
        WriteOut(done.dump() + "\n");
    } else {
        std::fprintf(stderr, "%s\n", note.c_str());
    }
    return 0;
}

void AddCommon(CLI::App* cmd, NetworkArgs& a) {
    cmd->add_option("--cluster", a.cluster, "Cluster (id or name)")->required();
    cmd->add_option("--fy", a.fiscal_year,
                    "Fiscal year: the snapshot holds records up to its end (31 March); 2003, "
                    "FY2003, 平成15年度 or H15")
        ->required();
    cmd->add_option("--mode", a.mode, kModeHelp);
    cmd->add_option("--min-weight", a.min_weight,
                    "Drop ties lighter than this (default 1: every tie; 2: at least two shared "
                    "projects, inventions or introductions)");
    cmd->add_option("--role", a.role, "View as this role (e.g. company, coordinator)");
    cmd->add_option("--as", a.person, "View as this person (id or name)");
}

}  // namespace

void RegisterNetworkCommands(CLI::App& app, Globals& g, int& status) {
    auto* network = app.add_subcommand(
        "network",
        "Collaboration networks of a cluster built from its records (projects, inventions, "
        "introductions, coordinator activities): metrics and exports for Gephi.");
    network->require_subcommand(1);

    auto metrics_args = std::make_shared<NetworkArgs>();
    auto* metrics = network->add_subcommand(
        "metrics",
        "Size, density, components, clustering, Louvain communities, brokers by betweenness "
        "(Brandes, weighted) and Burt's constraint, the coordinators' brokerage, ties inside vs "
        "crossing the region, university–company ties, and growth by fiscal year. Unpublished "
        "inventions and private needs appear only for viewers who may see them (--role/--as).\n"
        "Example: kcluster network metrics --cluster 浜松オプトロニクスクラスター --fy 2005 "
        "--mode coordination");
    AddCommon(metrics, *metrics_args);
    metrics->add_option("--top", metrics_args->top, "Rows of the top-broker table (default 10)");
    metrics->callback([&g, &status, metrics_args] { status = RunMetrics(g, *metrics_args); });

    auto export_args = std::make_shared<NetworkArgs>();
    auto* exporter = network->add_subcommand(
        "export",
        "Write the network as GraphML or GEXF (open it in Gephi, Cytoscape or NetworkX): node "
        "labels, kinds, category, region and metrics (betweenness, community, degree, strength, "
        "constraint), tie weights; GEXF carries the fiscal year each node and tie appeared, for "
        "Gephi's timeline.\nExample: kcluster network export --cluster 1 --fy 2006 --format gexf "
        "--out cluster1-2006.gexf");
    AddCommon(exporter, *export_args);
    exporter->add_option("--format", export_args->format,
                         "graphml or gexf (default: from the --out extension)");
    exporter->add_option("--out", export_args->out, "Output file (default: stdout)");
    exporter->callback([&g, &status, export_args] { status = RunExport(g, *export_args); });
}

}  // namespace kc::cli
