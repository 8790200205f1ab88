#include "app/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/svg.h"
#include "core/entities.h"
#include "util/fiscal_year.h"
#include "util/yen.h"

namespace kc::app {
namespace {

namespace sim = engines::sim;

template <class T>
Result<std::vector<T>> ListWhere(store::Transaction& tx, const char* field, core::Value value) {
    store::Filter filter;
    filter.equals.emplace_back(field, std::move(value));
    return tx.List<T>(filter);
}

int ClampCount(int64_t value) { return static_cast<int>(std::clamp<int64_t>(value, 0, 30000)); }

}  // namespace

sim::SimConfig DefaultProgrammeConfig() {
    struct Region {
        const char* name;
        bool trial;
        int coordinators;
    };
    // domain-notes §2.1: the 12 regions of FY2002 and the 6 trial regions; coordinators per HQ
    // where §3.2 observed them (Hamamatsu 7, Fukuoka 4, Sapporo 2, Kansai 3+), else 4.
    static constexpr Region kRegions[] = {
        {"札幌ITカロッツェリア", false, 2},
        {"仙台サイバーフォレストクラスター", false, 4},
        {"長野・上田スマートデバイスクラスター", false, 4},
        {"浜松オプトロニクスクラスター", false, 7},
        {"京都ナノテク事業創成クラスター", false, 4},
        {"けいはんなヒューマン・エルキューブクラスター", false, 4},
        {"大阪北部(彩都)バイオメディカルクラスター", false, 3},
        {"神戸 先端医療・再生医療クラスター", false, 3},
        {"広島バイオクラスター", false, 4},
        {"高松希少糖バイオクラスター", false, 4},
        {"北九州ヒューマンテクノクラスター", false, 4},
        {"福岡システムLSI設計開発クラスター", false, 4},
        {"とやま医薬バイオクラスター", true, 4},
        {"愛知・名古屋ナノテクものづくりクラスター", true, 4},
        {"徳島健康・医療クラスター", true, 4},
        {"岐阜・大垣ロボティック先端医療クラスター", true, 4},
        {"石川ハイテク・センシング・クラスター", true, 4},
        {"やまぐち・うべ・メディカル・イノベーション・クラスター", true, 4},
    };
    sim::SimConfig config;
    config.start_fy = 2002;
    config.months = 60;
    config.funded_years = 5;
    config.trial_months = 12;
    config.promote_per_year = 3;
    config.promotion_rule = sim::PromotionRule::kMerit;
    for (const auto& region : kRegions) {
        sim::ClusterSpec cluster;
        cluster.name = region.name;
        cluster.kind = region.trial ? sim::ClusterKind::kTrial : sim::ClusterKind::kFull;
        cluster.coordinators = region.coordinators;
        cluster.budget_per_year = 500'000'000;
        cluster.trial_budget_per_year = 100'000'000;
        config.clusters.push_back(std::move(cluster));
    }
    return config;
}

Result<StoreCluster> ClusterFromStore(store::Store& store, core::Id cluster_id, Date on,
                                      const sim::ClusterSpec& defaults) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    auto cluster = tx->Get<core::Cluster>(cluster_id);
    if (!cluster) {
        if (cluster.error().code == ErrorCode::kNotFound) {
            return Fail(Error::NotFound(fmt::format("cluster {} does not exist", cluster_id)));
        }
        return Fail(cluster.error());
    }
    StoreCluster out;
    out.cluster_id = cluster_id;
    out.spec = defaults;
    out.spec.name = cluster->name_ja.empty() ? cluster->name_en : cluster->name_ja;

    // The cluster's regions and their prefectures decide inside vs outside.
    std::set<core::Id> regions;
    std::set<std::string> prefectures;
    KC_ASSIGN_OR_RETURN(auto links, ListWhere<core::ClusterRegion>(*tx, "cluster_id", cluster_id));
    for (const auto& link : links) {
        regions.insert(link.region_id);
        auto region = tx->Get<core::Region>(link.region_id);
        if (region && !region->prefecture.empty()) prefectures.insert(region->prefecture);
    }

    // Researchers and seeds.
    KC_ASSIGN_OR_RETURN(auto seeds, ListWhere<core::Seed>(*tx, "cluster_id", cluster_id));
    out.seeds = static_cast<int64_t>(seeds.size());
    std::set<core::Id> seed_orgs, people;
    for (const auto& seed : seeds) {
        seed_orgs.insert(seed.organization_id);
        if (seed.owner_id) people.insert(*seed.owner_id);
    }
    for (core::Id org : seed_orgs) {
        KC_ASSIGN_OR_RETURN(auto staff, ListWhere<core::Person>(*tx, "organization_id", org));
        for (const auto& person : staff) people.insert(person.id);
    }
    out.researchers = static_cast<int64_t>(people.size());
    if (out.seeds > 0) {
        out.researchers = std::max<int64_t>(out.researchers, 1);
        out.spec.researchers = ClampCount(out.researchers);
        out.spec.initial_seeds =
            static_cast<double>(out.seeds) / static_cast<double>(out.spec.researchers);
    } else {
        out.notes.push_back(fmt::format("no seeds: {} researchers with {} seeds each assumed",
                                        defaults.researchers, defaults.initial_seeds));
    }

    // Companies: needs and project partners.
    std::set<core::Id> firms;
    KC_ASSIGN_OR_RETURN(auto needs, ListWhere<core::Need>(*tx, "cluster_id", cluster_id));
    std::set<core::Id> need_ids;
    for (const auto& need : needs) {
        firms.insert(need.organization_id);
        need_ids.insert(need.id);
    }
    KC_ASSIGN_OR_RETURN(auto projects, ListWhere<core::Project>(*tx, "cluster_id", cluster_id));
    for (const auto& project : projects) {
        KC_ASSIGN_OR_RETURN(auto partners,
                            ListWhere<core::ProjectPartner>(*tx, "project_id", project.id));
        for (const auto& partner : partners) {
            firms.insert(partner.organization_id);
            if (partner.role != "lead") ++out.ties;
        }
    }
    int64_t smes_inside = 0;
    for (core::Id id : firms) {
        KC_ASSIGN_OR_RETURN(auto org, tx->Get<core::Organization>(id));
        if (org.kind != "company") continue;
        bool inside =
            org.region_id ? regions.contains(*org.region_id) : prefectures.contains(org.prefecture);
        if (inside) {
            ++out.companies_inside;
            if (org.sme) ++smes_inside;
        } else {
            ++out.companies_outside;
        }
    }
    const int64_t companies = out.companies_inside + out.companies_outside;
    if (companies > 0) {
        out.spec.companies = ClampCount(companies);
        out.spec.outside_firm_share =
            static_cast<double>(out.companies_outside) / static_cast<double>(companies);
        if (out.companies_inside > 0) {
            out.spec.sme_share =
                static_cast<double>(smes_inside) / static_cast<double>(out.companies_inside);
        }
    } else {
        out.notes.push_back(
            fmt::format("no companies with needs or projects: {} assumed", defaults.companies));
    }

    // Ties: matches of the cluster's seeds that were not declined.
    for (const auto& seed : seeds) {
        KC_ASSIGN_OR_RETURN(auto matches, ListWhere<core::Match>(*tx, "seed_id", seed.id));
        for (const auto& match : matches) {
            if (match.status != "declined") ++out.ties;
        }
    }
    out.spec.initial_ties = static_cast<int>(std::min<int64_t>(out.ties, 1'000'000));

    // Coordinators holding a post on `on`.
    KC_ASSIGN_OR_RETURN(auto posts, ListWhere<core::Position>(*tx, "cluster_id", cluster_id));
    for (const auto& post : posts) {
        bool coordinator = post.role == "coordinator" ||
                           post.role == "commercialization_coordinator" ||
                           post.role == "assistant_coordinator";
        bool held = post.from_date <= on && (!post.to_date || on <= *post.to_date);
        if (coordinator && held) ++out.coordinators;
    }
    out.spec.coordinators = static_cast<int>(std::min<int64_t>(out.coordinators, 1000));
    if (out.coordinators == 0) out.notes.push_back("no coordinator posts held on the date");

    // Budget: the grants of the latest fiscal year up to `on`'s.
    const int fy_on = FiscalYearOf(on).year;
    std::map<int, int64_t> by_year;
    KC_ASSIGN_OR_RETURN(auto grants, ListWhere<core::Grant>(*tx, "cluster_id", cluster_id));
    for (const auto& grant : grants) {
        if (grant.fiscal_year.year <= fy_on) by_year[grant.fiscal_year.year] += grant.amount.value;
    }
    const bool trial = cluster->status == "trial";
    out.spec.kind = trial ? sim::ClusterKind::kTrial : sim::ClusterKind::kFull;
    if (!by_year.empty()) {
        out.budget_fy = by_year.rbegin()->first;
        (trial ? out.spec.trial_budget_per_year : out.spec.budget_per_year) =
            by_year.rbegin()->second;
    } else {
        out.notes.push_back(fmt::format(
            "no grants up to {}: budget {} a year assumed", FormatFiscalYear(FiscalYear{fy_on}),
            FormatYen(Yen{trial ? defaults.trial_budget_per_year : defaults.budget_per_year})));
    }
    if (cluster->status == "ended") {
        out.notes.push_back("the cluster has ended; simulated as if funded again");
    }
    return out;
}

Result<sim::SimConfig> ConfigFromStore(store::Store& store, std::span<const core::Id> cluster_ids,
                                       Date on, const sim::SimConfig& base) {
    sim::SimConfig config = base;
    config.start_fy = FiscalYearOf(on).year;
    config.clusters.clear();
    const sim::ClusterSpec defaults =
        base.clusters.empty() ? sim::ClusterSpec{} : base.clusters.front();
    for (core::Id id : cluster_ids) {
        KC_ASSIGN_OR_RETURN(StoreCluster cluster, ClusterFromStore(store, id, on, defaults));
        config.clusters.push_back(std::move(cluster.spec));
    }
    KC_RETURN_IF_ERROR(sim::Validate(config));
    return config;
}

Result<sim::SimResult> RunScenario(const sim::SimConfig& config, int runs, uint64_t seed,
                                   const std::function<bool(double)>& progress, int threads) {
    sim::SimOptions options;
    options.threads = threads;
    if (progress) {
        options.progress = [&progress](int64_t done, int64_t total) {
            return progress(total > 0 ? static_cast<double>(done) / static_cast<double>(total)
                                      : 1.0);
        };
    }
    KC_ASSIGN_OR_RETURN(sim::SimOutput output, sim::Simulate(config, runs, seed, options));
    return std::move(output.result);
}

namespace {

std::string Number(double value) {
    if (value == 0) return "0";  // no "-0"
    return fmt::format("{}", value);
}

void AppendRows(std::string& out, std::string_view prefix, const sim::SimResult& result) {
    for (int fy = 0; fy < result.fiscal_years; ++fy) {
        for (int k = 0; k < sim::kKpiCount; ++k) {
            const auto kpi = static_cast<sim::Kpi>(k);
            const auto& band = result.Band(kpi, fy);
            out +=
                fmt::format("{}{},{},{},{},{}\n", prefix, result.start_fy + fy, sim::KpiName(kpi),
                            Number(band.mean), Number(band.p05), Number(band.p95));
        }
    }
    for (int k = 0; k < sim::kKpiCount; ++k) {
        const auto kpi = static_cast<sim::Kpi>(k);
        const auto& band = result.Total(kpi);
        out += fmt::format("{}total,{},{},{},{}\n", prefix, sim::KpiName(kpi), Number(band.mean),
                           Number(band.p05), Number(band.p95));
    }
}

nlohmann::json BandJson(const sim::KpiBand& band) {
    return {{"mean", band.mean}, {"p05", band.p05}, {"p95", band.p95}};
}

}  // namespace

std::string SimResultCsv(const sim::SimResult& result) {
    std::string out = "fiscal_year,kpi,mean,p05,p95\n";
    AppendRows(out, "", result);
    return out;
}

std::string SweepCsv(std::string_view lever, std::span<const sim::SweepPoint> points) {
    std::string out = "lever,value,fiscal_year,kpi,mean,p05,p95\n";
    for (const auto& point : points) {
        AppendRows(out, fmt::format("{},{},", lever, Number(point.value)), point.result);
    }
    return out;
}

nlohmann::json ToJson(const sim::SimResult& result) {
    nlohmann::json kpis = nlohmann::json::object();
    for (int k = 0; k < sim::kKpiCount; ++k) {
        const auto kpi = static_cast<sim::Kpi>(k);
        nlohmann::json years = nlohmann::json::array();
        for (int fy = 0; fy < result.fiscal_years; ++fy) {
            nlohmann::json row = BandJson(result.Band(kpi, fy));
            row["fiscal_year"] = result.start_fy + fy;
            years.push_back(std::move(row));
        }
        kpis[std::string(sim::KpiName(kpi))] = {{"by_fiscal_year", std::move(years)},
                                                {"total", BandJson(result.Total(kpi))},
                                                {"stock", sim::KpiIsStock(kpi)}};
    }
    return {{"runs", result.runs},
            {"seed", result.seed},
            {"start_fy", result.start_fy},
            {"fiscal_years", result.fiscal_years},
            {"agent_steps", result.agent_steps},
            {"kpis", std::move(kpis)}};
}

nlohmann::json SweepToJson(std::string_view lever, std::span<const sim::SweepPoint> points) {
    nlohmann::json out = {{"lever", lever}, {"points", nlohmann::json::array()}};
    for (const auto& point : points) {
        out["points"].push_back({{"value", point.value}, {"result", ToJson(point.result)}});
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// SVG

namespace {

constexpr double kPanelWidth = 300, kPanelHeight = 170, kColumns = 2;
constexpr double kPlotLeft = 56, kPlotRight = 12, kPlotTop = 26, kPlotBottom = 26;
constexpr const char* kFont = "'Hiragino Sans','Noto Sans CJK JP','Yu Gothic',Meiryo,sans-serif";
constexpr const char* kColours[] = {"#1f6fb2", "#e76f51"};

std::string Coord(double value) {
    double rounded = std::round(value * 10) / 10;
    if (rounded == 0) rounded = 0;
    std::string text = fmt::format("{:.1f}", rounded);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text;
}

// 1.2k, 3.4M, ¥1.2bn style tick labels.
std::string Short(double value, bool yen) {
    const char* prefix = yen ? "¥" : "";
    double a = std::fabs(value);
    if (a >= 1e9) return fmt::format("{}{:.1f}bn", prefix, value / 1e9);
    if (a >= 1e6) return fmt::format("{}{:.1f}M", prefix, value / 1e6);
    if (a >= 1e4) return fmt::format("{}{:.0f}k", prefix, value / 1e3);
    if (a >= 100 || value == std::floor(value)) return fmt::format("{}{:.0f}", prefix, value);
    return fmt::format("{}{:.1f}", prefix, value);
}

const char* KpiTitle(sim::Kpi kpi) {
    switch (kpi) {
        case sim::Kpi::kIntroductions:
            return "Introductions 紹介";
        case sim::Kpi::kFeasibilityTests:
            return "Feasibility tests 可能性試験";
        case sim::Kpi::kJointResearch:
            return "Joint research 共同研究";
        case sim::Kpi::kPatentApplications:
            return "Patent applications 特許出願";
        case sim::Kpi::kCommercialisations:
            return "Commercialisations 事業化";
        case sim::Kpi::kNewSeeds:
            return "New seeds 新シーズ";
        case sim::Kpi::kTies:
            return "Ties (end of FY) 連携";
        case sim::Kpi::kParticipatingFirms:
            return "Participating firms 参加企業";
        case sim::Kpi::kOutsideFirmsAttracted:
            return "Outside firms attracted 域外企業";
        case sim::Kpi::kSpend:
            return "Spend 執行額";
    }
    return "";
}

}  // namespace

std::string RenderSimSvg(const sim::SimResult& result, std::string_view label,
                         const sim::SimResult* compare, std::string_view compare_label) {
    std::vector<const sim::SimResult*> series = {&result};
    std::vector<std::string> labels = {std::string(label)};
    if (compare != nullptr) {
        series.push_back(compare);
        labels.push_back(std::string(compare_label));
    }
    int first_fy = result.start_fy, last_fy = result.start_fy + result.fiscal_years - 1;
    for (const auto* s : series) {
        first_fy = std::min(first_fy, s->start_fy);
        last_fy = std::max(last_fy, s->start_fy + s->fiscal_years - 1);
    }
    const int rows = (sim::kKpiCount + 1) / 2;
    const double legend = 24;
    const double width = kPanelWidth * kColumns;
    const double height = legend + kPanelHeight * rows;
    std::string description = fmt::format(
        "Mean and 5–95% band per fiscal year over {} runs (seed {}) of {} KPIs, FY{}–FY{}",
        result.runs, result.seed, sim::kKpiCount, first_fy, last_fy);
    if (compare != nullptr) {
        description += fmt::format("; compared with {} ({} runs)", svg::EscapeXml(compare_label),
                                   compare->runs);
    }
    std::string out = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
        "height=\"{}\" role=\"img\" aria-labelledby=\"sim-title sim-desc\" font-family=\"{}\" "
        "font-size=\"11\">\n<title id=\"sim-title\">{}</title>\n<desc id=\"sim-desc\">{}</desc>\n"
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        Coord(width), Coord(height), Coord(width), Coord(height), kFont,
        svg::EscapeXml(fmt::format("Simulated KPIs: {}", label)), svg::EscapeXml(description));
    // Legend.
    double x = 10;
    for (size_t s = 0; s < series.size(); ++s) {
        std::string name = (series.size() > 1 ? std::string(s == 0 ? "A: " : "B: ") : "") +
                           labels[s] + " (mean, 90% band)";
        out += fmt::format(
            "<rect x=\"{}\" y=\"7\" width=\"14\" height=\"10\" fill=\"{}\" fill-opacity=\"0.25\" "
            "stroke=\"{}\"/><text x=\"{}\" y=\"16\">{}</text>\n",
            Coord(x), kColours[s], kColours[s], Coord(x + 18), svg::EscapeXml(name));
        x += 28 + svg::TextWidth(name, 11);
    }
    const int years = last_fy - first_fy + 1;
    for (int k = 0; k < sim::kKpiCount; ++k) {
        const auto kpi = static_cast<sim::Kpi>(k);
        const double px = (k % 2) * kPanelWidth;
        const double py = legend + (k / 2) * kPanelHeight;
        const double left = px + kPlotLeft, right = px + kPanelWidth - kPlotRight;
        const double top = py + kPlotTop, bottom = py + kPanelHeight - kPlotBottom;
        double max_value = 0;
        for (const auto* s : series) {
            for (int fy = 0; fy < s->fiscal_years; ++fy) {
                max_value = std::max(max_value, s->Band(kpi, fy).p95);
            }
        }
        if (max_value <= 0) max_value = 1;
        auto sx = [&](int fy_year) {
            return years <= 1 ? (left + right) / 2
                              : left + (right - left) * (fy_year - first_fy) / (years - 1);
        };
        auto sy = [&](double v) { return bottom - (bottom - top) * std::max(0.0, v) / max_value; };
        const bool yen = kpi == sim::Kpi::kSpend;
        out += fmt::format("<g class=\"panel\" data-kpi=\"{}\">\n", sim::KpiName(kpi));
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n",
                           Coord(px + 8), Coord(py + 16), svg::EscapeXml(KpiTitle(kpi)));
        // Axes, a zero line and the maximum.
        out += fmt::format(
            "<path d=\"M{} {}V{}H{}\" fill=\"none\" stroke=\"#9aa5b1\"/>\n"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n"
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n",
            Coord(left), Coord(top), Coord(bottom), Coord(right), Coord(left - 4), Coord(top + 4),
            svg::EscapeXml(Short(max_value, yen)), Coord(left - 4), Coord(bottom + 4));
        for (int year = first_fy; year <= last_fy; ++year) {
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                               Coord(sx(year)), Coord(bottom + 14), year);
        }
        for (size_t s = 0; s < series.size(); ++s) {
            const auto& r = *series[s];
            if (r.fiscal_years == 0) continue;
            std::string band = "M";
            for (int fy = 0; fy < r.fiscal_years; ++fy) {
                band += fmt::format("{}{} {}", fy == 0 ? "" : "L", Coord(sx(r.start_fy + fy)),
                                    Coord(sy(r.Band(kpi, fy).p95)));
            }
            for (int fy = r.fiscal_years - 1; fy >= 0; --fy) {
                band += fmt::format("L{} {}", Coord(sx(r.start_fy + fy)),
                                    Coord(sy(r.Band(kpi, fy).p05)));
            }
            out += fmt::format(
                "<path class=\"band\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.2\" "
                "stroke=\"none\"/>\n",
                band, kColours[s]);
            std::string line;
            for (int fy = 0; fy < r.fiscal_years; ++fy) {
                line += fmt::format("{}{} {}", fy == 0 ? "M" : "L", Coord(sx(r.start_fy + fy)),
                                    Coord(sy(r.Band(kpi, fy).mean)));
            }
            out += fmt::format(
                "<path class=\"mean\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                line, kColours[s]);
            for (int fy = 0; fy < r.fiscal_years; ++fy) {
                const auto& b = r.Band(kpi, fy);
                out += fmt::format(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"{}\"><title>{}FY{}: mean {}, "
                    "90% band {}–{}</title></circle>\n",
                    Coord(sx(r.start_fy + fy)), Coord(sy(b.mean)), kColours[s],
                    series.size() > 1 ? (s == 0 ? "A " : "B ") : "", r.start_fy + fy,
                    svg::EscapeXml(Short(b.mean, yen)), svg::EscapeXml(Short(b.p05, yen)),
                    svg::EscapeXml(Short(b.p95, yen)));
            }
        }
        out += "</g>\n";
    }
    out += "</svg>\n";
    return out;
}

}  // namespace kc::app
