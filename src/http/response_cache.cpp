#include "http/response_cache.h"

#include <algorithm>
#include <vector>

namespace kc::http {

std::optional<std::string> ResponseCache::Find(const std::string& key, int64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
    return it->second.body;
}

void ResponseCache::Put(const std::string& key, int64_t generation, std::string body) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(key)) {
        std::vector<uint64_t> stamps;
        stamps.reserve(entries_.size());
        for (const auto& [k, entry] : entries_) stamps.push_back(entry.stamp);
        auto middle = stamps.begin() + static_cast<std::ptrdiff_t>(stamps.size() / 2);
        std::nth_element(stamps.begin(), middle, stamps.end());
        const uint64_t cut = *middle;
        std::erase_if(entries_, [cut](const auto& item) { return item.second.stamp < cut; });
    }
    entries_[key] = Entry{generation, next_stamp_++, std::move(body)};
}

Result<int64_t> DataGeneration(store::Store& store) {
    KC_ASSIGN_OR_RETURN(auto tx, store.BeginRead());
    return tx->LatestAuditId();
}

}  // namespace kc::http
