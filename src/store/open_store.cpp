#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace kc::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, const OpenOptions& options) {
    if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
        return Fail(Error::Unavailable(
            "the PostgreSQL backend is not built into this kcluster yet: use a SQLite file path"));
    }
    if (location.empty()) return Fail(Error::InvalidArgument("--db: expected a path, got nothing"));
    return sqlite::OpenSqliteStore(location, options);
}

}  // namespace kc::store
