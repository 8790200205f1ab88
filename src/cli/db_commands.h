#pragma once

// `kcluster db copy`: copy a whole database between backends (SQLite ↔ PostgreSQL) and verify
// the copy table by table (row counts and checksums); `kcluster jobs`: background jobs.

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

// Adds `copy` under the `db` command.
void RegisterDbCopyCommand(CLI::App& db, Globals& g, int& status);

// `kcluster jobs list | show ID | cancel ID`: background jobs of every instance (their state is
// in the database).
void RegisterJobCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
