#pragma once

// RFC 4180 CSV over text already decoded to UTF-8 (see util/encoding.h), with errors that point
// at the line and column a person sees in an editor.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace kc {

// Limits that keep a malformed or hostile file from exhausting memory.
struct CsvOptions {
    size_t max_field_bytes = 16 * 1024 * 1024;  // longest field, in bytes after unquoting
    size_t max_fields = 4096;                   // most fields in one record
};

// One record: its fields (unquoted, "" unescaped, embedded line breaks kept as written) and the
// 1-based physical line on which it starts.
struct CsvRow {
    int line = 0;
    std::vector<std::string> fields;
};

// Reads records one at a time from `text`, which must outlive the reader.
//
// Format: fields separated by ','; records end with CRLF, LF or a lone CR (old Mac files); the
// last record may lack a line end. A field that starts with '"' is quoted: it may contain ',',
// line breaks and '""' (one quote) and must be followed by ',' or the end of the line. Nothing is
// trimmed; a UTF-8 byte order mark at the very start is skipped. Completely empty lines (no
// characters at all before the line end) are skipped and produce no record; a line holding only ""
// is a record with one empty field.
//
// Errors name the position as "line L, column C: ..." with 1-based L and C, C counting
// characters (not bytes) from the start of the physical line:
//   - an unterminated quoted field: "line 3, column 15: unterminated quoted field (started at
//     line 3, column 15)", pointing at its opening quote;
//   - a quote inside an unquoted field (a"b);
//   - text after a closing quote: "expected ',' or end of line after closing quote, got 'x'";
//   - a field over max_field_bytes: "field exceeds 16 MiB limit";
//   - more than max_fields fields in a record;
//   - a NUL byte: "unexpected NUL byte: this does not look like a CSV text file".
// After an error the reader stops: every later Next() returns the same error.
class CsvReader {
  public:
    explicit CsvReader(std::string_view text, CsvOptions options = {});

    // The next record, std::nullopt at the end of the text, or an error (see above).
    [[nodiscard]] Result<std::optional<CsvRow>> Next();

    // Bytes of `text` consumed so far (for progress reporting).
    [[nodiscard]] int64_t BytesConsumed() const;

  private:
    struct Location {
        int line = 0;
        size_t column = 0;
    };

    // Line and column of byte `offset`, which lies in the record starting at record_start_.
    [[nodiscard]] Location LocationOf(size_t offset) const;
    // Records and returns an error at byte `offset`.
    [[nodiscard]] Error ErrorAt(size_t offset, std::string_view message);
    [[nodiscard]] std::string FieldTooLarge() const;

    std::string_view text_;
    CsvOptions options_;
    size_t pos_ = 0;
    int line_ = 1;                               // physical line at pos_ between records
    size_t record_start_ = 0;                    // offset of the current record's first byte
    int record_line_ = 1;                        // line of record_start_
    size_t first_nul_ = std::string_view::npos;  // offset of the first NUL byte
    size_t fields_hint_ = 8;                     // field count of the previous record, to reserve
    std::optional<Error> error_;
};

// Appends `field` to `out`, quoted when it contains ',', '"', CR or LF or starts or ends with a
// space or tab (quotes inside are doubled); otherwise as is.
void AppendCsvField(std::string& out, std::string_view field);

// Appends `fields` separated by ',' and ended by CRLF (RFC 4180). A record of one empty field is
// written as "" so that it is not read back as an empty line; zero fields give an empty line.
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields);

}  // namespace kc
