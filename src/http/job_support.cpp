#include "http/job_support.h"

#include <fmt/format.h>

#include <future>
#include <memory>

#include "app/review_portal.h"
#include "http/handler_support.h"

namespace kc::http {

Error Cancelled() { return Error::FailedPrecondition("the job was cancelled"); }

Result<Response> StartJob(const RouteDeps& deps, const Context& context, const JobStart& start,
                          JobWork work) {
    // The job's id is known only once Start returns; the job's thread waits for it.
    auto id_promise = std::make_shared<std::promise<core::Id>>();
    std::shared_future<core::Id> id_future = id_promise->get_future().share();
    KC_ASSIGN_OR_RETURN(
        core::Id id,
        deps.jobs.Start(
            start.kind, WebActor(context),
            [location = deps.stores.Location(), interval = start.state_check_interval, id_future,
             work = std::move(work)](app::JobContext& job) -> Result<std::string> {
                const core::Id self = id_future.get();
                store::OpenOptions open;
                open.migrate = false;
                KC_ASSIGN_OR_RETURN(auto store, store::OpenStore(location, open));
                auto last_check = std::chrono::steady_clock::time_point{};
                Checkpoint checkpoint = [&job, &store, self, interval,
                                         &last_check](double fraction) {
                    if (!job.Progress(fraction)) return false;
                    const auto now = std::chrono::steady_clock::now();
                    if (interval.count() > 0 && now - last_check < interval) return true;
                    last_check = now;
                    auto state = app::GetJob(*store, self);
                    return !state || state->state != "cancelled";
                };
                if (!checkpoint(0.0)) return Fail(Cancelled());
                KC_ASSIGN_OR_RETURN(nlohmann::json result, work(*store, checkpoint));
                return result.dump();
            }));
    id_promise->set_value(id);
    auto store = deps.stores.Acquire();
    KC_ASSIGN_OR_RETURN(auto view,
                        app::GetJobFor(*store, context.principal->viewer, WebActor(context), id));
    Response response = Response::Json(202, {{"job", app::ToJson(view)}});
    response.SetHeader("Location", fmt::format("{}/jobs/{}", kApiPrefix, id));
    return response;
}

}  // namespace kc::http
