#include "app/jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "app/workflow_support.h"
#include "util/date.h"

namespace kc::app {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(200);

// Updates the job row in its own transaction; returns its state afterwards ("cancelled" if
// someone cancelled it meanwhile, in which case nothing is written).
Result<std::string> WriteJob(store::Store& store, const store::Actor& actor, core::Id id,
                             const std::function<void(core::Job&)>& change) {
    return detail::InTransaction(store, actor, true,
                                 [&](store::Transaction& tx) -> Result<std::string> {
                                     KC_ASSIGN_OR_RETURN(auto job, tx.Get<core::Job>(id));
                                     if (job.state == "cancelled") return job.state;
                                     change(job);
                                     KC_RETURN_IF_ERROR(tx.Save(job));
                                     return job.state;
                                 });
}

}  // namespace

struct JobRunner::Running {
    std::jthread thread;
};

class StoreJobContext final : public JobContext {
  public:
    StoreJobContext(store::Store& store, store::Actor actor, core::Id id, std::stop_source stop)
        : store_(store), actor_(std::move(actor)), id_(id), stop_(std::move(stop)) {}

    bool Progress(double fraction) override {
        if (stop_.stop_requested()) return false;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_write_ < kProgressInterval && fraction < 1.0) return true;
        last_write_ = now;
        fraction = std::clamp(fraction, 0.0, 1.0);
        auto state =
            WriteJob(store_, actor_, id_, [&](core::Job& job) { job.progress = fraction; });
        if (state && *state == "cancelled") stop_.request_stop();
        return !stop_.stop_requested();
    }
    std::stop_token stop_token() const override { return stop_.get_token(); }

  private:
    store::Store& store_;
    store::Actor actor_;
    core::Id id_;
    std::stop_source stop_;
    std::chrono::steady_clock::time_point last_write_{};
};

JobRunner::JobRunner(StoreFactory open_store) : open_store_(std::move(open_store)) {}

JobRunner::~JobRunner() {
    std::map<core::Id, std::unique_ptr<Running>> running;
    {
        std::lock_guard lock(mutex_);
        running.swap(running_);
    }
    for (auto& [id, job] : running) job->thread.request_stop();
    running.clear();  // joins
}

Result<core::Id> JobRunner::Start(const std::string& kind, const store::Actor& actor, JobFn work) {
    KC_ASSIGN_OR_RETURN(auto store, open_store_());
    core::Job job;
    job.kind = kind;
    job.state = "queued";
    KC_ASSIGN_OR_RETURN(core::Id id,
                        detail::InTransaction(*store, actor, true,
                                              [&](store::Transaction& tx) { return tx.Add(job); }));
    auto running = std::make_unique<Running>();
    running->thread = std::jthread(
        [id, actor, work = std::move(work), store = std::move(store)](std::stop_token stop) {
            std::stop_source source;
            std::stop_callback forward(stop, [&] { source.request_stop(); });
            auto state = WriteJob(*store, actor, id, [](core::Job& j) {
                j.state = "running";
                j.started_at = NowTokyoIso();
            });
            if (!state || *state == "cancelled") return;
            StoreJobContext context(*store, actor, id, source);
            Result<std::string> result = work(context);
            const bool stopped = source.stop_requested();
            (void)WriteJob(*store, actor, id, [&](core::Job& j) {
                j.finished_at = NowTokyoIso();
                if (stopped) {
                    j.state = "cancelled";
                    j.result = R"({"error":"cancelled"})";
                } else if (result) {
                    j.state = "succeeded";
                    j.progress = 1.0;
                    j.result = *result;
                } else {
                    j.state = "failed";
                    j.result = fmt::format(R"({{"error":"{}","message":{}}})",
                                           ErrorCodeName(result.error().code),
                                           nlohmann::json(result.error().message).dump());
                }
            });
        });
    std::lock_guard lock(mutex_);
    running_[id] = std::move(running);
    return id;
}

void JobRunner::Wait(core::Id id) {
    std::unique_ptr<Running> running;
    {
        std::lock_guard lock(mutex_);
        auto it = running_.find(id);
        if (it == running_.end()) return;
        running = std::move(it->second);
        running_.erase(it);
    }
    if (running->thread.joinable()) running->thread.join();
}

Result<core::Job> GetJob(store::Store& store, core::Id id) {
    return detail::InTransaction(store, store::Actor{"jobs"}, false,
                                 [&](store::Transaction& tx) { return tx.Get<core::Job>(id); });
}

Result<std::vector<core::Job>> ListJobs(store::Store& store, int64_t limit) {
    KC_ASSIGN_OR_RETURN(auto jobs, detail::InTransaction(store, store::Actor{"jobs"}, false,
                                                         [&](store::Transaction& tx) {
                                                             return tx.List<core::Job>();
                                                         }));
    std::reverse(jobs.begin(), jobs.end());
    if (limit > 0 && static_cast<int64_t>(jobs.size()) > limit) jobs.resize(limit);
    return jobs;
}

Status CancelJob(store::Store& store, const store::Actor& actor, core::Id id) {
    return detail::InTransaction(store, actor, true, [&](store::Transaction& tx) -> Status {
        KC_ASSIGN_OR_RETURN(auto job, tx.Get<core::Job>(id));
        if (job.state != "queued" && job.state != "running") {
            return Fail(Error::FailedPrecondition(
                fmt::format("job {} has already finished ({})", id, job.state)));
        }
        job.state = "cancelled";
        job.finished_at = NowTokyoIso();
        return tx.Save(job);
    });
}

}  // namespace kc::app
