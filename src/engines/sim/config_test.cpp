// The TOML form of the simulator's config: round trip, defaults, and errors that name the file,
// line and key.

#include <gtest/gtest.h>

#include "engines/sim/sim.h"

namespace kc::engines::sim {
namespace {

SimConfig TwoClusters() {
    SimConfig config;
    ClusterSpec a;
    a.name = "札幌 \"IT\"";
    ClusterSpec b;
    b.name = "名古屋";
    b.kind = ClusterKind::kTrial;
    b.coordinators = 2;
    config.clusters = {a, b};
    return config;
}

std::string Messages(const Error& error) { return error.ToString(); }

TEST(ConfigToml, RoundTripsToAnEqualConfig) {
    SimConfig config = TwoClusters();
    config.months = 84;
    config.match_threshold = 0.65;
    config.promotion_rule = PromotionRule::kOrder;
    config.introduction_rule = IntroductionRule::kFirstFit;
    config.model.invention_rate = 0.123456789;
    config.model.forum_cost = 7'654'321;
    config.clusters[0].budget_per_year = 612'000'000;
    std::string text = ConfigToToml(config);
    auto parsed = ParseConfigToml(text, "round.toml", SimConfig{});
    ASSERT_TRUE(parsed) << Messages(parsed.error()) << "\n" << text;
    EXPECT_EQ(ConfigToToml(*parsed), text);
    EXPECT_EQ(parsed->months, 84);
    EXPECT_EQ(parsed->promotion_rule, PromotionRule::kOrder);
    EXPECT_EQ(parsed->introduction_rule, IntroductionRule::kFirstFit);
    EXPECT_DOUBLE_EQ(parsed->model.invention_rate, 0.123456789);
    ASSERT_EQ(parsed->clusters.size(), 2u);
    EXPECT_EQ(parsed->clusters[0].name, "札幌 \"IT\"");
    EXPECT_EQ(parsed->clusters[0].budget_per_year, 612'000'000);
    EXPECT_EQ(parsed->clusters[1].kind, ClusterKind::kTrial);
    EXPECT_EQ(parsed->clusters[1].coordinators, 2);
    EXPECT_EQ(parsed->clusters[1].budget_per_year, 500'000'000);
    // Common values are written once, in [cluster_defaults].
    EXPECT_NE(text.find("[cluster_defaults]\n"), std::string::npos);
    EXPECT_NE(text.find("budget_per_year = 612_000_000"), std::string::npos);
}

TEST(ConfigToml, MissingKeysKeepTheBaseAndDefaultsApplyToBaseClusters) {
    SimConfig base = TwoClusters();
    auto parsed = ParseConfigToml(
        "months = 36\n[model]\ninvention_rate = 1\n[cluster_defaults]\ncoordinators = 7\n"
        "budget_per_year = \"3億円\"\n",
        "small.toml", base);
    ASSERT_TRUE(parsed) << Messages(parsed.error());
    EXPECT_EQ(parsed->months, 36);
    EXPECT_EQ(parsed->funded_years, 5);
    EXPECT_DOUBLE_EQ(parsed->model.invention_rate, 1.0);
    ASSERT_EQ(parsed->clusters.size(), 2u);
    EXPECT_EQ(parsed->clusters[0].coordinators, 7);
    EXPECT_EQ(parsed->clusters[1].coordinators, 7);
    EXPECT_EQ(parsed->clusters[1].budget_per_year, 300'000'000);
    EXPECT_EQ(parsed->clusters[1].name, "名古屋");
}

TEST(ConfigToml, ClusterTablesStartFromTheDefaults) {
    auto parsed = ParseConfigToml(
        "[cluster_defaults]\nresearchers = 50\n[[cluster]]\nname = \"A\"\n[[cluster]]\nname = "
        "\"B\"\nkind = \"trial\"\nresearchers = 80\n",
        "c.toml", TwoClusters());
    ASSERT_TRUE(parsed) << Messages(parsed.error());
    ASSERT_EQ(parsed->clusters.size(), 2u);
    EXPECT_EQ(parsed->clusters[0].name, "A");
    EXPECT_EQ(parsed->clusters[0].researchers, 50);
    EXPECT_EQ(parsed->clusters[1].researchers, 80);
    EXPECT_EQ(parsed->clusters[1].kind, ClusterKind::kTrial);
}

TEST(ConfigToml, ErrorsNameFileLineAndKey) {
    struct Case {
        const char* name;
        const char* text;
        const char* path;      // expected FieldError path
        const char* expected;  // substring of what was expected
    };
    const Case cases[] = {
        {"unknown top-level key", "months = 12\nbudget = 5\n", "bad.toml:2: budget", "known key"},
        {"unknown model key", "[model]\n\ninvention = 0.3\n", "bad.toml:3: model.invention",
         "invention_rate"},
        {"negative rate", "[model]\ninvention_rate = -1\n", "bad.toml:2: model.invention_rate",
         "a number 0..100"},
        {"float for an integer", "months = 12.5\n", "bad.toml:1: months", "an integer 1..600"},
        {"string for a number", "months = \"many\"\n", "bad.toml:1: months", "an integer"},
        {"bad yen", "[cluster_defaults]\nbudget_per_year = \"lots\"\n",
         "bad.toml:2: cluster_defaults.budget_per_year", "yen"},
        {"bad kind", "[[cluster]]\nname = \"x\"\nkind = \"half\"\n", "bad.toml:3: cluster[0].kind",
         "\"full\" or \"trial\""},
        {"name in defaults", "[cluster_defaults]\nname = \"x\"\n",
         "bad.toml:2: cluster_defaults.name", "known key"},
        {"bad rule", "promotion_rule = \"luck\"\n", "bad.toml:1: promotion_rule", "merit"},
        {"model not a table", "model = 3\n", "bad.toml:1: model", "a table"},
        {"threshold out of range", "match_threshold = 1.5\n", "bad.toml:1: match_threshold",
         "a number 0..1"},
    };
    for (const auto& c : cases) {
        auto parsed = ParseConfigToml(c.text, "bad.toml", TwoClusters());
        ASSERT_FALSE(parsed) << c.name;
        ASSERT_FALSE(parsed.error().fields.empty()) << c.name << ": " << Messages(parsed.error());
        EXPECT_EQ(parsed.error().fields[0].path, c.path) << c.name;
        EXPECT_NE(parsed.error().fields[0].expected.find(c.expected), std::string::npos)
            << c.name << ": " << parsed.error().fields[0].expected;
    }
}

TEST(ConfigToml, CollectsEveryErrorAndChecksCrossFieldRules) {
    auto parsed = ParseConfigToml("months = 0\nfunded_years = -1\n", "two.toml", TwoClusters());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().fields.size(), 2u);
    auto lags = ParseConfigToml("[model]\nlag_min_months = 20\nlag_max_months = 10\n", "lag.toml",
                                TwoClusters());
    ASSERT_FALSE(lags);
    EXPECT_EQ(lags.error().fields.at(0).path, "model.lag_max_months");
    auto none = ParseConfigToml("months = 12\n", "none.toml", SimConfig{});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().fields.at(0).path, "clusters");
}

TEST(ConfigToml, SyntaxErrorsGiveLineAndColumn) {
    auto parsed = ParseConfigToml("months = 12\n[model\n", "syntax.toml", TwoClusters());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().message.rfind("syntax.toml:2:", 0), 0u) << parsed.error().message;
}

}  // namespace
}  // namespace kc::engines::sim
