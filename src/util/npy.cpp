#include "util/npy.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <optional>

#include "util/file.h"

namespace kc {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the .npy reader copies little-endian elements as they are");

constexpr std::string_view kMagic = "\x93NUMPY";

// The parsed header dict.
struct Header {
    std::string descr;
    std::optional<bool> fortran_order;
    std::optional<std::vector<int64_t>> shape;
};

// A cursor over the header's Python literal, with errors that quote where it went wrong.
class HeaderParser {
  public:
    HeaderParser(std::string_view text, std::string_view name) : text_(text), name_(name) {}

    Result<Header> Parse() {
        Header header;
        SkipSpace();
        if (!Consume('{')) return Failure("'{' opening the header dict");
        while (true) {
            SkipSpace();
            if (Consume('}')) break;
            auto key = ParseString();
            if (!key) return Fail(key.error());
            SkipSpace();
            if (!Consume(':')) return Failure("':' after the key");
            SkipSpace();
            if (*key == "descr") {
                auto value = ParseString();
                if (!value) return Fail(value.error());
                header.descr = *value;
            } else if (*key == "fortran_order") {
                if (ConsumeWord("True")) {
                    header.fortran_order = true;
                } else if (ConsumeWord("False")) {
                    header.fortran_order = false;
                } else {
                    return Failure("True or False for 'fortran_order'");
                }
            } else if (*key == "shape") {
                auto value = ParseShape();
                if (!value) return Fail(value.error());
                header.shape = *value;
            } else {
                return Fail(Error::InvalidArgument(
                    fmt::format("{}: header key '{}': expected 'descr', 'fortran_order' or "
                                "'shape'",
                                name_, *key)));
            }
            SkipSpace();
            if (Consume(',')) continue;
            SkipSpace();
            if (Consume('}')) break;
            return Failure("',' or '}' after a value");
        }
        if (header.descr.empty()) return Missing("descr");
        if (!header.fortran_order) return Missing("fortran_order");
        if (!header.shape) return Missing("shape");
        return header;
    }

  private:
    void SkipSpace() {
        while (pos_ < text_.size() &&
               (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t')) {
            ++pos_;
        }
    }
    bool Consume(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool ConsumeWord(std::string_view word) {
        if (text_.substr(pos_).starts_with(word)) {
            pos_ += word.size();
            return true;
        }
        return false;
    }
    Result<std::string> ParseString() {
        if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
            return Failure("a quoted string");
        }
        const char quote = text_[pos_++];
        const size_t end = text_.find(quote, pos_);
        if (end == std::string_view::npos) return Failure("a closing quote");
        std::string value(text_.substr(pos_, end - pos_));
        pos_ = end + 1;
        return value;
    }
    Result<std::vector<int64_t>> ParseShape() {
        if (!Consume('(')) return Failure("'(' opening the shape tuple");
        std::vector<int64_t> shape;
        while (true) {
            SkipSpace();
            if (Consume(')')) break;
            const size_t start = pos_;
            int64_t value = 0;
            while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
                if (value > (int64_t{1} << 48)) return Failure("an extent below 2^48");
                value = value * 10 + (text_[pos_] - '0');
                ++pos_;
            }
            if (pos_ == start) return Failure("a non-negative integer extent in the shape");
            shape.push_back(value);
            SkipSpace();
            if (Consume(',')) continue;
            if (Consume(')')) break;
            return Failure("',' or ')' in the shape");
        }
        return shape;
    }
    std::unexpected<Error> Failure(std::string_view expected) const {
        std::string_view rest = text_.substr(pos_, 20);
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: header at character {}: expected {}, got \"{}\"", name_, pos_ + 1, expected,
            pos_ < text_.size() ? std::string(rest) : std::string("end of header"))));
    }
    std::unexpected<Error> Missing(std::string_view key) const {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: header: expected a '{}' key, found none", name_, key)));
    }

    std::string_view text_;
    std::string_view name_;
    size_t pos_ = 0;
};

std::string ShapeText(const std::vector<int64_t>& shape) {
    std::string out = "(";
    for (size_t idx = 0; idx < shape.size(); ++idx) {
        if (idx > 0) out += ", ";
        out += std::to_string(shape[idx]);
    }
    if (shape.size() == 1) out += ",";
    return out + ")";
}

// Copies `count` 8-byte elements from `data` into `out` in row-major order.
template <class T>
void CopyElements(std::string_view data, const std::vector<int64_t>& shape, bool fortran_order,
                  std::vector<T>& out) {
    const int64_t rows = shape[0];
    const int64_t cols = shape.size() == 2 ? shape[1] : 1;
    out.resize(static_cast<size_t>(rows * cols));
    if (out.empty()) return;  // memcpy must not see the null data() of an empty vector
    if (!fortran_order || shape.size() == 1) {
        std::memcpy(out.data(), data.data(), out.size() * sizeof(T));
        return;
    }
    // Fortran order: element (row, col) is stored at col * rows + row.
    for (int64_t col = 0; col < cols; ++col) {
        for (int64_t row = 0; row < rows; ++row) {
            std::memcpy(&out[static_cast<size_t>(row * cols + col)],
                        data.data() + static_cast<size_t>(col * rows + row) * sizeof(T), sizeof(T));
        }
    }
}

}  // namespace

int64_t NpyArray::Size() const {
    int64_t size = 1;
    for (int64_t extent : shape) size *= extent;
    return size;
}

double NpyArray::At(int64_t row, int64_t col) const {
    const int64_t cols = shape.size() == 2 ? shape[1] : 1;
    return doubles[static_cast<size_t>(row * cols + col)];
}

Result<NpyArray> ParseNpy(std::string_view bytes, std::string_view name) {
    if (!bytes.starts_with(kMagic)) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: not a NumPy .npy file: expected the magic bytes \\x93NUMPY at the start", name)));
    }
    if (bytes.size() < kMagic.size() + 2) {
        return Fail(Error::InvalidArgument(fmt::format("{}: truncated after the magic", name)));
    }
    const auto major = static_cast<unsigned char>(bytes[6]);
    const auto minor = static_cast<unsigned char>(bytes[7]);
    if ((major != 1 && major != 2) || minor != 0) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: format version {}.{}: expected 1.0 or 2.0", name, major, minor)));
    }
    const size_t length_bytes = major == 1 ? 2 : 4;
    const size_t prefix = 8 + length_bytes;
    if (bytes.size() < prefix) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: truncated: expected a {}-byte header length", name, length_bytes)));
    }
    size_t header_length = 0;
    for (size_t idx = 0; idx < length_bytes; ++idx) {
        header_length |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + idx]))
                         << (8 * idx);
    }
    if (bytes.size() < prefix + header_length) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: truncated: the header says {} bytes, the file has {} after the "
                        "length",
                        name, header_length, bytes.size() - prefix)));
    }
    auto header = HeaderParser(bytes.substr(prefix, header_length), name).Parse();
    if (!header) return Fail(header.error());

    NpyArray array;
    if (header->descr == "<f8") {
        array.type = NpyArray::Type::kFloat64;
    } else if (header->descr == "<i8") {
        array.type = NpyArray::Type::kInt64;
    } else {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: dtype '{}': expected '<f8' (float64) or '<i8' (int64)", name, header->descr)));
    }
    array.shape = *header->shape;
    if (array.shape.empty() || array.shape.size() > 2) {
        return Fail(Error::InvalidArgument(
            fmt::format("{}: shape {}: expected 1 or 2 dimensions", name, ShapeText(array.shape))));
    }
    const std::string_view data = bytes.substr(prefix + header_length);
    // The element count, checked against the data before anything is multiplied out.
    uint64_t expected = 8;
    bool too_large = false;
    if (std::find(array.shape.begin(), array.shape.end(), 0) != array.shape.end()) expected = 0;
    for (int64_t extent : array.shape) {
        if (expected == 0) break;
        const auto size = static_cast<uint64_t>(extent);
        if (expected > std::numeric_limits<uint64_t>::max() / size) too_large = true;
        expected = too_large ? 0 : expected * size;
    }
    if (too_large || data.size() != expected) {
        return Fail(Error::InvalidArgument(fmt::format(
            "{}: data is {} bytes: expected 8 bytes × shape {}{}", name, data.size(),
            ShapeText(array.shape), too_large ? std::string() : fmt::format(" = {}", expected))));
    }
    if (array.type == NpyArray::Type::kFloat64) {
        CopyElements(data, array.shape, *header->fortran_order, array.doubles);
    } else {
        CopyElements(data, array.shape, *header->fortran_order, array.ints);
    }
    return array;
}

Result<NpyArray> ReadNpy(const std::string& path) {
    auto bytes = ReadFile(path);
    if (!bytes) return Fail(bytes.error());
    return ParseNpy(*bytes, path);
}

}  // namespace kc
