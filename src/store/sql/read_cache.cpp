#include "store/sql/read_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace kc::store::sql {

namespace {

bool Enabled() {
    const char* setting = std::getenv("KC_READ_CACHE");
    return !(setting && std::string_view(setting) == "0");
}

// Appends `text` with its length, so that no two parameter lists give the same key.
void AppendSized(std::string& key, std::string_view text) {
    key += fmt::format("{}:", text.size());
    key += text;
}

}  // namespace

std::shared_ptr<ReadCache> ReadCache::For(const std::string& location) {
    if (!Enabled()) return nullptr;
    static std::mutex registry_mutex;
    static std::map<std::string, std::weak_ptr<ReadCache>> registry;
    std::lock_guard guard(registry_mutex);
    auto& slot = registry[location];
    auto cache = slot.lock();
    if (!cache) {
        cache = std::make_shared<ReadCache>();
        slot = cache;
    }
    return cache;
}

std::string ReadCache::KeyOf(const std::string& sql, std::span<const core::Value> params) {
    std::string key;
    AppendSized(key, sql);
    for (const core::Value& value : params) {
        key += static_cast<char>('0' + value.index());
        std::visit(
            [&key](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    key += ';';
                } else if constexpr (std::is_same_v<T, std::string>) {
                    AppendSized(key, v);
                } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                    key += fmt::format("{}[", v.size());
                    for (const auto& item : v) AppendSized(key, item);
                } else if constexpr (std::is_same_v<T, double>) {
                    key += fmt::format("{:a};", v);  // exact
                } else {
                    key += fmt::format("{};", v);
                }
            },
            value);
    }
    return key;
}

std::optional<std::vector<Row>> ReadCache::Find(const std::string& key, int64_t generation) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
    return it->second.rows;
}

void ReadCache::Put(const std::string& key, int64_t generation, const std::vector<Row>& rows) {
    if (rows.size() > kMaxRows) return;
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries && !entries_.contains(key)) {
        // Drop the older half (and every entry of an older generation).
        std::vector<uint64_t> stamps;
        stamps.reserve(entries_.size());
        for (const auto& [_, entry] : entries_) stamps.push_back(entry.stamp);
        auto middle = stamps.begin() + static_cast<std::ptrdiff_t>(stamps.size() / 2);
        std::nth_element(stamps.begin(), middle, stamps.end());
        const uint64_t cut = *middle;
        std::erase_if(entries_, [cut, generation](const auto& item) {
            return item.second.stamp < cut || item.second.generation < generation;
        });
    }
    auto& entry = entries_[key];
    if (entry.stamp != 0 && entry.generation > generation) return;  // a slower, older reader
    entry = Entry{generation, ++next_stamp_, rows};
}

}  // namespace kc::store::sql
