#pragma once

// Reading whole files with errors as values.

#include <string>

#include "util/error.h"

namespace kc {

// The bytes of the regular file at `path`. NotFound when there is no such file, Unavailable when
// it cannot be read; messages start with the path.
[[nodiscard]] Result<std::string> ReadFile(const std::string& path);

}  // namespace kc
