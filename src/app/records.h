#pragma once

// Use cases over any entity: list, show, add and update records from the text people type
// (`kcluster add seed title=... organization=信州大学`). References are given by id or by the
// exact Japanese or English name of the target record.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/schema.h"
#include "store/store.h"

namespace kc::app {

// Resolves reference text to ids within one transaction, caching answers. Thread-compatible.
class RefResolver {
  public:
    explicit RefResolver(store::Transaction& transaction) : transaction_(transaction) {}

    // `text` is a positive id or the exact name of one record of field.ref_entity. Fails when
    // no record has that id or name, or when a name is ambiguous (listing the candidate ids).
    [[nodiscard]] Result<core::Id> Resolve(const core::FieldDef& field, std::string_view text);

  private:
    store::Transaction& transaction_;
    std::map<std::pair<std::string, std::string>, core::Id, std::less<>> cache_;
};

// The id of the `entity` record that `text` names: a positive id that exists, or the exact name
// of exactly one record (the same rules as references in files and key=value arguments).
[[nodiscard]] Result<core::Id> ResolveReference(store::Store& store, std::string_view entity,
                                                std::string_view text);

// Parses one text value for `field`, resolving references. Errors carry a FieldError for `field`.
[[nodiscard]] Result<core::Value> ParseCell(const core::FieldDef& field, std::string_view text,
                                            RefResolver& resolver);

// Applies `key=value` assignments (keys: field names or their English/Japanese labels; a key
// without `_id` also finds the reference field, so `organization=...` sets organization_id) to
// `record`. Every bad assignment is reported at once.
[[nodiscard]] Status ApplyAssignments(core::Record& record,
                                      const std::vector<std::string>& assignments,
                                      RefResolver& resolver);

// Finds the field a user means by `key` (name, label, or reference name without `_id`).
[[nodiscard]] const core::FieldDef* FindFieldByKey(const core::EntityDef& def,
                                                   std::string_view key);

// A caller's extra condition on a write (the HTTP layer's permission rules), asked inside the
// write's transaction with the record as it is before the change (updates, deletes) and as it
// will be stored (adds, updates); an error aborts the write and is returned as it is.
using WriteCheck = std::function<Status(store::Transaction& transaction, const core::Record&)>;

// Creates a record; returns its id.
[[nodiscard]] Result<core::Id> AddRecord(store::Store& store, const store::Actor& actor,
                                         std::string_view entity,
                                         const std::vector<std::string>& assignments,
                                         const WriteCheck& check = {});

// Changes fields of an existing record (lifecycle transitions are checked).
[[nodiscard]] Result<core::Record> UpdateRecord(store::Store& store, const store::Actor& actor,
                                                std::string_view entity, core::Id id,
                                                const std::vector<std::string>& assignments,
                                                const WriteCheck& check = {});

// Deletes a record: NotFound if there is none, FailedPrecondition while other records refer to
// it. Audited like every change.
[[nodiscard]] Status DeleteRecord(store::Store& store, const store::Actor& actor,
                                  std::string_view entity, core::Id id,
                                  const WriteCheck& check = {});

// Reads `key=value` conditions (keys as in ApplyAssignments, references by id or name) into a
// store filter; every bad condition is reported at once, under the path `filter.<key>`.
[[nodiscard]] Result<store::Filter> ParseRecordFilters(const core::EntityDef& def,
                                                       const std::vector<std::string>& filters,
                                                       RefResolver& resolver);

// Records matching `filters` (`key=value`, all must hold), in id order.
[[nodiscard]] Result<std::vector<core::Record>> ListRecords(store::Store& store,
                                                            std::string_view entity,
                                                            const std::vector<std::string>& filters,
                                                            int64_t limit);

[[nodiscard]] Result<core::Record> ShowRecord(store::Store& store, std::string_view entity,
                                              core::Id id);

// The audit trail of one record, oldest first.
[[nodiscard]] Result<std::vector<store::AuditEntry>> RecordHistory(store::Store& store,
                                                                   std::string_view entity,
                                                                   core::Id id);

// A short human name of a record: its first non-empty name field, else "entity #id".
[[nodiscard]] std::string RecordName(const core::Record& record);

}  // namespace kc::app
