#pragma once

// Plain-text tables for the terminal that line up Japanese text: widths count East Asian wide
// and full-width characters as two columns.

#include <string>
#include <string_view>
#include <vector>

namespace kc::cli {

// Display width of UTF-8 text in terminal columns.
[[nodiscard]] int DisplayWidth(std::string_view text);

// Cuts `text` to at most `width` columns, ending in "…" when cut.
[[nodiscard]] std::string Truncate(std::string_view text, int width);

enum class Align { kLeft, kRight };

class Table {
  public:
    explicit Table(std::vector<std::string> headers, std::vector<Align> align = {});
    void AddRow(std::vector<std::string> cells);
    // Per-column maximum widths (0 = the `max_cell` of Render); shorter vectors are padded.
    void SetMaxWidths(std::vector<int> widths) { max_widths_ = std::move(widths); }
    // Renders with one space of padding, a rule under the header, and cells cut at `max_cell`.
    [[nodiscard]] std::string Render(int max_cell = 40) const;
    [[nodiscard]] size_t RowCount() const { return rows_.size(); }

  private:
    std::vector<std::string> headers_;
    std::vector<Align> align_;
    std::vector<int> max_widths_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace kc::cli
