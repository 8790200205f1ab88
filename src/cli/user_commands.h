#pragma once

// `kcluster user add | passwd | roles | list`: accounts for the web platform (Argon2id password
// hashes; passwords read from stdin or generated and printed once).

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

void RegisterUserCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
