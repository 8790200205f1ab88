#pragma once

// `kcluster expertise score` (reviewer-expertise scores in the OpenReview format) and
// `kcluster bench expertise` (the gold-standard evaluation of those scores).

#include <CLI/CLI.hpp>

#include "cli/common.h"

namespace kc::cli {

// Adds `expertise score` and `bench expertise` to `app` (reusing a `bench` subcommand when one
// exists). Their callbacks set `status` to the exit status; `g` and `status` must outlive the
// parse.
void RegisterExpertiseCommands(CLI::App& app, Globals& g, int& status);

}  // namespace kc::cli
