#pragma once

// Starting a use case as a background job from a handler: the one way the API answers
// "202 Accepted, Location: /api/v1/jobs/{id}, {job}" (assignment, evaluation, selection, match
// suggestions, simulations).

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "http/routes.h"

namespace kc::http {

// Reports progress in [0, 1] and says whether to go on (false once the job was cancelled).
using Checkpoint = std::function<bool(double)>;
// The work of a job on its own store connection: the result JSON, or an error (the job fails with
// its message).
using JobWork = std::function<Result<nlohmann::json>(store::Store&, const Checkpoint&)>;

// The error a job returns when a checkpoint says it was cancelled.
[[nodiscard]] Error Cancelled();

struct JobStart {
    std::string kind;  // "assignment", "simulation", ...
    // JobContext::Progress writes at most every 200 ms, so a checkpoint also reads the job's
    // state to see a cancellation: at every checkpoint (zero, for work with few checkpoints whose
    // cancellation must be seen between two writes) or at most this often (work that reports
    // progress thousands of times).
    std::chrono::milliseconds state_check_interval{0};
};

// Starts `work` as a job of the signed-in user on its own store connection (checkpoint 0 first)
// and answers 202 with the job and its Location.
[[nodiscard]] Result<Response> StartJob(const RouteDeps& deps, const Context& context,
                                        const JobStart& start, JobWork work);

}  // namespace kc::http
