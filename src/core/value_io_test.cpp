#include "core/value_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "core/entities.h"

namespace kc::core {
namespace {

const FieldDef& FieldOf(const EntityDef& def, std::string_view name) {
    const FieldDef* field = def.Find(name);
    KC_CHECK(field != nullptr, "test uses an unknown field");
    return *field;
}

// One field of each type, taken from the real definitions.
const FieldDef& IdField() { return FieldOf(Seed::Def(), "id"); }
const FieldDef& RefField() { return FieldOf(Seed::Def(), "organization_id"); }
const FieldDef& TextField() { return FieldOf(Seed::Def(), "title"); }
const FieldDef& LongTextField() { return FieldOf(Seed::Def(), "abstract"); }
const FieldDef& IntField() { return FieldOf(Seed::Def(), "trl"); }
const FieldDef& DoubleField() { return FieldOf(Criterion::Def(), "weight"); }
const FieldDef& YenField() { return FieldOf(Grant::Def(), "amount"); }
const FieldDef& DateField() { return FieldOf(Project::Def(), "starts_on"); }
const FieldDef& TimestampField() { return FieldOf(Session::Def(), "expires_at"); }
const FieldDef& FiscalYearField() { return FieldOf(Grant::Def(), "fiscal_year"); }
const FieldDef& BoolField() { return FieldOf(Organization::Def(), "sme"); }
const FieldDef& EnumField() { return FieldOf(Seed::Def(), "field"); }
const FieldDef& ListField() { return FieldOf(Seed::Def(), "keywords"); }

Value Text(std::string text) { return Value{std::move(text)}; }
Value Int(int64_t value) { return Value{value}; }
Value List(std::vector<std::string> items) { return Value{std::move(items)}; }

std::string Show(const Value& value) { return ValueToJson(value).dump(); }

struct ParseCase {
    std::string name;
    const FieldDef* field;
    std::string text;
    Value expected;
};

void ExpectParses(const std::vector<ParseCase>& cases) {
    for (const auto& test_case : cases) {
        auto value = ParseFieldText(*test_case.field, test_case.text);
        ASSERT_TRUE(value.has_value()) << test_case.name << ": " << value.error().ToString();
        EXPECT_EQ(*value, test_case.expected) << test_case.name << ": got " << Show(*value)
                                              << ", expected " << Show(test_case.expected);
        EXPECT_EQ(value->index(), test_case.expected.index()) << test_case.name;
    }
}

struct BadCase {
    std::string name;
    const FieldDef* field;
    std::string text;
    std::string expected_part;  // a part of FieldError::expected
};

void ExpectRejects(const std::vector<BadCase>& cases) {
    for (const auto& test_case : cases) {
        auto value = ParseFieldText(*test_case.field, test_case.text);
        ASSERT_FALSE(value.has_value()) << test_case.name << ": got " << Show(*value);
        const Error& error = value.error();
        EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << test_case.name;
        ASSERT_EQ(error.fields.size(), 1u) << test_case.name;
        EXPECT_EQ(error.fields[0].path, test_case.field->name) << test_case.name;
        EXPECT_NE(error.fields[0].expected.find(test_case.expected_part), std::string::npos)
            << test_case.name << ": " << error.fields[0].expected;
        EXPECT_FALSE(error.fields[0].got.empty()) << test_case.name;
    }
}

// ---------------------------------------------------------------------------------------------
// ParseFieldText

TEST(ParseFieldText, ParsesEveryFieldType) {
    ExpectParses({
        {"id", &IdField(), "42", Int(42)},
        {"reference", &RefField(), " 7 ", Int(7)},
        {"full-width reference", &RefField(), "１２", Int(12)},
        {"text is trimmed", &TextField(), "  光触媒  ", Text("光触媒")},
        {"long text keeps its layout", &LongTextField(), "  one\n  two\n", Text("  one\n  two\n")},
        {"integer", &IntField(), "4", Int(4)},
        {"negative integer", &IntField(), "-7", Int(-7)},
        {"double", &DoubleField(), "1.5", Value{1.5}},
        {"integral double", &DoubleField(), "2", Value{2.0}},
        {"timestamp", &TimestampField(), "2002-04-15T10:00:00+09:00",
         Text("2002-04-15T10:00:00+09:00")},
        {"list", &ListField(), "a; b;;c ", List({"a", "b", "c"})},
        {"list with Japanese separators", &ListField(), "光触媒；酸化チタン、可視光",
         List({"光触媒", "酸化チタン", "可視光"})},
        {"one-item list", &ListField(), "TiO2", List({"TiO2"})},
    });
}

TEST(ParseFieldText, ReadsEmptyTextAsNull) {
    for (const FieldDef* field :
         {&IdField(), &RefField(), &TextField(), &IntField(), &DoubleField(), &YenField(),
          &DateField(), &TimestampField(), &FiscalYearField(), &BoolField(), &EnumField()}) {
        for (const char* text : {"", "   ", "\t", "\xe3\x80\x80"}) {
            auto value = ParseFieldText(*field, text);
            ASSERT_TRUE(value.has_value()) << field->name << ": " << value.error().message;
            EXPECT_TRUE(IsNull(*value)) << field->name << ": got " << Show(*value);
        }
    }
    auto list = ParseFieldText(ListField(), " ");
    ASSERT_TRUE(list.has_value());
    EXPECT_EQ(*list, List({}));
}

TEST(ParseFieldText, ParsesYenAsPeopleWriteIt) {
    ExpectParses({
        {"plain", &YenField(), "1234567", Int(1'234'567)},
        {"yen sign and commas", &YenField(), "¥1,234,567", Int(1'234'567)},
        {"full-width yen sign", &YenField(), "￥1,234,567", Int(1'234'567)},
        {"en suffix", &YenField(), "1,234,567円", Int(1'234'567)},
        {"oku", &YenField(), "5億円", Int(500'000'000)},
        {"decimal oku", &YenField(), "1.5億円", Int(150'000'000)},
        {"oku and man", &YenField(), "3億2000万円", Int(320'000'000)},
        {"man", &YenField(), "500万円", Int(5'000'000)},
        {"negative", &YenField(), "-5000", Int(-5000)},
    });
}

TEST(ParseFieldText, RejectsBadYen) {
    ExpectRejects({
        {"words", &YenField(), "abc", "an amount of yen"},
        {"fraction of a yen", &YenField(), "1.5", "an amount of yen"},
        {"misplaced comma", &YenField(), "1,23", "an amount of yen"},
        {"units in the wrong order", &YenField(), "5万3億円", "an amount of yen"},
    });
}

TEST(ParseFieldText, NormalisesJapaneseDatesToIso) {
    ExpectParses({
        {"ISO", &DateField(), "2003-02-01", Text("2003-02-01")},
        {"slashes", &DateField(), "2003/2/1", Text("2003-02-01")},
        {"kanji", &DateField(), "2003年2月1日", Text("2003-02-01")},
        {"Heisei", &DateField(), "平成15年2月1日", Text("2003-02-01")},
        {"era letter", &DateField(), "H15.2.1", Text("2003-02-01")},
        {"Reiwa first year", &DateField(), "令和元年5月1日", Text("2019-05-01")},
        {"leap day", &DateField(), "2004-02-29", Text("2004-02-29")},
        {"surrounding space", &DateField(), " 2003/2/1 ", Text("2003-02-01")},
    });
}

TEST(ParseFieldText, RejectsImpossibleDates) {
    ExpectRejects({
        {"30 February", &DateField(), "2003-02-30", "a date such as 2003-02-01"},
        {"29 February of a common year", &DateField(), "2003-02-29", "a date such as"},
        {"month 13", &DateField(), "2003-13-01", "a date such as"},
        {"Heisei after its end", &DateField(), "平成31年5月1日", "a date such as"},
        {"words", &DateField(), "yesterday", "a date such as"},
    });
    auto value = ParseFieldText(DateField(), "2003-02-30");
    ASSERT_FALSE(value.has_value());
    ASSERT_EQ(value.error().fields.size(), 1u);
    EXPECT_NE(value.error().fields[0].expected.find("28 days"), std::string::npos)
        << value.error().fields[0].expected;
    EXPECT_EQ(value.error().fields[0].got, "\"2003-02-30\"");
}

TEST(ParseFieldText, RejectsTextThatIsNotATimestamp) {
    ExpectRejects({
        {"words", &TimestampField(), "next Tuesday", "a timestamp such as"},
        {"impossible day", &TimestampField(), "2026-02-30T10:00:00+09:00", "a timestamp such as"},
    });
}

TEST(ParseFieldText, ParsesFiscalYears) {
    ExpectParses({
        {"plain", &FiscalYearField(), "2002", Int(2002)},
        {"FY prefix", &FiscalYearField(), "FY2002", Int(2002)},
        {"nendo", &FiscalYearField(), "2002年度", Int(2002)},
        {"Heisei", &FiscalYearField(), "平成14年度", Int(2002)},
        {"era letter", &FiscalYearField(), "H14", Int(2002)},
        {"Reiwa first year", &FiscalYearField(), "令和元年度", Int(2019)},
    });
    ExpectRejects({
        {"words", &FiscalYearField(), "abc", "a fiscal year"},
        {"Heisei 32", &FiscalYearField(), "平成32年度", "a fiscal year"},
        {"out of range", &FiscalYearField(), "3000", "a fiscal year"},
    });
}

TEST(ParseFieldText, ParsesBooleans) {
    ExpectParses({
        {"true", &BoolField(), "true", Value{true}},
        {"false", &BoolField(), "false", Value{false}},
        {"one", &BoolField(), "1", Value{true}},
        {"zero", &BoolField(), "0", Value{false}},
        {"Yes", &BoolField(), "Yes", Value{true}},
        {"hai", &BoolField(), "はい", Value{true}},
        {"iie", &BoolField(), "いいえ", Value{false}},
        {"u", &BoolField(), "有", Value{true}},
    });
    ExpectRejects({
        {"maybe", &BoolField(), "maybe", "true or false"},
        {"two", &BoolField(), "2", "true or false"},
    });
}

TEST(ParseFieldText, ParsesEnumsByCodeOrLabel) {
    const FieldDef& ip = FieldOf(Seed::Def(), "ip_status");
    ExpectParses({
        {"code", &EnumField(), "it", Text("it")},
        {"code in capitals", &EnumField(), "IT", Text("it")},
        {"code with spaces", &EnumField(), "  energy ", Text("energy")},
        {"Japanese label", &EnumField(), "情報通信", Text("it")},
        {"Japanese label of a long code", &EnumField(), "ナノテクノロジー・材料",
         Text("nanotech_materials")},
        {"English label", &EnumField(), "Life science", Text("life_science")},
        {"Japanese label of IP status", &ip, "出願中", Text("filed")},
        {"English label of IP status", &ip, "Licensed", Text("licensed")},
    });
    ExpectRejects({
        {"unknown code", &EnumField(), "quantum", "one of life_science, it, environment"},
        {"label of another field", &ip, "情報通信", "one of none, filed, granted, licensed"},
    });
}

TEST(ParseFieldText, RejectsNonNumbers) {
    ExpectRejects({
        {"integer with letters", &IntField(), "12a", "an integer"},
        {"integer with a fraction", &IntField(), "1.5", "an integer"},
        {"reference by name", &RefField(), "北海道大学", "a positive integer id"},
        {"id with letters", &IdField(), "x1", "a positive integer id"},
        {"double with letters", &DoubleField(), "1.5kg", "a number"},
        {"infinite double", &DoubleField(), "inf", "a number"},
        {"NaN", &DoubleField(), "nan", "a number"},
    });
}

TEST(ParseFieldText, ShortensLongValuesInErrors) {
    const std::string long_text(500, '9');
    auto value = ParseFieldText(DateField(), long_text + "x");
    ASSERT_FALSE(value.has_value());
    ASSERT_EQ(value.error().fields.size(), 1u);
    EXPECT_LT(value.error().fields[0].got.size(), 100u);
}

// ---------------------------------------------------------------------------------------------
// FormatFieldText and DisplayFieldText

struct FormatCase {
    std::string name;
    const FieldDef* field;
    Value value;
    std::string text;
};

TEST(FormatFieldText, WritesCanonicalText) {
    const std::vector<FormatCase> cases = {
        {"null", &TextField(), Value{}, ""},
        {"id", &IdField(), Int(42), "42"},
        {"yen is a plain integer", &YenField(), Int(500'000'000), "500000000"},
        {"negative yen", &YenField(), Int(-5000), "-5000"},
        {"fiscal year", &FiscalYearField(), Int(2002), "2002"},
        {"date", &DateField(), Text("2003-02-01"), "2003-02-01"},
        {"enum code", &EnumField(), Text("nanotech_materials"), "nanotech_materials"},
        {"true", &BoolField(), Value{true}, "true"},
        {"false", &BoolField(), Value{false}, "false"},
        {"list", &ListField(), List({"a", "b c"}), "a;b c"},
        {"empty list", &ListField(), List({}), ""},
        {"double", &DoubleField(), Value{1.5}, "1.5"},
        {"text", &TextField(), Text("光触媒"), "光触媒"},
    };
    for (const auto& test_case : cases) {
        EXPECT_EQ(FormatFieldText(*test_case.field, test_case.value), test_case.text)
            << test_case.name;
    }
}

TEST(FormatFieldText, RoundTripsThroughParseFieldText) {
    struct RoundTripCase {
        std::string name;
        const FieldDef* field;
        Value value;
    };
    const std::vector<RoundTripCase> cases = {
        {"null", &TextField(), Value{}},
        {"id", &IdField(), Int(42)},
        {"reference", &RefField(), Int(9)},
        {"text", &TextField(), Text("高効率光触媒 (TiO2)")},
        {"long text", &LongTextField(), Text("line one\nline two")},
        {"integer", &IntField(), Int(9)},
        {"double", &DoubleField(), Value{0.1}},
        {"double with many digits", &DoubleField(), Value{2.0 / 3.0}},
        {"yen", &YenField(), Int(7'500'000'000)},
        {"negative yen", &YenField(), Int(-1)},
        {"date", &DateField(), Text("2004-02-29")},
        {"timestamp", &TimestampField(), Text("2026-04-01T09:00:00+09:00")},
        {"fiscal year", &FiscalYearField(), Int(1989)},
        {"true", &BoolField(), Value{true}},
        {"false", &BoolField(), Value{false}},
        {"enum", &EnumField(), Text("life_science")},
        {"list", &ListField(), List({"光触媒", "TiO2", "visible light"})},
        {"empty list", &ListField(), List({})},
    };
    for (const auto& test_case : cases) {
        std::string text = FormatFieldText(*test_case.field, test_case.value);
        auto back = ParseFieldText(*test_case.field, text);
        ASSERT_TRUE(back.has_value()) << test_case.name << ": " << back.error().ToString();
        EXPECT_EQ(*back, test_case.value) << test_case.name << ": via \"" << text << "\"";
    }
}

TEST(DisplayFieldText, UsesFriendlyForms) {
    const std::vector<std::tuple<std::string, const FieldDef*, Value, std::string, std::string>>
        cases = {
            {"yen", &YenField(), Int(500'000'000), "5億円", "¥500,000,000"},
            {"fiscal year", &FiscalYearField(), Int(2002), "平成14年度", "FY2002"},
            {"enum", &EnumField(), Text("it"), "情報通信", "Information technology"},
            {"bool", &BoolField(), Value{true}, "はい", "yes"},
            {"null", &YenField(), Value{}, "", ""},
        };
    for (const auto& [name, field, value, ja, en] : cases) {
        EXPECT_EQ(DisplayFieldText(*field, value, "ja"), ja) << name;
        EXPECT_EQ(DisplayFieldText(*field, value, "en"), en) << name;
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

TEST(ValueToJson, UsesNativeJsonTypes) {
    EXPECT_TRUE(ValueToJson(Value{}).is_null());
    EXPECT_EQ(ValueToJson(Int(500'000'000)), nlohmann::json(500'000'000));
    EXPECT_TRUE(ValueToJson(Int(1)).is_number_integer());
    EXPECT_EQ(ValueToJson(Value{1.5}), nlohmann::json(1.5));
    EXPECT_EQ(ValueToJson(Text("2003-02-01")), nlohmann::json("2003-02-01"));
    EXPECT_EQ(ValueToJson(Value{true}), nlohmann::json(true));
    EXPECT_EQ(ValueToJson(List({"a", "b"})), nlohmann::json::array({"a", "b"}));
}

TEST(ValueFromJson, RoundTripsEveryType) {
    struct JsonCase {
        std::string name;
        const FieldDef* field;
        Value value;
    };
    const std::vector<JsonCase> cases = {
        {"null", &TextField(), Value{}},
        {"id", &IdField(), Int(42)},
        {"reference", &RefField(), Int(3)},
        {"text", &TextField(), Text("光触媒")},
        {"long text", &LongTextField(), Text("a\nb")},
        {"integer", &IntField(), Int(5)},
        {"double", &DoubleField(), Value{0.25}},
        {"yen", &YenField(), Int(9'000'000'000'000)},
        {"date", &DateField(), Text("2003-02-01")},
        {"timestamp", &TimestampField(), Text("2026-04-01T09:00:00+09:00")},
        {"fiscal year", &FiscalYearField(), Int(2002)},
        {"bool", &BoolField(), Value{false}},
        {"enum", &EnumField(), Text("energy")},
        {"list", &ListField(), List({"x", "y"})},
        {"empty list", &ListField(), List({})},
    };
    for (const auto& test_case : cases) {
        auto back = ValueFromJson(*test_case.field, ValueToJson(test_case.value));
        ASSERT_TRUE(back.has_value()) << test_case.name << ": " << back.error().ToString();
        EXPECT_EQ(*back, test_case.value) << test_case.name;
    }
}

TEST(ValueFromJson, AcceptsHumanStringsForNumbers) {
    struct JsonCase {
        std::string name;
        const FieldDef* field;
        nlohmann::json json;
        Value expected;
    };
    const std::vector<JsonCase> cases = {
        {"yen in oku", &YenField(), "5億円", Int(500'000'000)},
        {"yen with sign", &YenField(), "¥1,234,567", Int(1'234'567)},
        {"Heisei fiscal year", &FiscalYearField(), "平成14年度", Int(2002)},
        {"Heisei date", &DateField(), "平成15年2月1日", Text("2003-02-01")},
        {"integer as text", &IntField(), "7", Int(7)},
        {"bool as text", &BoolField(), "はい", Value{true}},
        {"enum label", &EnumField(), "情報通信", Text("it")},
        {"null list", &ListField(), nullptr, List({})},
        {"integer for a double", &DoubleField(), 3, Value{3.0}},
    };
    for (const auto& test_case : cases) {
        auto value = ValueFromJson(*test_case.field, test_case.json);
        ASSERT_TRUE(value.has_value()) << test_case.name << ": " << value.error().ToString();
        EXPECT_EQ(*value, test_case.expected) << test_case.name;
    }
}

TEST(ValueFromJson, RejectsValuesOfTheWrongShape) {
    struct JsonCase {
        std::string name;
        const FieldDef* field;
        nlohmann::json json;
    };
    const std::vector<JsonCase> cases = {
        {"fraction for an integer", &IntField(), 1.5},
        {"bool for an integer", &IntField(), true},
        {"number for a text", &TextField(), 5},
        {"number for an enum", &EnumField(), 1},
        {"number for a bool", &BoolField(), 1},
        {"object for a list", &ListField(), nlohmann::json::object()},
        {"list of numbers", &ListField(), nlohmann::json::array({1, 2})},
        {"array for a date", &DateField(), nlohmann::json::array({"2003-02-01"})},
        {"bad date text", &DateField(), "2003-02-30"},
        {"bad yen text", &YenField(), "lots"},
    };
    for (const auto& test_case : cases) {
        auto value = ValueFromJson(*test_case.field, test_case.json);
        ASSERT_FALSE(value.has_value()) << test_case.name << ": got " << Show(*value);
        EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument) << test_case.name;
        ASSERT_EQ(value.error().fields.size(), 1u) << test_case.name;
        EXPECT_EQ(value.error().fields[0].path, test_case.field->name) << test_case.name;
    }
}

Seed FullSeed() {
    Seed seed;
    seed.id = 12;
    seed.cluster_id = 3;
    seed.organization_id = 4;
    seed.title = "高効率光触媒";
    seed.title_en = "Efficient photocatalyst";
    seed.abstract = "Line one.\nLine two.";
    seed.keywords = {"光触媒", "TiO2"};
    seed.field = "nanotech_materials";
    seed.trl = 4;
    seed.ip_status = "filed";
    seed.visibility = "public";
    seed.meta.sample = true;
    seed.meta.created_at = "2026-04-01T09:00:00+09:00";
    seed.meta.updated_at = "2026-04-02T10:30:00+09:00";
    return seed;
}

TEST(RecordToJson, WritesEveryFieldIncludingNulls) {
    nlohmann::json json = RecordToJson(ToRecord(FullSeed()));
    ASSERT_TRUE(json.is_object());
    EXPECT_EQ(json.size(), Seed::Def().fields.size());
    EXPECT_EQ(json["id"], 12);
    EXPECT_EQ(json["title"], "高効率光触媒");
    EXPECT_EQ(json["keywords"], nlohmann::json::array({"光触媒", "TiO2"}));
    EXPECT_EQ(json["trl"], 4);
    EXPECT_EQ(json["sample"], true);
    EXPECT_TRUE(json.contains("owner_id"));
    EXPECT_TRUE(json["owner_id"].is_null());
}

TEST(RecordFromJson, RoundTripsRecords) {
    Record seed = ToRecord(FullSeed());
    auto seed_back = RecordFromJson(Seed::Def(), RecordToJson(seed));
    ASSERT_TRUE(seed_back.has_value()) << seed_back.error().ToString();
    EXPECT_EQ(seed_back->def, &Seed::Def());
    EXPECT_EQ(seed_back->values, seed.values);

    Grant grant;
    grant.id = 1;
    grant.cluster_id = 2;
    grant.organization_id = 3;
    grant.fiscal_year = FiscalYear{2004};
    grant.amount = Yen{750'000'000};
    grant.kind = "regular";
    grant.decided_on = Date{2004, 4, 1};
    Record grant_record = ToRecord(grant);
    auto grant_back = RecordFromJson(Grant::Def(), RecordToJson(grant_record));
    ASSERT_TRUE(grant_back.has_value()) << grant_back.error().ToString();
    EXPECT_EQ(grant_back->values, grant_record.values);

    Evaluation evaluation;
    evaluation.id = 1;
    evaluation.proposal_id = 2;
    evaluation.raw_score = 3.0;  // an integral double stays a double
    evaluation.calibrated_score = 3.125;
    Record evaluation_record = ToRecord(evaluation);
    auto evaluation_back = RecordFromJson(Evaluation::Def(), RecordToJson(evaluation_record));
    ASSERT_TRUE(evaluation_back.has_value()) << evaluation_back.error().ToString();
    EXPECT_EQ(evaluation_back->values, evaluation_record.values);
}

TEST(RecordFromJson, StartsFromDefaults) {
    auto record = RecordFromJson(Seed::Def(), {{"title", "光触媒"}, {"trl", "3"}});
    ASSERT_TRUE(record.has_value()) << record.error().ToString();
    EXPECT_EQ(record->Get("title"), Text("光触媒"));
    EXPECT_EQ(record->Get("trl"), Int(3));
    EXPECT_EQ(record->Get("ip_status"), Text("none"));
    EXPECT_EQ(record->Get("visibility"), Text("cluster"));
    EXPECT_EQ(record->GetId(), 0);
}

TEST(RecordFromJson, RejectsUnknownKeys) {
    auto record = RecordFromJson(Seed::Def(), {{"title", "光触媒"}, {"colour", "red"}});
    ASSERT_FALSE(record.has_value());
    EXPECT_EQ(record.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(record.error().fields.size(), 1u);
    EXPECT_EQ(record.error().fields[0].path, "colour");
    EXPECT_NE(record.error().message.find("seed"), std::string::npos) << record.error().message;
}

TEST(RecordFromJson, ReportsEveryBadKeyAtOnce) {
    auto record = RecordFromJson(
        Seed::Def(), {{"trl", "ten"}, {"field", "quantum"}, {"colour", "red"}, {"title", "ok"}});
    ASSERT_FALSE(record.has_value());
    std::vector<std::string> paths;
    for (const auto& field : record.error().fields) paths.push_back(field.path);
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths, (std::vector<std::string>{"colour", "field", "trl"}));
}

TEST(RecordFromJson, RejectsNonObjects) {
    for (const auto& json : {nlohmann::json::array({1}), nlohmann::json("seed"),
                             nlohmann::json(nullptr), nlohmann::json(3)}) {
        auto record = RecordFromJson(Seed::Def(), json);
        ASSERT_FALSE(record.has_value()) << json.dump();
        EXPECT_EQ(record.error().code, ErrorCode::kInvalidArgument) << json.dump();
    }
}

}  // namespace
}  // namespace kc::core

namespace kc::core {
namespace {

TEST(RecordToJsonText, ParsesBackToTheSameObjectAsRecordToJson) {
    Seed seed;
    seed.id = 7;
    seed.organization_id = 3;
    seed.title = "引用符\"と\\バックスラッシュ\n改行\ttab\x01";
    seed.keywords = {"希少糖", "a\"b"};
    seed.trl = 4;
    seed.field = "life_science";
    seed.ip_status = "none";
    seed.visibility = "public";
    Record record = ToRecord(seed);
    auto text = RecordToJsonText(record);
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << text;
    EXPECT_EQ(parsed, RecordToJson(record));

    Evaluation evaluation;
    evaluation.proposal_id = 1;
    evaluation.raw_score = 0.1;
    evaluation.calibrated_score = 3.25;
    Record with_doubles = ToRecord(evaluation);
    EXPECT_EQ(nlohmann::json::parse(RecordToJsonText(with_doubles)), RecordToJson(with_doubles));
}

}  // namespace
}  // namespace kc::core
