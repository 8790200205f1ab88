#include "cli/table.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace kc::cli {

namespace {

int CharWidth(UChar32 c) {
    if (c == 0 || u_getCombiningClass(c) != 0) return 0;
    int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace

int DisplayWidth(std::string_view text) {
    int width = 0;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        width += c < 0 ? 1 : CharWidth(c);
    }
    return width;
}

std::string Truncate(std::string_view text, int width) {
    if (DisplayWidth(text) <= width) return std::string(text);
    std::string out;
    int used = 0;
    int32_t i = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        int w = c < 0 ? 1 : CharWidth(c);
        if (used + w > width - 1) break;
        out.append(text.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
        used += w;
    }
    return out + "…";
}

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : headers_(std::move(headers)), align_(std::move(align)) {
    align_.resize(headers_.size(), Align::kLeft);
}

void Table::AddRow(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    for (auto& cell : cells) {
        for (auto& c : cell) {
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        }
    }
    rows_.push_back(std::move(cells));
}

std::string Table::Render(int max_cell) const {
    std::vector<int> widths(headers_.size(), 0);
    std::vector<int> limits(headers_.size(), max_cell);
    for (size_t i = 0; i < max_widths_.size() && i < limits.size(); ++i) {
        if (max_widths_[i] > 0) limits[i] = max_widths_[i];
    }
    auto measure = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i) {
            widths[i] = std::max(widths[i], std::min(limits[i], DisplayWidth(cells[i])));
        }
    };
    measure(headers_);
    for (const auto& row : rows_) measure(row);
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t i = 0; i < cells.size(); ++i) {
            std::string cell = Truncate(cells[i], limits[i]);
            int pad = widths[i] - DisplayWidth(cell);
            if (i) out += "  ";
            if (align_[i] == Align::kRight) out += std::string(static_cast<size_t>(pad), ' ');
            out += cell;
            if (align_[i] == Align::kLeft && i + 1 < cells.size()) {
                out += std::string(static_cast<size_t>(pad), ' ');
            }
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(headers_);
    std::string rule;
    for (size_t i = 0; i < widths.size(); ++i) {
        if (i) rule += "  ";
        rule += std::string(static_cast<size_t>(widths[i]), '-');
    }
    out += rule + "\n";
    for (const auto& row : rows_) out += line(row);
    return out;
}

}  // namespace kc::cli
