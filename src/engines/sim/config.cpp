// Validation, levers, sweeps and the TOML form of the simulator's configuration (sim.h). Every
// numeric field is described once (key, member, range, meaning) in the tables below; Validate,
// the TOML reader and the TOML writer all work from them. toml++ is included here only; the
// parse_error it throws is caught here and turned into an Error.

#include <fmt/format.h>
#include <toml++/toml.h>

#include <array>
#include <cmath>
#include <map>
#include <variant>

#include "engines/sim/sim.h"
#include "util/text.h"
#include "util/yen.h"

namespace kc::engines::sim {
namespace {

enum class Unit { kCount, kNumber, kYen };

template <class S>
struct Field {
    std::string_view key;
    std::variant<int S::*, double S::*, int64_t S::*> member;
    double min = 0, max = 0;
    std::string_view meaning;
    Unit unit = Unit::kCount;
};

constexpr double kMaxYen = 1e13;           // ¥10 trillion: far above any programme
constexpr int64_t kMaxPairs = 40'000'000;  // researcher–firm pairs per config: ~200 MB a worker

const std::vector<Field<SimConfig>>& ProgrammeFields() {
    static const std::vector<Field<SimConfig>> fields = {
        {"start_fy", &SimConfig::start_fy, 1950, 2100, "fiscal year of month 0 (April)"},
        {"months", &SimConfig::months, 1, 600, "horizon in months"},
        {"funded_years", &SimConfig::funded_years, 0, 50,
         "years a full cluster is funded from its start or promotion"},
        {"forum_interval_months", &SimConfig::forum_interval_months, 0, 120,
         "months between forums; 0 = no forums"},
        {"trial_months", &SimConfig::trial_months, 0, 600,
         "months before the first promotion decision (decisions fall on April)"},
        {"promote_per_year", &SimConfig::promote_per_year, 0, 1000,
         "trial clusters promoted to full at each yearly decision"},
        {"match_threshold", &SimConfig::match_threshold, 0, 1,
         "minimum match score (topical fit) for a coordinator's introduction", Unit::kNumber},
    };
    return fields;
}

const std::vector<Field<ModelParams>>& ModelFields() {
    using M = ModelParams;
    static const std::vector<Field<M>> fields = {
        {"scans_per_coordinator", &M::scans_per_coordinator, 0, 1000,
         "company scans a coordinator can do in a month", Unit::kNumber},
        {"followup_load", &M::followup_load, 0, 1000,
         "scans' worth of time each open introduction or feasibility test takes a month",
         Unit::kNumber},
        {"candidates_per_scan", &M::candidates_per_scan, 1, 10000,
         "researchers a coordinator looks at per scan"},
        {"own_seed_rate", &M::own_seed_rate, 0, 1, "a researcher's own new seeds per month",
         Unit::kNumber},
        {"seed_obsolescence", &M::seed_obsolescence, 0, 1,
         "chance per seed per month of going stale", Unit::kNumber},
        {"max_seeds", &M::max_seeds, 1, 1000, "seeds one researcher can hold"},
        {"need_drift", &M::need_drift, 0, 1, "chance per month that a firm's need moves",
         Unit::kNumber},
        {"feasibility_prob", &M::feasibility_prob, 0, 1,
         "introduction -> feasibility test, times fit x absorptive capacity", Unit::kNumber},
        {"feasibility_months", &M::feasibility_months, 1, 120, "length of a feasibility test"},
        {"feasibility_cost", &M::feasibility_cost, 0, kMaxYen, "cost of a feasibility test",
         Unit::kYen},
        {"feasibility_invention_prob", &M::feasibility_invention_prob, 0, 1,
         "a feasibility test yields an invention", Unit::kNumber},
        {"joint_research_prob", &M::joint_research_prob, 0, 1,
         "feasibility test -> joint research, times fit x trust (funding permitting)",
         Unit::kNumber},
        {"project_months", &M::project_months, 1, 240, "length of a joint research project"},
        {"min_project_months", &M::min_project_months, 1, 240,
         "shortest project: one started late is cut to the funding end, never below this"},
        {"project_cost_per_year", &M::project_cost_per_year, 0, kMaxYen,
         "cost of a project per year, paid monthly", Unit::kYen},
        {"invention_rate", &M::invention_rate, 0, 100, "inventions per project-month",
         Unit::kNumber},
        {"filing_prob", &M::filing_prob, 0, 1, "an invention is filed as a patent application",
         Unit::kNumber},
        {"commercialisation_prob", &M::commercialisation_prob, 0, 1,
         "an invention is commercialised, times absorptive capacity (x SME factor)", Unit::kNumber},
        {"sme_commercialisation_factor", &M::sme_commercialisation_factor, 0, 10,
         "relative commercialisation chance with an SME partner", Unit::kNumber},
        {"lag_min_months", &M::lag_min_months, 0, 240,
         "shortest invention -> commercialisation lag"},
        {"lag_max_months", &M::lag_max_months, 0, 240,
         "longest invention -> commercialisation lag"},
        {"new_seeds_per_project", &M::new_seeds_per_project, 0, 100,
         "mean new seeds at a project's end (the chain reaction)", Unit::kNumber},
        {"absorptive_learning", &M::absorptive_learning, 0, 1,
         "absorptive capacity a firm gains per project-month", Unit::kNumber},
        {"trust_introduction", &M::trust_introduction, 0, 1, "trust of a new introduction",
         Unit::kNumber},
        {"trust_forum", &M::trust_forum, 0, 1, "trust a forum meeting adds", Unit::kNumber},
        {"trust_gain", &M::trust_gain, 0, 1, "trust gained per month of joint research",
         Unit::kNumber},
        {"outside_trust_factor", &M::outside_trust_factor, 0, 1,
         "trust built with a firm outside the region, relative to one inside", Unit::kNumber},
        {"outside_sme_share", &M::outside_sme_share, 0, 1, "share of SMEs among outside firms",
         Unit::kNumber},
        {"forum_new_ties", &M::forum_new_ties, 0, 100000,
         "researcher-company pairs who meet at a forum"},
        {"forum_introduction_prob", &M::forum_introduction_prob, 0, 1,
         "a forum meeting becomes an introduction, times fit", Unit::kNumber},
        {"forum_cost", &M::forum_cost, 0, kMaxYen, "cost of a forum", Unit::kYen},
        {"attract_base", &M::attract_base, 0, 1,
         "chance per month that an outside firm joins unprompted", Unit::kNumber},
        {"attract_per_success", &M::attract_per_success, 0, 1,
         "added chance per success (project or commercialisation) in the last 12 months",
         Unit::kNumber},
        {"attract_max", &M::attract_max, 0, 1, "highest chance per month of attracting a firm",
         Unit::kNumber},
        {"coordinator_cost_per_year", &M::coordinator_cost_per_year, 0, kMaxYen,
         "cost of a coordinator per year", Unit::kYen},
        {"hq_overhead_share", &M::hq_overhead_share, 0, 1,
         "share of the year's budget the HQ itself takes", Unit::kNumber},
    };
    return fields;
}

const std::vector<Field<ClusterSpec>>& ClusterFields() {
    using C = ClusterSpec;
    static const std::vector<Field<C>> fields = {
        {"researchers", &C::researchers, 0, 30000, "university and public-lab researchers"},
        {"initial_seeds", &C::initial_seeds, 0, 1000, "mean seeds per researcher at the start",
         Unit::kNumber},
        {"companies", &C::companies, 0, 30000, "participating firms at the start"},
        {"outside_firm_share", &C::outside_firm_share, 0, 1,
         "share of the starting firms located outside the region", Unit::kNumber},
        {"sme_share", &C::sme_share, 0, 1, "share of SMEs among the region's firms", Unit::kNumber},
        {"outside_pool", &C::outside_pool, 0, 30000, "outside firms that success can attract"},
        {"coordinators", &C::coordinators, 0, 1000, "science and technology coordinators"},
        {"budget_per_year", &C::budget_per_year, 0, kMaxYen, "budget per fiscal year while full",
         Unit::kYen},
        {"trial_budget_per_year", &C::trial_budget_per_year, 0, kMaxYen,
         "budget per fiscal year while on trial", Unit::kYen},
        {"initial_ties", &C::initial_ties, 0, 1'000'000,
         "researcher-company ties known at the start"},
    };
    return fields;
}

template <class S>
double Get(const S& object, const Field<S>& field) {
    return std::visit([&](auto member) { return static_cast<double>(object.*member); },
                      field.member);
}

std::string Expected(double min, double max, bool integer) {
    auto number = [](double v) {
        if (v >= 1e6) return FormatWithCommas(static_cast<int64_t>(v));
        return fmt::format("{}", v);
    };
    return fmt::format("{} {}..{}", integer ? "an integer" : "a number", number(min), number(max));
}

template <class S>
bool IsInteger(const Field<S>& field) {
    return !std::holds_alternative<double S::*>(field.member);
}

template <class S>
void CheckFields(const S& object, const std::vector<Field<S>>& fields, const std::string& prefix,
                 std::vector<FieldError>& errors) {
    for (const auto& field : fields) {
        double value = Get(object, field);
        if (!(value >= field.min && value <= field.max)) {  // also catches NaN
            errors.push_back({prefix + std::string(field.key),
                              Expected(field.min, field.max, IsInteger(field)),
                              fmt::format("{}", value)});
        }
    }
}

std::string_view KindName(ClusterKind kind) {
    return kind == ClusterKind::kTrial ? "trial" : "full";
}
std::string_view PromotionName(PromotionRule rule) {
    return rule == PromotionRule::kOrder ? "order" : "merit";
}
std::string_view IntroductionName(IntroductionRule rule) {
    return rule == IntroductionRule::kFirstFit ? "first_fit" : "best_fit";
}

// ---------------------------------------------------------------------------------------------
// TOML reading

class TomlReader {
  public:
    explicit TomlReader(std::string_view file) : file_(file) {}

    void Error(const toml::node& node, std::string key, std::string expected, std::string got) {
        errors_.push_back({fmt::format("{}:{}: {}", file_, node.source().begin.line, key),
                           std::move(expected), std::move(got)});
    }

    static std::string Describe(const toml::node& node) {
        if (auto s = node.value<std::string>()) return QuoteForMessage(*s);
        if (node.is_integer()) return std::to_string(*node.value<int64_t>());
        if (node.is_floating_point()) return fmt::format("{}", *node.value<double>());
        if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
        if (node.is_table()) return "a table";
        if (node.is_array()) return "an array";
        return "a date or time";
    }

    // Reads one numeric field; returns false (with an error) when the node does not fit.
    template <class S>
    void ReadField(S& object, const Field<S>& field, const toml::node& node,
                   const std::string& path) {
        double value = 0;
        if (field.unit == Unit::kYen && node.is_string()) {
            auto yen = ParseYen(*node.value<std::string>());
            if (!yen) {
                Error(node, path, "an amount of yen (500000000, \"¥500,000,000\" or \"5億円\")",
                      Describe(node));
                return;
            }
            value = static_cast<double>(yen->value);
        } else if (node.is_integer()) {
            value = static_cast<double>(*node.value<int64_t>());
        } else if (node.is_floating_point() && !IsInteger(field)) {
            value = *node.value<double>();
        } else {
            Error(node, path, Expected(field.min, field.max, IsInteger(field)), Describe(node));
            return;
        }
        if (!(value >= field.min && value <= field.max)) {
            Error(node, path, Expected(field.min, field.max, IsInteger(field)), Describe(node));
            return;
        }
        std::visit(
            [&](auto member) {
                using T = std::remove_reference_t<decltype(object.*member)>;
                object.*member = static_cast<T>(value);
            },
            field.member);
    }

    template <class S>
    bool TryField(S& object, const std::vector<Field<S>>& fields, std::string_view key,
                  const toml::node& node, const std::string& path) {
        for (const auto& field : fields) {
            if (field.key == key) {
                ReadField(object, field, node, path);
                return true;
            }
        }
        return false;
    }

    template <class S>
    static std::string KeyList(const std::vector<Field<S>>& fields, std::string_view extra) {
        std::string out(extra);
        for (const auto& field : fields) {
            if (!out.empty()) out += ", ";
            out += field.key;
        }
        return out;
    }

    // A cluster table (or cluster_defaults, where name and kind are refused).
    void ReadCluster(ClusterSpec& cluster, const toml::table& table, const std::string& prefix,
                     bool defaults) {
        for (auto&& [key, node] : table) {
            std::string path = prefix + std::string(key.str());
            if (!defaults && key.str() == "name") {
                if (auto s = node.value<std::string>()) {
                    cluster.name = *s;
                } else {
                    Error(node, path, "a string", Describe(node));
                }
            } else if (!defaults && key.str() == "kind") {
                auto s = node.value<std::string>();
                if (s && (*s == "full" || *s == "trial")) {
                    cluster.kind = *s == "trial" ? ClusterKind::kTrial : ClusterKind::kFull;
                } else {
                    Error(node, path, "\"full\" or \"trial\"", Describe(node));
                }
            } else if (!TryField(cluster, ClusterFields(), key.str(), node, path)) {
                Error(
                    node, path,
                    "a known key (" + KeyList(ClusterFields(), defaults ? "" : "name, kind") + ")",
                    "an unknown key");
            }
        }
    }

    std::vector<FieldError> TakeErrors() { return std::move(errors_); }

  private:
    std::string file_;
    std::vector<FieldError> errors_;
};

}  // namespace

Status Validate(const SimConfig& config) {
    std::vector<FieldError> errors;
    CheckFields(config, ProgrammeFields(), "", errors);
    CheckFields(config.model, ModelFields(), "model.", errors);
    if (config.model.lag_min_months > config.model.lag_max_months) {
        errors.push_back({"model.lag_max_months",
                          fmt::format("at least lag_min_months ({})", config.model.lag_min_months),
                          std::to_string(config.model.lag_max_months)});
    }
    if (config.model.min_project_months > config.model.project_months) {
        errors.push_back({"model.min_project_months",
                          fmt::format("at most project_months ({})", config.model.project_months),
                          std::to_string(config.model.min_project_months)});
    }
    if (config.clusters.empty() || config.clusters.size() > 1000) {
        errors.push_back({"clusters", "1..1,000 clusters", std::to_string(config.clusters.size())});
    }
    // Each cluster keeps a researcher × firm trust matrix (5 bytes a pair) per worker.
    int64_t pairs = 0;
    for (size_t i = 0; i < config.clusters.size(); ++i) {
        const auto& cluster = config.clusters[i];
        std::string prefix = fmt::format("clusters[{}].", i);
        CheckFields(cluster, ClusterFields(), prefix, errors);
        if (cluster.companies + cluster.outside_pool > 60000) {
            errors.push_back({prefix + "outside_pool", "companies + outside_pool <= 60,000",
                              std::to_string(cluster.companies + cluster.outside_pool)});
        }
        pairs += static_cast<int64_t>(std::max(0, cluster.researchers)) *
                 std::max(0, cluster.companies + cluster.outside_pool);
    }
    if (pairs > kMaxPairs) {
        errors.push_back({"clusters",
                          fmt::format("researchers × (companies + outside_pool) summed over the "
                                      "clusters <= {} (memory per worker thread)",
                                      FormatWithCommas(kMaxPairs)),
                          FormatWithCommas(pairs)});
    }
    if (errors.empty()) return {};
    return Fail(Error::Fields("invalid simulation config", std::move(errors)));
}

std::span<const LeverInfo> Levers() {
    static constexpr std::array<LeverInfo, 11> kLevers = {{
        {"budget_per_year", "yen per fiscal year for each full cluster"},
        {"trial_budget_per_year", "yen per fiscal year for each trial cluster"},
        {"funded_years", "years of funding from a cluster's start or promotion"},
        {"coordinators", "coordinators in every cluster"},
        {"forum_interval_months", "months between forums (0 = none)"},
        {"outside_firm_share", "share of starting firms from outside the region, 0..1"},
        {"trial_regions", "the last N clusters start as trial, the others full"},
        {"promote_per_year", "trial clusters promoted each year"},
        {"match_threshold", "minimum match score of an introduction, 0..1"},
        {"introduction_rule", "0 = best fit of a scan, 1 = first fit above the threshold"},
        {"promotion_rule", "0 = promote by merit, 1 = in list order"},
    }};
    return kLevers;
}

Status ApplyLever(SimConfig& config, std::string_view name, double value) {
    auto bad = [&](std::string expected) {
        return Fail(Error::Fields("invalid lever value", {{std::string(name), std::move(expected),
                                                           fmt::format("{}", value)}}));
    };
    auto whole = [&](double min, double max) {
        return value >= min && value <= max && std::floor(value) == value;
    };
    if (name == "budget_per_year" || name == "trial_budget_per_year") {
        if (!whole(0, kMaxYen)) return bad(Expected(0, kMaxYen, true));
        for (auto& c : config.clusters) {
            (name == "budget_per_year" ? c.budget_per_year : c.trial_budget_per_year) =
                static_cast<int64_t>(value);
        }
    } else if (name == "funded_years") {
        if (!whole(0, 50)) return bad(Expected(0, 50, true));
        config.funded_years = static_cast<int>(value);
    } else if (name == "coordinators") {
        if (!whole(0, 1000)) return bad(Expected(0, 1000, true));
        for (auto& c : config.clusters) c.coordinators = static_cast<int>(value);
    } else if (name == "forum_interval_months") {
        if (!whole(0, 120)) return bad(Expected(0, 120, true));
        config.forum_interval_months = static_cast<int>(value);
    } else if (name == "outside_firm_share") {
        if (!(value >= 0 && value <= 1)) return bad(Expected(0, 1, false));
        for (auto& c : config.clusters) c.outside_firm_share = value;
    } else if (name == "trial_regions") {
        const auto n = static_cast<double>(config.clusters.size());
        if (!whole(0, n)) return bad(Expected(0, n, true));
        const size_t first_trial = config.clusters.size() - static_cast<size_t>(value);
        for (size_t i = 0; i < config.clusters.size(); ++i) {
            config.clusters[i].kind = i >= first_trial ? ClusterKind::kTrial : ClusterKind::kFull;
        }
    } else if (name == "promote_per_year") {
        if (!whole(0, 1000)) return bad(Expected(0, 1000, true));
        config.promote_per_year = static_cast<int>(value);
    } else if (name == "match_threshold") {
        if (!(value >= 0 && value <= 1)) return bad(Expected(0, 1, false));
        config.match_threshold = value;
    } else if (name == "introduction_rule") {
        if (!whole(0, 1)) return bad("0 (best fit) or 1 (first fit)");
        config.introduction_rule =
            value == 0 ? IntroductionRule::kBestFit : IntroductionRule::kFirstFit;
    } else if (name == "promotion_rule") {
        if (!whole(0, 1)) return bad("0 (merit) or 1 (order)");
        config.promotion_rule = value == 0 ? PromotionRule::kMerit : PromotionRule::kOrder;
    } else {
        std::string names;
        for (const auto& lever : Levers()) {
            if (!names.empty()) names += ", ";
            names += lever.name;
        }
        return Fail(
            Error::Fields("unknown lever", {{"lever", "one of " + names, QuoteForMessage(name)}}));
    }
    return {};
}

Result<std::vector<SweepPoint>> Sweep(const SimConfig& config, std::string_view lever,
                                      std::span<const double> values, int runs, uint64_t seed,
                                      const SimOptions& options) {
    if (values.empty()) {
        return Fail(Error::Fields("invalid sweep", {{"values", "at least one value", "none"}}));
    }
    std::vector<SimConfig> configs;
    for (double value : values) {
        SimConfig point = config;
        KC_RETURN_IF_ERROR(ApplyLever(point, lever, value));
        KC_RETURN_IF_ERROR(Validate(point));
        configs.push_back(std::move(point));
    }
    std::vector<SweepPoint> points;
    const auto total = static_cast<int64_t>(runs) * static_cast<int64_t>(values.size());
    for (size_t i = 0; i < configs.size(); ++i) {
        SimOptions point_options = options;
        point_options.keep_runs = false;
        if (options.progress) {
            const int64_t before = static_cast<int64_t>(i) * runs;
            point_options.progress = [&options, before, total](int64_t done, int64_t) {
                return options.progress(before + done, total);
            };
        }
        KC_ASSIGN_OR_RETURN(SimOutput output, Simulate(configs[i], runs, seed, point_options));
        points.push_back({values[i], std::move(output.result)});
    }
    return points;
}

Result<SimConfig> ParseConfigToml(std::string_view text, std::string_view file_name,
                                  const SimConfig& base) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(file_name));
    } catch (const toml::parse_error& error) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}:{}:{}: not valid TOML: {}", file_name, error.source().begin.line,
                        error.source().begin.column, error.description())));
    }
    SimConfig config = base;
    TomlReader reader(file_name);
    const toml::table* defaults = nullptr;
    const toml::array* clusters = nullptr;
    for (auto&& [key, node] : root) {
        std::string name(key.str());
        if (name == "model") {
            if (const auto* table = node.as_table()) {
                for (auto&& [model_key, model_node] : *table) {
                    std::string path = "model." + std::string(model_key.str());
                    if (!reader.TryField(config.model, ModelFields(), model_key.str(), model_node,
                                         path)) {
                        reader.Error(model_node, path,
                                     "a known key (" + TomlReader::KeyList(ModelFields(), "") + ")",
                                     "an unknown key");
                    }
                }
            } else {
                reader.Error(node, name, "a table [model]", TomlReader::Describe(node));
            }
        } else if (name == "cluster_defaults") {
            defaults = node.as_table();
            if (defaults == nullptr) {
                reader.Error(node, name, "a table [cluster_defaults]", TomlReader::Describe(node));
            }
        } else if (name == "cluster") {
            clusters = node.as_array();
            if (clusters == nullptr || !clusters->is_array_of_tables()) {
                reader.Error(node, name, "an array of tables [[cluster]]",
                             TomlReader::Describe(node));
                clusters = nullptr;
            }
        } else if (name == "promotion_rule") {
            auto s = node.value<std::string>();
            if (s && (*s == "merit" || *s == "order")) {
                config.promotion_rule =
                    *s == "order" ? PromotionRule::kOrder : PromotionRule::kMerit;
            } else {
                reader.Error(node, name, "\"merit\" or \"order\"", TomlReader::Describe(node));
            }
        } else if (name == "introduction_rule") {
            auto s = node.value<std::string>();
            if (s && (*s == "best_fit" || *s == "first_fit")) {
                config.introduction_rule =
                    *s == "first_fit" ? IntroductionRule::kFirstFit : IntroductionRule::kBestFit;
            } else {
                reader.Error(node, name, "\"best_fit\" or \"first_fit\"",
                             TomlReader::Describe(node));
            }
        } else if (!reader.TryField(config, ProgrammeFields(), name, node, name)) {
            reader.Error(node, name,
                         "a known key (" +
                             TomlReader::KeyList(ProgrammeFields(),
                                                 "promotion_rule, introduction_rule, model, "
                                                 "cluster_defaults, cluster") +
                             ")",
                         "an unknown key");
        }
    }
    if (clusters != nullptr) {
        ClusterSpec template_cluster;
        if (defaults != nullptr) {
            reader.ReadCluster(template_cluster, *defaults, "cluster_defaults.", true);
        }
        config.clusters.clear();
        for (size_t i = 0; i < clusters->size(); ++i) {
            ClusterSpec cluster = template_cluster;
            cluster.name = fmt::format("cluster {}", i + 1);
            reader.ReadCluster(cluster, *clusters->get(i)->as_table(),
                               fmt::format("cluster[{}].", i), false);
            config.clusters.push_back(std::move(cluster));
        }
    } else if (defaults != nullptr) {
        for (auto& cluster : config.clusters) {
            reader.ReadCluster(cluster, *defaults, "cluster_defaults.", true);
        }
    }
    std::vector<FieldError> errors = reader.TakeErrors();
    if (!errors.empty()) {
        return Fail(Error::Fields(fmt::format("invalid simulation config {}", file_name),
                                  std::move(errors)));
    }
    if (auto valid = Validate(config); !valid) {
        Error error = valid.error();
        error.message = fmt::format("invalid simulation config {}", file_name);
        return Fail(std::move(error));
    }
    return config;
}

namespace {

std::string TomlString(std::string_view text) {
    std::string out = "\"";
    for (char ch : text) {
        auto byte = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (byte < 0x20 || byte == 0x7f) {
            out += fmt::format("\\u{:04x}", byte);
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

template <class S>
std::string TomlValue(const S& object, const Field<S>& field) {
    return std::visit(
        [&](auto member) -> std::string {
            auto value = object.*member;
            if constexpr (std::is_same_v<decltype(value), double>) {
                std::string text = fmt::format("{}", value);
                // Keep doubles as TOML floats so a reader sees the type.
                if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
                return text;
            } else if constexpr (std::is_same_v<decltype(value), int64_t>) {
                // 500_000_000: TOML digit separators for readable yen.
                std::string digits = std::to_string(value < 0 ? -value : value);
                std::string out;
                for (size_t i = 0; i < digits.size(); ++i) {
                    if (i > 0 && (digits.size() - i) % 3 == 0) out += '_';
                    out += digits[i];
                }
                return value < 0 ? "-" + out : out;
            } else {
                return std::to_string(value);
            }
        },
        field.member);
}

template <class S>
void WriteFields(std::string& out, const S& object, const std::vector<Field<S>>& fields) {
    for (const auto& field : fields) {
        out += fmt::format("# {}{}\n{} = {}\n", field.meaning,
                           field.unit == Unit::kYen ? " (yen)" : "", field.key,
                           TomlValue(object, field));
    }
}

}  // namespace

std::string ConfigToToml(const SimConfig& config) {
    std::string out =
        "# kcluster simulator configuration (docs/simulator.md). Edit and run with\n"
        "#   kcluster sim run --config THIS_FILE.toml --runs 200 --out result.csv\n"
        "# Keys left out keep their defaults. Amounts of yen may also be strings such as "
        "\"5億円\".\n\n";
    WriteFields(out, config, ProgrammeFields());
    out += fmt::format(
        "# how trial clusters are promoted: \"merit\" (best first) or \"order\"\n"
        "promotion_rule = \"{}\"\n",
        PromotionName(config.promotion_rule));
    out += fmt::format(
        "# how a coordinator picks among a scan's candidates: \"best_fit\" or \"first_fit\"\n"
        "introduction_rule = \"{}\"\n",
        IntroductionName(config.introduction_rule));
    out += "\n# Behaviour: the calibrated parameters (sources in docs/simulator.md).\n[model]\n";
    WriteFields(out, config.model, ModelFields());

    // Keys with the same value in every cluster go to [cluster_defaults]; each [[cluster]] keeps
    // only its name, kind and what differs, so a lever is changed in one place.
    const ClusterSpec* first = config.clusters.empty() ? nullptr : &config.clusters.front();
    std::vector<bool> common;
    for (const auto& field : ClusterFields()) {
        bool same = first != nullptr;
        for (const auto& cluster : config.clusters) {
            same = same && Get(cluster, field) == Get(*first, field);
        }
        common.push_back(same);
    }
    out += "\n# Every cluster starts from these values.\n[cluster_defaults]\n";
    const ClusterSpec defaults;
    for (size_t i = 0; i < ClusterFields().size(); ++i) {
        const auto& field = ClusterFields()[i];
        const ClusterSpec& source = common[i] ? *first : defaults;
        out += fmt::format("# {}{}\n{} = {}\n", field.meaning,
                           field.unit == Unit::kYen ? " (yen)" : "", field.key,
                           TomlValue(source, field));
    }
    for (const auto& cluster : config.clusters) {
        out += fmt::format("\n[[cluster]]\nname = {}\nkind = \"{}\"\n", TomlString(cluster.name),
                           KindName(cluster.kind));
        for (size_t i = 0; i < ClusterFields().size(); ++i) {
            const auto& field = ClusterFields()[i];
            if (common[i]) continue;
            out += fmt::format("{} = {}\n", field.key, TomlValue(cluster, field));
        }
    }
    return out;
}

}  // namespace kc::engines::sim
