#pragma once

// A small SVG chart writer for the reports (app/report.h): horizontal bar charts, one or more
// series per group (target vs actual, granted vs executed, the ledger by category), and a funnel.
// Output is a self-contained <svg> element (no script, no external CSS or fonts) meant to be
// inlined in an HTML page: a viewBox, role="img" with <title> and <desc> for screen readers, a
// <title> on every bar, all text escaped. Labels may be Japanese: widths are estimated with
// CJK characters one em wide. Deterministic: the same chart gives the same bytes. Every bar is
// drawn as one `<rect class="bar ...">`, so tests can count them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kc::app::svg {

// One row of bars: `values[i]` belongs to series i (nullopt = no value: no bar, an em dash is
// written instead). Values are in plot units (the caller scales them); `value_labels[i]` is the
// text written after bar i (defaults to the value).
struct BarGroup {
    std::string label;
    std::vector<std::optional<double>> values;
    std::vector<std::string> value_labels;
};

struct BarChart {
    std::string id;                   // unique within the page; prefixes the <title>/<desc> ids
    std::string title;                // accessible name
    std::string description;          // accessible description (what is drawn, the scale)
    std::vector<std::string> series;  // legend names; the legend is drawn when there are two+
    std::vector<BarGroup> groups;
    // The value drawn as a full-length bar; 0 = the largest value in the chart.
    double max_value = 0;
    // A dashed vertical line at this value with `reference_label` (e.g. 100% of target).
    std::optional<double> reference;
    std::string reference_label;
};

// Horizontal bars, groups top to bottom, series within a group top to bottom. Negative values
// are drawn as zero-length bars (their labels still say the amount).
[[nodiscard]] std::string RenderBarChart(const BarChart& chart);

struct FunnelStep {
    std::string label;
    double value = 0;
    std::string value_label;  // e.g. "42 (35.0%)"
};

struct FunnelChart {
    std::string id;
    std::string title;
    std::string description;
    std::vector<FunnelStep> steps;  // widest first, as the stages come
};

// A funnel: one centred bar per step, its width proportional to the value (the largest step
// spans the full width; a non-zero step is at least 2 px wide).
[[nodiscard]] std::string RenderFunnel(const FunnelChart& chart);

// Escapes text for XML/HTML content and attribute values: & < > " ' become entities, and
// control characters that XML forbids are dropped.
[[nodiscard]] std::string EscapeXml(std::string_view text);

// Estimated rendered width of `text` at `font_size` px: one em for wide (CJK, full-width)
// characters, 0.6 em for the others.
[[nodiscard]] double TextWidth(std::string_view text, double font_size);

}  // namespace kc::app::svg
