#pragma once

// Helpers for tests that run the kcluster binary: a scratch directory per test, running the
// binary with arguments, and reading files back.

#include <filesystem>
#include <string>
#include <vector>

namespace kc::testing {

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// A fresh directory removed at destruction.
class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] std::filesystem::path Path(const std::string& name) const { return root_ / name; }
    [[nodiscard]] const std::filesystem::path& Root() const { return root_; }

  private:
    std::filesystem::path root_;
};

// Runs the kcluster binary with `args` (no shell), capturing stdout and stderr.
RunResult RunKcluster(const std::vector<std::string>& args);

void WriteBytes(const std::filesystem::path& path, const std::string& bytes);
std::string ReadBytes(const std::filesystem::path& path);

}  // namespace kc::testing
