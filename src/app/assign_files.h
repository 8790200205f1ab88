#pragma once

// The standalone assignment solver on files (`kcluster assign solve`): reads candidate pairs,
// demands, loads and conflicts from CSV files (UTF-8 or CP932) whose ids are any text, solves
// with engines/assign, and returns the assignment as CSV sorted by proposal then reviewer
// (numbers inside ids compare as numbers). Bad files give FILE:LINE:COLUMN errors; an
// infeasible input gives FailedPrecondition naming the proposals or reviewers by their ids.

#include <functional>
#include <string>

#include "util/error.h"

namespace kc::app {

struct AssignFilesOptions {
    std::string affinity;             // reviewer,proposal,score
    std::string demand;               // a number, or a file proposal,demand
    std::string max_load;             // a number, or a file reviewer,max_load
    std::string min_load;             // optional: a number, or a file reviewer,min_load
    std::string conflicts;            // optional: a file reviewer,proposal
    std::string objective = "total";  // total | fair
    bool japanese = false;            // language of progress lines and messages
    // Progress lines for large inputs (stage names, counts); may be empty.
    std::function<void(const std::string&)> log;
};

struct AssignFilesReport {
    int32_t proposals = 0, reviewers = 0;
    size_t candidates = 0, conflicts = 0, conflicts_ignored = 0, pairs = 0;
    double total = 0, min_proposal_score = 0, min_proposal_bound = 0;
    std::string min_proposal;     // id of the proposal with the lowest score ("" if none)
    bool min_is_optimal = false;  // the lowest score equals the bound no assignment can beat
    double seconds = 0;
    std::string csv;  // reviewer,proposal,score
};

[[nodiscard]] Result<AssignFilesReport> SolveAssignmentFiles(const AssignFilesOptions& options);

}  // namespace kc::app
