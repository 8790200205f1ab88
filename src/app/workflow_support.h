#pragma once

// Internal helpers shared by the programme office's workflows (not part of the app interface).

#include <string>
#include <utility>
#include <vector>

#include "store/store.h"

namespace kc::app::detail {

// "family given" (or the English name when no Japanese name is recorded), for lists and messages.
inline std::string PersonName(const core::Person& person) {
    std::string name = person.family_name;
    if (!person.given_name.empty()) name += (name.empty() ? "" : " ") + person.given_name;
    if (name.empty()) name = person.name_en;
    return name;
}

// The records of T whose `field` equals `id`, in id order.
template <class T>
Result<std::vector<T>> ListBy(store::Transaction& tx, const char* field, core::Id id) {
    store::Filter filter;
    filter.equals.emplace_back(field, id);
    return tx.List<T>(filter);
}

// Runs `body(tx)` in a new transaction of `actor` and commits it when `commit` is true and the
// body succeeded (a preview or dry run rolls everything back). Returns what the body returned.
template <class F>
auto InTransaction(store::Store& store, const store::Actor& actor, bool commit, F&& body)
    -> decltype(body(std::declval<store::Transaction&>())) {
    auto tx = store.Begin(actor);
    if (!tx) return std::unexpected(std::move(tx).error());
    auto result = body(**tx);
    if (!result) return result;
    if (commit) {
        if (auto status = (*tx)->Commit(); !status) return std::unexpected(status.error());
    }
    return result;
}

}  // namespace kc::app::detail
