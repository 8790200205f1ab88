#include <fmt/format.h>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace kc::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, const OpenOptions& options) {
    if (location.empty()) {
        return Fail(Error::InvalidArgument(
            "--db: expected a SQLite file path or a postgresql://user@host:port/dbname URI, got "
            "nothing"));
    }
    if (postgres::IsPostgresLocation(location)) {
        return postgres::OpenPostgresStore(location, options);
    }
    return sqlite::OpenSqliteStore(location, options);
}

}  // namespace kc::store
