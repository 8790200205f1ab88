#include "util/file.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kc {

Result<std::string> ReadFile(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return Fail(Error::NotFound(fmt::format("{}: no such file", path)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Error::Unavailable(fmt::format("{}: cannot open", path)));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Fail(Error::Unavailable(fmt::format("{}: read failed", path)));
    return buffer.str();
}

}  // namespace kc
