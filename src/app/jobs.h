#pragma once

// Background jobs (matching a cluster, assignment, selection, simulation, large imports) whose
// state lives in the database as `job` records: any instance of `kcluster serve` — or the CLI —
// can show a job's progress and cancel it; the instance that started a job runs it on its own
// thread with its own store connection. Progress is written at most every 200 ms; a job sees a
// cancellation (state set to cancelled by anyone) at its next progress report and stops.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/entities.h"
#include "store/store.h"

namespace kc::app {

// What a running job sees.
class JobContext {
  public:
    virtual ~JobContext() = default;
    // Reports progress in [0, 1]; false once the job should stop (cancelled or shutting down).
    [[nodiscard]] virtual bool Progress(double fraction) = 0;
    [[nodiscard]] virtual std::stop_token stop_token() const = 0;
};

// The work of a job: returns its result (JSON text) or an error (the job fails with its message).
using JobFn = std::function<Result<std::string>(JobContext&)>;

// Opens a store connection for a job's thread (the same database as the caller's).
using StoreFactory = std::function<Result<std::unique_ptr<store::Store>>()>;

class JobRunner {
  public:
    explicit JobRunner(StoreFactory open_store);
    // Asks every running job to stop and waits for them.
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // Records a queued job of `kind` and starts it; returns its id at once.
    [[nodiscard]] Result<core::Id> Start(const std::string& kind, const store::Actor& actor,
                                         JobFn work);
    // Waits until the job started here has finished (tests, the CLI).
    void Wait(core::Id id);

  private:
    struct Running;
    StoreFactory open_store_;
    std::mutex mutex_;
    std::map<core::Id, std::unique_ptr<Running>> running_;
};

[[nodiscard]] Result<core::Job> GetJob(store::Store& store, core::Id id);
// The newest jobs first, at most `limit` (0 = all).
[[nodiscard]] Result<std::vector<core::Job>> ListJobs(store::Store& store, int64_t limit = 50);
// Cancels a queued or running job (the runner stops it at its next progress report);
// FailedPrecondition if it has already finished.
[[nodiscard]] Status CancelJob(store::Store& store, const store::Actor& actor, core::Id id);

}  // namespace kc::app
