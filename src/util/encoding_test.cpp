#include "util/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace kc {
namespace {

// "㈱①髙ｱ日本語" in CP932: NEC special (㈱ 0x878A, ① 0x8740), IBM extension (髙 0xFBFC),
// half-width katakana (ｱ 0xB1) and ordinary JIS X 0208 kanji.
constexpr std::string_view kCp932Sample = "\x87\x8A\x87\x40\xFB\xFC\xB1\x93\xFA\x96\x7B\x8C\xEA";
constexpr std::string_view kUtf8Sample = "㈱①髙ｱ日本語";
constexpr std::string_view kBom = "\xEF\xBB\xBF";

TEST(ParseEncoding, AcceptsNamesAndAliases) {
    struct Case {
        std::string_view name;
        Encoding encoding;
    };
    const Case cases[] = {
        {"auto", Encoding::kAuto},       {"AUTO", Encoding::kAuto},
        {"utf-8", Encoding::kUtf8},      {"UTF-8", Encoding::kUtf8},
        {"utf8", Encoding::kUtf8},       {"cp932", Encoding::kCp932},
        {"CP932", Encoding::kCp932},     {"shift_jis", Encoding::kCp932},
        {"Shift_JIS", Encoding::kCp932}, {"shift-jis", Encoding::kCp932},
        {"sjis", Encoding::kCp932},      {"windows-31j", Encoding::kCp932},
        {"ms932", Encoding::kCp932},     {" utf-8 ", Encoding::kUtf8},
    };
    for (const auto& c : cases) {
        auto result = ParseEncoding(c.name);
        ASSERT_TRUE(result.has_value()) << c.name << ": " << result.error().message;
        EXPECT_EQ(*result, c.encoding) << c.name;
    }
}

TEST(ParseEncoding, RejectsUnknownNames) {
    auto result = ParseEncoding("latin1");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message,
              "expected an encoding: auto, utf-8 or cp932 (shift_jis), got \"latin1\"");
    EXPECT_FALSE(ParseEncoding("").has_value());
    EXPECT_FALSE(ParseEncoding("euc-jp").has_value());
}

TEST(EncodingName, NamesEachEncoding) {
    EXPECT_STREQ(EncodingName(Encoding::kAuto), "auto");
    EXPECT_STREQ(EncodingName(Encoding::kUtf8), "utf-8");
    EXPECT_STREQ(EncodingName(Encoding::kCp932), "cp932");
    for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kCp932}) {
        auto parsed = ParseEncoding(EncodingName(e));
        ASSERT_TRUE(parsed.has_value());
        EXPECT_EQ(*parsed, e);
    }
}

TEST(IsValidUtf8, AcceptsWellFormedText) {
    const std::string_view cases[] = {
        "",
        "plain ascii that is longer than eight bytes",
        "日本語",
        "\xC2\x80",          // U+0080, smallest two-byte
        "\xDF\xBF",          // U+07FF
        "\xE0\xA0\x80",      // U+0800, smallest three-byte
        "\xED\x9F\xBF",      // U+D7FF, just below the surrogates
        "\xEE\x80\x80",      // U+E000, just above
        "\xEF\xBF\xBF",      // U+FFFF
        "\xF0\x90\x80\x80",  // U+10000
        "\xF4\x8F\xBF\xBF",  // U+10FFFF, the largest
        "😀 emoji",
    };
    for (std::string_view text : cases) EXPECT_TRUE(IsValidUtf8(text)) << text;
}

TEST(IsValidUtf8, RejectsMalformedTextAtItsOffset) {
    struct Case {
        std::string_view text;
        size_t offset;
        std::string_view why;
    };
    const Case cases[] = {
        {"\x80", 0, "stray continuation byte"},
        {"ab\xBF", 2, "stray continuation byte"},
        {"\xC0\x80", 0, "overlong NUL"},
        {"\xC1\xBF", 0, "overlong two-byte"},
        {"\xE0\x80\x80", 0, "overlong three-byte"},
        {"\xE0\x9F\xBF", 0, "overlong three-byte"},
        {"\xF0\x80\x80\x80", 0, "overlong four-byte"},
        {"\xF0\x8F\xBF\xBF", 0, "overlong four-byte"},
        {"\xED\xA0\x80", 0, "surrogate U+D800"},
        {"\xED\xBF\xBF", 0, "surrogate U+DFFF"},
        {"\xF4\x90\x80\x80", 0, "above U+10FFFF"},
        {"\xF5\x80\x80\x80", 0, "F5 lead"},
        {"\xFF", 0, "FF"},
        {"x\xE3\x81", 1, "truncated at end"},
        {"\xE3\x81x", 0, "truncated before ASCII"},
        {"\xC3", 0, "truncated two-byte"},
        {"\xF0\x9F\x98", 0, "truncated four-byte"},
        {"0123456789abcdefghij\x82", 20, "after the ASCII fast path"},
        {"日本\x82語", 6, "between kanji"},
    };
    for (const auto& c : cases) {
        size_t offset = 999;
        EXPECT_FALSE(IsValidUtf8(c.text, &offset)) << c.why;
        EXPECT_EQ(offset, c.offset) << c.why;
        EXPECT_FALSE(IsValidUtf8(c.text)) << c.why;
    }
}

TEST(DecodeToUtf8, AutoKeepsUtf8AndStripsBom) {
    auto plain = DecodeToUtf8("a,b\n日本,語\n", Encoding::kAuto);
    ASSERT_TRUE(plain.has_value()) << plain.error().message;
    EXPECT_EQ(plain->text, "a,b\n日本,語\n");
    EXPECT_EQ(plain->encoding, Encoding::kUtf8);
    EXPECT_FALSE(plain->had_bom);

    auto bom = DecodeToUtf8(std::string(kBom) + "a,b\n", Encoding::kAuto);
    ASSERT_TRUE(bom.has_value()) << bom.error().message;
    EXPECT_EQ(bom->text, "a,b\n");
    EXPECT_EQ(bom->encoding, Encoding::kUtf8);
    EXPECT_TRUE(bom->had_bom);

    auto empty = DecodeToUtf8("", Encoding::kAuto);
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->text, "");
    EXPECT_EQ(empty->encoding, Encoding::kUtf8);
}

TEST(DecodeToUtf8, AutoDetectsCp932) {
    auto result = DecodeToUtf8(kCp932Sample, Encoding::kAuto);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(result->text, kUtf8Sample);
    EXPECT_EQ(result->encoding, Encoding::kCp932);
    EXPECT_FALSE(result->had_bom);
}

TEST(DecodeToUtf8, Cp932MapsLikeWindows) {
    struct Case {
        std::string_view cp932;
        std::string_view utf8;
    };
    const Case cases[] = {
        {"\x5C\x7E", "\\~"},           // ASCII range as in Windows
        {"\x81\x60", "～"},            // WAVE DASH position -> U+FF5E
        {"\x81\x7C", "－"},            // minus -> U+FF0D
        {"\xED\x40", "纊"},            // NEC-selected IBM extension
        {"\xFA\x40", "ⅰ"},             // IBM extension
        {"\xB1\xB2\xB3\xDE", "ｱｲｳﾞ"},  // half-width katakana
        {"\x82\xA0\x82\xA2", "あい"},
        {"abc\r\n", "abc\r\n"},
    };
    for (const auto& c : cases) {
        auto result = DecodeToUtf8(c.cp932, Encoding::kCp932);
        ASSERT_TRUE(result.has_value()) << c.utf8 << ": " << result.error().message;
        EXPECT_EQ(result->text, c.utf8);
        EXPECT_EQ(result->encoding, Encoding::kCp932);
    }
}

TEST(DecodeToUtf8, Cp932ConvertsLargeInputInChunks) {
    std::string cp932;
    std::string utf8;
    for (int i = 0; i < 30000; ++i) {
        cp932 += kCp932Sample;
        cp932 += "\r\n";
        utf8 += kUtf8Sample;
        utf8 += "\r\n";
    }
    auto result = DecodeToUtf8(cp932, Encoding::kAuto);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(result->encoding, Encoding::kCp932);
    EXPECT_EQ(result->text, utf8);
}

TEST(DecodeToUtf8, AutoReportsBothFailures) {
    auto result = DecodeToUtf8("line1\nline2\nab\x80", Encoding::kAuto);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message,
              "not valid UTF-8 (invalid byte 0x80 at line 3, byte 15) nor CP932 (Shift_JIS) (as "
              "CP932: invalid byte 0x80 at line 3, byte 15); save the file as UTF-8 or CP932");
}

TEST(DecodeToUtf8, AutoWithBomMustBeUtf8) {
    auto result = DecodeToUtf8(std::string(kBom) + "ok\n\x87\x8A", Encoding::kAuto);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message,
              "not valid UTF-8 although it starts with a UTF-8 byte order mark: invalid byte 0x87 "
              "at line 2, byte 7");
}

TEST(DecodeToUtf8, Utf8RequestedRejectsInvalidBytes) {
    auto result = DecodeToUtf8("a,b\r\nc,d\r\n\x82\xA0", Encoding::kUtf8);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().message, "not valid UTF-8: invalid byte 0x82 at line 3, byte 11");

    auto bom = DecodeToUtf8("\xEF\xBB\xBF日本", Encoding::kUtf8);
    ASSERT_TRUE(bom.has_value()) << bom.error().message;
    EXPECT_EQ(bom->text, "日本");
    EXPECT_TRUE(bom->had_bom);
    EXPECT_EQ(bom->encoding, Encoding::kUtf8);
}

TEST(DecodeToUtf8, Cp932RequestedIsStrict) {
    struct Case {
        std::string_view bytes;
        std::string_view message;
    };
    const Case cases[] = {
        {"ab\x80", "not valid CP932 (Shift_JIS): invalid byte 0x80 at line 1, byte 3"},
        {"a\n\xFF", "not valid CP932 (Shift_JIS): invalid byte 0xFF at line 2, byte 3"},
        {"\x82\xA0\x85\x40",
         "not valid CP932 (Shift_JIS): invalid bytes 0x85 0x40 at line 1, byte 3"},
        {"ok\x82",
         "not valid CP932 (Shift_JIS): truncated sequence 0x82 at line 1, byte 3 (end of input)"},
    };
    for (const auto& c : cases) {
        auto result = DecodeToUtf8(c.bytes, Encoding::kCp932);
        ASSERT_FALSE(result.has_value()) << c.message;
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(EncodeFromUtf8, RoundTripsCp932) {
    const std::string text = "番号,名称\r\n1,㈱①髙ｱ日本語 ~\\\r\n";
    auto encoded = EncodeFromUtf8(text, Encoding::kCp932);
    ASSERT_TRUE(encoded.has_value()) << encoded.error().message;
    auto decoded = DecodeToUtf8(*encoded, Encoding::kCp932);
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    EXPECT_EQ(decoded->text, text);

    auto sample = EncodeFromUtf8(kUtf8Sample, Encoding::kCp932);
    ASSERT_TRUE(sample.has_value());
    EXPECT_EQ(*sample, kCp932Sample);

    // Auto-detection finds CP932 again.
    auto detected = DecodeToUtf8(*encoded, Encoding::kAuto);
    ASSERT_TRUE(detected.has_value());
    EXPECT_EQ(detected->encoding, Encoding::kCp932);
    EXPECT_EQ(detected->text, text);
}

TEST(EncodeFromUtf8, UsesCp932EquivalentsForLookAlikes) {
    struct Case {
        std::string_view utf8;
        std::string_view cp932;
    };
    const Case cases[] = {
        {"〜", "\x81\x60"},  // U+301C WAVE DASH, as typed on a Mac
        {"−", "\x81\x7C"},   // U+2212 MINUS SIGN
        {"¥", "\x5C"},       // U+00A5 YEN SIGN
    };
    for (const auto& c : cases) {
        auto result = EncodeFromUtf8(c.utf8, Encoding::kCp932);
        ASSERT_TRUE(result.has_value()) << c.utf8 << ": " << result.error().message;
        EXPECT_EQ(*result, c.cp932) << c.utf8;
    }
}

TEST(EncodeFromUtf8, NamesTheFirstUnrepresentableCharacter) {
    struct Case {
        std::string_view utf8;
        std::string_view message;
    };
    const Case cases[] = {
        {"ab\nc€d", "cannot encode '€' (U+20AC) at line 2, column 2 in CP932 (Shift_JIS)"},
        {"日本😀", "cannot encode '😀' (U+1F600) at line 1, column 3 in CP932 (Shift_JIS)"},
        {"😀x\n😀\n한", "cannot encode '😀' (U+1F600) at line 1, column 1 in CP932 (Shift_JIS)"},
        {"ok\r\n\r\n한국", "cannot encode '한' (U+D55C) at line 3, column 1 in CP932 (Shift_JIS)"},
    };
    for (const auto& c : cases) {
        auto result = EncodeFromUtf8(c.utf8, Encoding::kCp932);
        ASSERT_FALSE(result.has_value()) << c.message;
        EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(result.error().message, c.message);
    }
}

TEST(EncodeFromUtf8, Utf8TargetCopiesValidText) {
    auto result = EncodeFromUtf8("日本", Encoding::kUtf8);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(*result, "日本");
    auto bad = EncodeFromUtf8("ab\xFF", Encoding::kUtf8);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().message,
              "cannot encode text that is not valid UTF-8: invalid byte 0xFF at line 1, byte 3");
    auto cp932_bad = EncodeFromUtf8("ab\xFF", Encoding::kCp932);
    EXPECT_FALSE(cp932_bad.has_value());
    auto automatic = EncodeFromUtf8("x", Encoding::kAuto);
    ASSERT_FALSE(automatic.has_value());
    EXPECT_EQ(automatic.error().message,
              "expected utf-8 or cp932 as the encoding to write, got auto");
}

TEST(EncodeFromUtf8, HandlesEmptyInput) {
    for (Encoding e : {Encoding::kUtf8, Encoding::kCp932}) {
        auto encoded = EncodeFromUtf8(std::string_view(), e);
        ASSERT_TRUE(encoded.has_value()) << encoded.error().message;
        EXPECT_EQ(*encoded, "");
        auto decoded = DecodeToUtf8(std::string_view(), e);
        ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
        EXPECT_EQ(decoded->text, "");
        EXPECT_EQ(decoded->encoding, e);
    }
}

TEST(EncodeFromUtf8, ConvertsLargeInputInChunks) {
    std::string utf8;
    std::string cp932;
    for (int i = 0; i < 30000; ++i) {
        utf8 += kUtf8Sample;
        utf8 += ",";
        cp932 += kCp932Sample;
        cp932 += ",";
    }
    auto result = EncodeFromUtf8(utf8, Encoding::kCp932);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(*result, cp932);
}

}  // namespace
}  // namespace kc
