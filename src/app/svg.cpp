#include "app/svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace kc::app::svg {
namespace {

constexpr double kFontSize = 12;
constexpr double kPad = 10;
constexpr double kBarHeight = 14;
constexpr double kBarGap = 2;
constexpr double kGroupGap = 10;
constexpr double kPlotWidth = 360;
constexpr double kMaxLabelWidth = 420;
constexpr double kLegendHeight = 22;
constexpr const char* kFont = "'Hiragino Sans','Noto Sans CJK JP','Yu Gothic',Meiryo,sans-serif";
constexpr const char* kPalette[] = {"#9aa5b1", "#1f6fb2", "#2a9d8f", "#e9c46a", "#e76f51"};
constexpr const char* kText = "#1d2731";

const char* SeriesColour(size_t series_count, size_t index) {
    // A single series (the ledger) gets the teal; several start with grey (target) then blue.
    if (series_count == 1) return kPalette[2];
    return kPalette[index % std::size(kPalette)];
}

// Coordinates with at most one decimal, so output is stable and compact.
std::string Num(double value) {
    double rounded = std::round(value * 10) / 10;
    if (rounded == 0) rounded = 0;  // no "-0"
    std::string text = fmt::format("{:.1f}", rounded);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text;
}

// Decodes one UTF-8 code point starting at text[i] (advancing i); invalid bytes count as one
// narrow character each.
char32_t NextCodePoint(std::string_view text, size_t& i) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = byte < 0x80           ? 1
                    : (byte >> 5) == 0x6  ? 2
                    : (byte >> 4) == 0xE  ? 3
                    : (byte >> 3) == 0x1E ? 4
                                          : 1;
    if (i + length > text.size()) length = 1;
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80) {
            length = 1;
            code = byte;
            break;
        }
        code = (code << 6) | (next & 0x3F);
    }
    i += length;
    return code;
}

bool IsWide(char32_t code) {
    return (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
           (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
           (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
           (code >= 0xFFE0 && code <= 0xFFE6) || code >= 0x1F300;
}

// Cuts `text` so that it fits `width` px, ending with "…".
std::string Fit(std::string_view text, double width) {
    if (TextWidth(text, kFontSize) <= width) return std::string(text);
    double used = kFontSize;  // room for the ellipsis
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        char32_t code = NextCodePoint(text, i);
        used += IsWide(code) ? kFontSize : kFontSize * 0.6;
        if (used > width) return std::string(text.substr(0, start)) + "…";
    }
    return std::string(text);
}

std::string OpenSvg(std::string_view id, std::string_view title, std::string_view description,
                    double width, double height) {
    std::string w = Num(width), h = Num(height);
    return fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-labelledby=\"{2}-title {2}-desc\" font-family=\"{3}\" "
        "font-size=\"{4}\">\n<title id=\"{2}-title\">{5}</title>\n<desc "
        "id=\"{2}-desc\">{6}</desc>\n"
        "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
        w, h, EscapeXml(id), kFont, Num(kFontSize), EscapeXml(title), EscapeXml(description));
}

std::string Text(double x, double y, std::string_view anchor, std::string_view text) {
    return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"{}\">{}</text>\n", Num(x),
                       Num(y), anchor, kText, EscapeXml(text));
}

std::string FormatValue(double value) {
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        return fmt::format("{}", static_cast<int64_t>(value));
    }
    return fmt::format("{:.1f}", value);
}

}  // namespace

std::string EscapeXml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    break;  // not allowed in XML 1.0
                }
                out += c;
        }
    }
    return out;
}

double TextWidth(std::string_view text, double font_size) {
    double width = 0;
    size_t i = 0;
    while (i < text.size()) {
        char32_t code = NextCodePoint(text, i);
        width += IsWide(code) ? font_size : font_size * 0.6;
    }
    return width;
}

std::string RenderBarChart(const BarChart& chart) {
    size_t series_count = chart.series.empty() ? 1 : chart.series.size();
    for (const auto& group : chart.groups)
        series_count = std::max(series_count, group.values.size());

    double max_value = chart.max_value;
    if (max_value <= 0) {
        for (const auto& group : chart.groups) {
            for (const auto& value : group.values) {
                if (value) max_value = std::max(max_value, *value);
            }
        }
        if (chart.reference) max_value = std::max(max_value, *chart.reference);
    }
    if (max_value <= 0) max_value = 1;

    // Value labels of each bar, defaulting to the value itself.
    auto value_label = [](const BarGroup& group, size_t index) -> std::string {
        if (index < group.value_labels.size() && !group.value_labels[index].empty()) {
            return group.value_labels[index];
        }
        if (index < group.values.size() && group.values[index]) {
            return FormatValue(*group.values[index]);
        }
        return "—";
    };
    double label_width = 0, value_width = 0;
    for (const auto& group : chart.groups) {
        label_width = std::max(label_width, TextWidth(group.label, kFontSize));
        for (size_t s = 0; s < series_count; ++s) {
            value_width = std::max(value_width, TextWidth(value_label(group, s), kFontSize));
        }
    }
    label_width = std::min(label_width, kMaxLabelWidth);
    bool legend = chart.series.size() > 1;
    double group_height = static_cast<double>(series_count) * (kBarHeight + kBarGap) - kBarGap;
    double plot_x = kPad + label_width + 8;
    double top = kPad + (legend ? kLegendHeight : 0);
    double plot_height =
        chart.groups.empty()
            ? kBarHeight
            : static_cast<double>(chart.groups.size()) * (group_height + kGroupGap) - kGroupGap;
    double width = plot_x + kPlotWidth + 6 + value_width + kPad;
    if (legend) {
        double legend_width = kPad;
        for (const auto& name : chart.series) legend_width += 18 + TextWidth(name, kFontSize) + 14;
        width = std::max(width, legend_width + kPad);
    }
    double height = top + plot_height + kPad + (chart.reference ? 16 : 0);

    std::string out = OpenSvg(chart.id, chart.title, chart.description, width, height);
    if (legend) {
        double x = kPad;
        for (size_t s = 0; s < chart.series.size(); ++s) {
            out += fmt::format(
                "<rect class=\"legend\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" "
                "fill=\"{}\"/>\n",
                Num(x), Num(kPad), SeriesColour(chart.series.size(), s));
            out += Text(x + 16, kPad + 10.5, "start", chart.series[s]);
            x += 18 + TextWidth(chart.series[s], kFontSize) + 14;
        }
    }
    // The axis.
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#5c6b7a\" "
        "stroke-width=\"1\"/>\n",
        Num(plot_x), Num(top - 2), Num(top + plot_height + 2));

    double y = top;
    for (const auto& group : chart.groups) {
        double middle = y + group_height / 2;
        out += Text(plot_x - 8, middle + 4, "end", Fit(group.label, kMaxLabelWidth));
        for (size_t s = 0; s < series_count; ++s) {
            double bar_y = y + static_cast<double>(s) * (kBarHeight + kBarGap);
            std::optional<double> value = s < group.values.size() ? group.values[s] : std::nullopt;
            std::string label = value_label(group, s);
            std::string series_name = s < chart.series.size() ? chart.series[s] : "";
            double length = 0;
            if (value) {
                length = std::clamp(*value / max_value, 0.0, 1.0) * kPlotWidth;
                out += fmt::format(
                    "<rect class=\"bar series-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                    "fill=\"{}\"><title>{}</title></rect>\n",
                    s, Num(plot_x), Num(bar_y), Num(length), Num(kBarHeight),
                    SeriesColour(series_count, s),
                    EscapeXml(series_name.empty()
                                  ? fmt::format("{}: {}", group.label, label)
                                  : fmt::format("{} — {}: {}", group.label, series_name, label)));
            }
            out += Text(plot_x + length + 6, bar_y + kBarHeight - 3, "start", label);
        }
        y += group_height + kGroupGap;
    }
    if (chart.reference) {
        double x = plot_x + std::clamp(*chart.reference / max_value, 0.0, 1.0) * kPlotWidth;
        out += fmt::format(
            "<line class=\"reference\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" "
            "stroke=\"#c0392b\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n",
            Num(x), Num(top - 2), Num(top + plot_height + 2));
        out += Text(x, top + plot_height + 16, "middle", chart.reference_label);
    }
    out += "</svg>\n";
    return out;
}

std::string RenderFunnel(const FunnelChart& chart) {
    double max_value = 0, label_width = 0, value_width = 0;
    for (const auto& step : chart.steps) {
        max_value = std::max(max_value, step.value);
        label_width = std::max(label_width, TextWidth(step.label, kFontSize));
        value_width = std::max(value_width, TextWidth(step.value_label, kFontSize));
    }
    if (max_value <= 0) max_value = 1;
    label_width = std::min(label_width, kMaxLabelWidth);
    constexpr double kStepHeight = 20, kStepGap = 4;
    double plot_x = kPad + label_width + 8;
    double width = plot_x + kPlotWidth + 8 + value_width + kPad;
    double steps = static_cast<double>(chart.steps.size());
    double height = 2 * kPad + (chart.steps.empty() ? kStepHeight
                                                    : steps * (kStepHeight + kStepGap) - kStepGap);

    std::string out = OpenSvg(chart.id, chart.title, chart.description, width, height);
    double y = kPad;
    double centre = plot_x + kPlotWidth / 2;
    for (const auto& step : chart.steps) {
        double bar = std::clamp(step.value / max_value, 0.0, 1.0) * kPlotWidth;
        if (step.value > 0) bar = std::max(bar, 2.0);
        out += Text(plot_x - 8, y + kStepHeight / 2 + 4, "end", Fit(step.label, kMaxLabelWidth));
        out += fmt::format(
            "<rect class=\"bar funnel\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
            "fill=\"{}\"><title>{}</title></rect>\n",
            Num(centre - bar / 2), Num(y), Num(bar), Num(kStepHeight), kPalette[4],
            EscapeXml(fmt::format("{}: {}", step.label, step.value_label)));
        out += Text(plot_x + kPlotWidth + 8, y + kStepHeight / 2 + 4, "start", step.value_label);
        y += kStepHeight + kStepGap;
    }
    out += "</svg>\n";
    return out;
}

}  // namespace kc::app::svg
