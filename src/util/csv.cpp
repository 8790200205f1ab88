#include "util/csv.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

namespace kc {
namespace {

// Bytes that end an unquoted field or need attention inside one.
constexpr std::array<bool, 256> MakeSpecialTable() {
    std::array<bool, 256> table{};
    table[static_cast<unsigned char>(',')] = true;
    table[static_cast<unsigned char>('\n')] = true;
    table[static_cast<unsigned char>('\r')] = true;
    table[static_cast<unsigned char>('"')] = true;
    return table;
}
constexpr std::array<bool, 256> kSpecial = MakeSpecialTable();

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string DescribeSize(size_t bytes) {
    constexpr size_t kKiB = 1024;
    constexpr size_t kMiB = 1024 * 1024;
    if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
    if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
    return fmt::format("{}-byte", bytes);
}

// Number of line breaks (LF, CRLF or lone CR) in text[begin, end), where text[end] may follow.
int CountLineBreaks(std::string_view text, size_t begin, size_t end) {
    int breaks = 0;
    for (size_t i = begin; i < end; ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++breaks;
        } else if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
            ++breaks;
        }
    }
    return breaks;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, CsvOptions options) : text_(text), options_(options) {
    const void* nul = text_.empty() ? nullptr : std::memchr(text_.data(), '\0', text_.size());
    first_nul_ = nul == nullptr ? std::string_view::npos
                                : static_cast<size_t>(static_cast<const char*>(nul) - text_.data());
    // A UTF-8 byte order mark left in front of the text is not part of the first field.
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

int64_t CsvReader::BytesConsumed() const { return static_cast<int64_t>(pos_); }

CsvReader::Location CsvReader::LocationOf(size_t offset) const {
    int line = record_line_;
    size_t line_start = record_start_;
    for (size_t i = record_start_; i < offset && i < text_.size(); ++i) {
        const char c = text_[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) {
            ++line;
            line_start = i + 1;
        }
    }
    size_t column = 1;
    for (size_t i = line_start; i < offset && i < text_.size(); ++i) {
        if (!IsContinuationByte(text_[i])) ++column;
    }
    return Location{line, column};
}

Error CsvReader::ErrorAt(size_t offset, std::string_view message) {
    const Location where = LocationOf(offset);
    error_ = Error::InvalidArgument(
        fmt::format("line {}, column {}: {}", where.line, where.column, message));
    pos_ = text_.size();
    return *error_;
}

std::string CsvReader::FieldTooLarge() const {
    return fmt::format("field exceeds {} limit", DescribeSize(options_.max_field_bytes));
}

Result<std::optional<CsvRow>> CsvReader::Next() {
    if (error_) return Fail(*error_);
    const char* const data = text_.data();
    const size_t size = text_.size();

    // Skip completely empty lines.
    while (pos_ < size) {
        if (data[pos_] == '\n') {
            ++pos_;
        } else if (data[pos_] == '\r') {
            ++pos_;
            if (pos_ < size && data[pos_] == '\n') ++pos_;
        } else {
            break;
        }
        ++line_;
    }
    if (pos_ >= size) return std::optional<CsvRow>();

    record_start_ = pos_;
    record_line_ = line_;
    int breaks_in_quotes = 0;
    CsvRow row;
    row.line = line_;
    row.fields.reserve(fields_hint_);

    while (true) {
        if (row.fields.size() >= options_.max_fields) {
            return Fail(
                ErrorAt(pos_, fmt::format("record has more than {} fields", options_.max_fields)));
        }
        const size_t field_start = pos_;
        if (pos_ < size && data[pos_] == '"') {
            // Quoted field: copy the chunks between quotes, turning "" into ".
            std::string value;
            ++pos_;
            while (true) {
                const void* found = std::memchr(data + pos_, '"', size - pos_);
                if (found == nullptr) {
                    const Location start = LocationOf(field_start);
                    return Fail(ErrorAt(
                        field_start,
                        fmt::format("unterminated quoted field (started at line {}, column {})",
                                    start.line, start.column)));
                }
                const auto quote = static_cast<size_t>(static_cast<const char*>(found) - data);
                breaks_in_quotes += CountLineBreaks(text_, pos_, quote);
                value.append(data + pos_, quote - pos_);
                const bool doubled = quote + 1 < size && data[quote + 1] == '"';
                if (doubled) value += '"';
                if (value.size() > options_.max_field_bytes) {
                    return Fail(ErrorAt(field_start, FieldTooLarge()));
                }
                pos_ = quote + (doubled ? 2 : 1);
                if (!doubled) break;
            }
            if (pos_ < size && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r') {
                size_t char_end = pos_ + 1;
                while (char_end < size && IsContinuationByte(data[char_end])) ++char_end;
                const size_t after_quote = pos_;
                return Fail(
                    ErrorAt(after_quote,
                            fmt::format("expected ',' or end of line after closing quote, got '{}'",
                                        text_.substr(after_quote, char_end - after_quote))));
            }
            row.fields.push_back(std::move(value));
        } else {
            // Unquoted field: a view up to the next special byte.
            size_t end = pos_;
            while (end < size && !kSpecial[static_cast<unsigned char>(data[end])]) ++end;
            if (end < size && data[end] == '"') {
                return Fail(ErrorAt(end,
                                    "unexpected '\"' inside an unquoted field (a field that "
                                    "contains quotes must be quoted, with each quote doubled)"));
            }
            if (end - pos_ > options_.max_field_bytes) {
                return Fail(ErrorAt(field_start, FieldTooLarge()));
            }
            row.fields.emplace_back(data + pos_, end - pos_);
            pos_ = end;
        }
        if (first_nul_ < pos_) {
            return Fail(ErrorAt(first_nul_,
                                "unexpected NUL byte: this does not look like a CSV text file"));
        }
        if (pos_ >= size) break;
        const char c = data[pos_];
        ++pos_;
        if (c == ',') continue;
        // A line end: CRLF, LF or a lone CR.
        if (c == '\r' && pos_ < size && data[pos_] == '\n') ++pos_;
        break;
    }
    line_ += breaks_in_quotes + 1;
    fields_hint_ = row.fields.size();
    return std::optional<CsvRow>(std::move(row));
}

void AppendCsvField(std::string& out, std::string_view field) {
    bool needs_quotes = false;
    if (!field.empty()) {
        const char first = field.front();
        const char last = field.back();
        needs_quotes = first == ' ' || first == '\t' || last == ' ' || last == '\t';
    }
    if (!needs_quotes) {
        for (char c : field) {
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                needs_quotes = true;
                break;
            }
        }
    }
    if (!needs_quotes) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields) {
    if (fields.size() == 1 && fields.front().empty()) {
        out += "\"\"\r\n";
        return;
    }
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        AppendCsvField(out, fields[i]);
    }
    out += "\r\n";
}

}  // namespace kc
