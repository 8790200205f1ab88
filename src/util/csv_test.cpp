#include "util/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace kc {
namespace {

using Fields = std::vector<std::string>;

struct ExpectedRow {
    int line;
    Fields fields;
};

// Reads every record of `text`, failing the test on an error.
std::vector<CsvRow> ReadAll(std::string_view text, CsvOptions options = {}) {
    CsvReader reader(text, options);
    std::vector<CsvRow> rows;
    while (true) {
        auto next = reader.Next();
        EXPECT_TRUE(next.has_value()) << next.error().message;
        if (!next.has_value() || !next->has_value()) break;
        rows.push_back(std::move(**next));
    }
    EXPECT_EQ(reader.BytesConsumed(), static_cast<int64_t>(text.size()));
    return rows;
}

// Reads `text` until the first error and returns its message ("" if there was none).
std::string FirstError(std::string_view text, CsvOptions options = {}) {
    CsvReader reader(text, options);
    while (true) {
        auto next = reader.Next();
        if (!next.has_value()) return next.error().message;
        if (!next->has_value()) return "";
    }
}

struct ReadCase {
    std::string_view name;
    std::string_view text;
    std::vector<ExpectedRow> rows;
};

TEST(CsvReader, ReadsRecords) {
    const std::vector<ReadCase> cases = {
        {"lf", "a,b,c\n1,2,3\n", {{1, {"a", "b", "c"}}, {2, {"1", "2", "3"}}}},
        {"crlf", "a,b\r\n1,2\r\n", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"lone cr", "a,b\r1,2\r", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"no trailing newline", "a,b\n1,2", {{1, {"a", "b"}}, {2, {"1", "2"}}}},
        {"empty text", "", {}},
        {"only newlines", "\n\r\n\r\n", {}},
        {"skips empty lines", "a\n\n\nb\r\n\r\nc", {{1, {"a"}}, {4, {"b"}}, {6, {"c"}}}},
        {"empty fields", ",,\n", {{1, {"", "", ""}}}},
        {"trailing comma", "a,\n", {{1, {"a", ""}}}},
        {"trailing comma at end", "a,", {{1, {"a", ""}}}},
        {"leading comma", ",a", {{1, {"", "a"}}}},
        {"spaces kept", " a , b \n", {{1, {" a ", " b "}}}},
        {"whitespace-only line is a record", " \n", {{1, {" "}}}},
        {"quoted comma", "\"a,b\",c\n", {{1, {"a,b", "c"}}}},
        {"doubled quote", "\"c\"\"d\",\"\"\"\"\n", {{1, {"c\"d", "\""}}}},
        {"quoted empty", "\"\"\n", {{1, {""}}}},
        {"quoted empty then comma", "\"\",x\n", {{1, {"", "x"}}}},
        {"quoted at end without newline", "a,\"x\"", {{1, {"a", "x"}}}},
        {"embedded lf", "\"line1\nline2\",x\nnext\n", {{1, {"line1\nline2", "x"}}, {3, {"next"}}}},
        {"embedded crlf kept", "\"a\r\nb\"\r\nc\r\n", {{1, {"a\r\nb"}}, {3, {"c"}}}},
        {"embedded lone cr counts a line", "\"a\rb\"\nc\n", {{1, {"a\rb"}}, {3, {"c"}}}},
        {"embedded empty lines", "\"\n\n\"\nz", {{1, {"\n\n"}}, {4, {"z"}}}},
        {"unicode",
         "名称,金額\n株式会社①,5億円\n",
         {{1, {"名称", "金額"}}, {2, {"株式会社①", "5億円"}}}},
        {"bom skipped", "\xEF\xBB\xBFid,name\n1,x\n", {{1, {"id", "name"}}, {2, {"1", "x"}}}},
        {"quoted field with comma and newline then more",
         "id,note\n1,\"a, b\nc\"\n2,plain\n",
         {{1, {"id", "note"}}, {2, {"1", "a, b\nc"}}, {4, {"2", "plain"}}}},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const std::vector<CsvRow> rows = ReadAll(c.text);
        ASSERT_EQ(rows.size(), c.rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            EXPECT_EQ(rows[i].line, c.rows[i].line) << "row " << i;
            EXPECT_EQ(rows[i].fields, c.rows[i].fields) << "row " << i;
        }
    }
}

struct ErrorCase {
    std::string_view name;
    std::string text;
    std::string_view message;
    CsvOptions options = {};
};

TEST(CsvReader, ReportsErrorsWithLineAndColumn) {
    const std::vector<ErrorCase> cases = {
        {"unterminated quote", "a,b\nc,d\naaaaaaaaaaaaa,\"open\nmore\n",
         "line 3, column 15: unterminated quoted field (started at line 3, column 15)"},
        {"unterminated quote at start", "\"",
         "line 1, column 1: unterminated quoted field (started at line 1, column 1)"},
        {"quote in unquoted field", "a,b\"c\n",
         "line 1, column 4: unexpected '\"' inside an unquoted field (a field that contains "
         "quotes must be quoted, with each quote doubled)"},
        {"quote in unquoted field counts characters", "x\n日本,語\"x\n",
         "line 2, column 5: unexpected '\"' inside an unquoted field (a field that contains "
         "quotes must be quoted, with each quote doubled)"},
        {"text after closing quote", "\"ab\"x,c\n",
         "line 1, column 5: expected ',' or end of line after closing quote, got 'x'"},
        {"text after closing quote of a multi-line field", "h\n\"a\nb\"x\n",
         "line 3, column 3: expected ',' or end of line after closing quote, got 'x'"},
        {"space after closing quote", "\"a\" ,b",
         "line 1, column 4: expected ',' or end of line after closing quote, got ' '"},
        {"multibyte after closing quote", "1,\"ab\"日\n",
         "line 1, column 7: expected ',' or end of line after closing quote, got '日'"},
        {"lines after a lone cr", "a\rb\r\"c\"d",
         "line 3, column 4: expected ',' or end of line after closing quote, got 'd'"},
        {"unquoted field too large",
         "ok\nabcde,x\n",
         "line 2, column 1: field exceeds 4-byte limit",
         {.max_field_bytes = 4}},
        {"quoted field too large",
         "a,\"" + std::string(1025, 'y') + "\"\n",
         "line 1, column 3: field exceeds 1 KiB limit",
         {.max_field_bytes = 1024}},
        {"too many fields",
         "a,b,c\na,b,c,d\n",
         "line 2, column 7: record has more than 3 fields",
         {.max_fields = 3}},
        {"nul byte", std::string("a,b\nc,\0d\n", 9),
         "line 2, column 3: unexpected NUL byte: this does not look like a CSV text file"},
        {"nul byte in a quoted field", std::string("\"x\n\0\"\n", 6),
         "line 2, column 1: unexpected NUL byte: this does not look like a CSV text file"},
        {"nul byte at start", std::string("\0", 1),
         "line 1, column 1: unexpected NUL byte: this does not look like a CSV text file"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(FirstError(c.text, c.options), c.message);
    }
}

TEST(CsvReader, RejectsFieldOverDefaultLimit) {
    const std::string text = "id\n" + std::string(16 * 1024 * 1024 + 1, 'x') + "\n";
    EXPECT_EQ(FirstError(text), "line 2, column 1: field exceeds 16 MiB limit");
    const std::string just_fits = std::string(16 * 1024 * 1024, 'x');
    EXPECT_EQ(FirstError(just_fits), "");
}

TEST(CsvReader, ReturnsRowsBeforeTheErrorAndThenStaysFailed) {
    CsvReader reader("a,b\n1,\"2\n");
    auto first = reader.Next();
    ASSERT_TRUE(first.has_value());
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ((*first)->fields, (Fields{"a", "b"}));
    for (int i = 0; i < 3; ++i) {
        auto next = reader.Next();
        ASSERT_FALSE(next.has_value());
        EXPECT_EQ(next.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(next.error().message,
                  "line 2, column 3: unterminated quoted field (started at line 2, column 3)");
    }
}

TEST(CsvReader, ReportsProgressInBytes) {
    const std::string_view text = "a,b\n1,2\n";
    CsvReader reader(text);
    EXPECT_EQ(reader.BytesConsumed(), 0);
    ASSERT_TRUE(reader.Next().has_value());
    EXPECT_EQ(reader.BytesConsumed(), 4);
    ASSERT_TRUE(reader.Next().has_value());
    EXPECT_EQ(reader.BytesConsumed(), 8);
    auto end = reader.Next();
    ASSERT_TRUE(end.has_value());
    EXPECT_FALSE(end->has_value());
}

TEST(AppendCsvField, QuotesOnlyWhenNeeded) {
    struct Case {
        std::string_view field;
        std::string_view written;
    };
    const Case cases[] = {
        {"", ""},
        {"abc", "abc"},
        {"日本語", "日本語"},
        {"a b", "a b"},
        {"a,b", "\"a,b\""},
        {"a\"b", "\"a\"\"b\""},
        {"\"", "\"\"\"\""},
        {"a\nb", "\"a\nb\""},
        {"a\rb", "\"a\rb\""},
        {" lead", "\" lead\""},
        {"trail ", "\"trail \""},
        {"\ttab", "\"\ttab\""},
        {"tab\t", "\"tab\t\""},
    };
    for (const auto& c : cases) {
        std::string out = "prefix:";
        AppendCsvField(out, c.field);
        EXPECT_EQ(out, "prefix:" + std::string(c.written)) << c.field;
    }
}

TEST(AppendCsvRow, EndsWithCrlf) {
    std::string out;
    AppendCsvRow(out, {"a", "b,c", ""});
    EXPECT_EQ(out, "a,\"b,c\",\r\n");
    out.clear();
    AppendCsvRow(out, {""});
    EXPECT_EQ(out, "\"\"\r\n");
    out.clear();
    AppendCsvRow(out, {});
    EXPECT_EQ(out, "\r\n");
}

TEST(AppendCsvRow, RoundTripsThroughReader) {
    const std::vector<Fields> records = {
        {"id", "name", "note"},
        {"1", "株式会社①", "plain"},
        {"2", "a,b", "quote \" inside"},
        {"3", "multi\nline", "crlf\r\ninside"},
        {"4", " padded ", ""},
        {""},
        {"", ""},
        {"5", "\"\"", "lone\rcr"},
    };
    std::string text;
    for (const auto& record : records) AppendCsvRow(text, record);
    const std::vector<CsvRow> rows = ReadAll(text);
    ASSERT_EQ(rows.size(), records.size());
    for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].fields, records[i]) << i;
}

TEST(AppendCsvRow, RoundTripsRandomRecords) {
    // Fields built from the characters that need care, with a fixed pseudo-random sequence.
    const std::string_view pieces[] = {"a", ",", "\"", "\n", "\r", "\r\n", " ", "あ", "\t", "x"};
    uint32_t state = 12345;
    auto next = [&state](uint32_t bound) {
        state = state * 1103515245u + 12345u;
        return (state >> 16) % bound;
    };
    std::vector<Fields> records;
    for (int r = 0; r < 500; ++r) {
        Fields fields(1 + next(6));
        for (std::string& field : fields) {
            const uint32_t length = next(5);
            for (uint32_t i = 0; i < length; ++i) field += pieces[next(std::size(pieces))];
        }
        records.push_back(fields);
    }
    std::string text;
    for (const auto& record : records) AppendCsvRow(text, record);
    const std::vector<CsvRow> rows = ReadAll(text);
    ASSERT_EQ(rows.size(), records.size());
    for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i].fields, records[i]) << i;
}

}  // namespace
}  // namespace kc
