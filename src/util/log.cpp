#include "util/log.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "util/text.h"

namespace kc {
namespace {

std::mutex g_stderr_mutex;
bool g_bar_visible = false;  // guarded by g_stderr_mutex

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

// Writes `text` to stderr, first clearing a progress bar on the current line.
void WriteLine(std::string_view prefix, std::string_view message) {
    std::lock_guard<std::mutex> lock(g_stderr_mutex);
    std::string out;
    if (g_bar_visible) {
        out += "\r\033[K";
        g_bar_visible = false;
    }
    out += prefix;
    out += message;
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stderr);
    std::fflush(stderr);
}

std::string FormatRate(double rate) {
    if (rate < 1000) return fmt::format("{:.0f}", rate);
    if (rate < 10'000) return fmt::format("{:.1f}k", rate / 1000);
    if (rate < 999'500) return fmt::format("{:.0f}k", rate / 1000);
    return fmt::format("{:.1f}M", rate / 1'000'000);
}

}  // namespace

void LogInfo(std::string_view message) { WriteLine("", message); }

void LogWarn(std::string_view message) { WriteLine("warning: ", message); }

std::string FormatProgressLine(std::string_view label, int64_t done, int64_t total,
                               double rate_per_second, int bar_width) {
    const std::string unit = label.empty() ? "" : fmt::format(" {}", label);
    std::string line;
    if (total > 0) {
        const double fraction =
            std::clamp(static_cast<double>(done) / static_cast<double>(total), 0.0, 1.0);
        const int width = std::max(bar_width, 1);
        const int filled = std::clamp(static_cast<int>(fraction * width), 0, width);
        line = fmt::format("[{}{}] {}% {}/{}{}", std::string(static_cast<size_t>(filled), '#'),
                           std::string(static_cast<size_t>(width - filled), '.'),
                           static_cast<int>(fraction * 100), FormatWithCommas(done),
                           FormatWithCommas(total), unit);
    } else {
        line = fmt::format("{}{}", FormatWithCommas(done), unit);
    }
    if (rate_per_second >= 0) line += fmt::format("  {}{}/s", FormatRate(rate_per_second), unit);
    return line;
}

ProgressBar::ProgressBar(std::string label, int64_t total)
    : label_(std::move(label)),
      total_(total),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - kRedrawInterval) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(int64_t done) {
    done_ = done;
    if (!enabled_ || finished_) return;
    if (std::chrono::steady_clock::now() - last_draw_ < kRedrawInterval) return;
    Draw(false);
}

void ProgressBar::Finish() {
    if (finished_) return;
    finished_ = true;
    if (enabled_ && drawn_) Draw(true);
}

void ProgressBar::Draw(bool final_draw) {
    const auto now = std::chrono::steady_clock::now();
    last_draw_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0.05 ? static_cast<double>(done_) / seconds : -1.0;
    std::string out = "\r";
    out += FormatProgressLine(label_, done_, total_, rate);
    out += "\033[K";
    if (final_draw) out += '\n';
    std::lock_guard<std::mutex> lock(g_stderr_mutex);
    std::fwrite(out.data(), 1, out.size(), stderr);
    std::fflush(stderr);
    g_bar_visible = !final_draw;
    drawn_ = true;
}

}  // namespace kc
