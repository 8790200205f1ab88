#pragma once

// Messages for the person at the terminal, on stderr (stdout is kept for command output), and a
// progress bar for long imports.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kc {

// Writes `message` and a newline to stderr, as is.
void LogInfo(std::string_view message);

// Writes "warning: " + `message` and a newline to stderr.
void LogWarn(std::string_view message);

// One line of a progress display, without colours or carriage returns: "[#####.....] 52%
// 520,000/1,000,000 rows  85k rows/s" (a 20-character bar in practice; `bar_width` sets it).
// With total <= 0 (unknown) the bar and percentage are left out: "520,000 rows  85k rows/s".
// A rate below zero leaves the rate out. Exposed for tests; ProgressBar draws with it.
[[nodiscard]] std::string FormatProgressLine(std::string_view label, int64_t done, int64_t total,
                                             double rate_per_second, int bar_width = 20);

// A progress bar on stderr for a task of `total` units named by `label` ("rows", "seeds"),
// which appears after the counts. It draws only when stderr is a terminal, and redraws at most
// about ten times a second however often Update() is called, so it is cheap to call per row.
// LogInfo and LogWarn clear a bar being drawn before writing. Finish() (or the destructor)
// draws the final state and ends the line. Not thread-safe: one thread updates a bar.
class ProgressBar {
  public:
    ProgressBar(std::string label, int64_t total);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Records that `done` units are complete (absolute, not an increment).
    void Update(int64_t done);

    // Draws the final state and a newline, if the bar was drawn at all. Idempotent.
    void Finish();

  private:
    void Draw(bool final_draw);

    std::string label_;
    int64_t total_;
    int64_t done_ = 0;
    bool enabled_;
    bool finished_ = false;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace kc
