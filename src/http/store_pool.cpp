#include "http/store_pool.h"

namespace kc::http {

Result<std::unique_ptr<StorePool>> StorePool::Open(const std::string& location, int size) {
    std::unique_ptr<StorePool> pool(new StorePool());
    pool->location_ = location;
    for (int i = 0; i < std::max(1, size); ++i) {
        store::OpenOptions options;
        options.migrate = i == 0;
        KC_ASSIGN_OR_RETURN(auto store, store::OpenStore(location, options));
        if (i == 0) {
            pool->description_ = store->Describe();
            KC_RETURN_IF_ERROR(store->Analyze());  // plans for the data as it is now
        }
        pool->free_.push_back(std::move(store));
    }
    pool->size_ = static_cast<int>(pool->free_.size());
    return pool;
}

StorePool::Lease::~Lease() {
    if (pool_ && store_) pool_->Release(std::move(store_));
}

StorePool::Lease StorePool::Acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    auto store = std::move(free_.back());
    free_.pop_back();
    return Lease(*this, std::move(store));
}

void StorePool::Release(std::unique_ptr<store::Store> store) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(store));
    }
    available_.notify_one();
}

}  // namespace kc::http
