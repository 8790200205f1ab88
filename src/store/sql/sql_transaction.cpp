#include "store/sql/sql_transaction.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/validate.h"
#include "core/value_io.h"
#include "util/date.h"

namespace kc::store::sql {

using core::EntityDef;
using core::FieldType;
using core::Record;
using core::Value;

std::string Quote(std::string_view name) { return fmt::format("\"{}\"", name); }

namespace {

// SQL texts per entity, built once from the definition.
struct EntitySql {
    std::string select_columns;  // "id","title",...
    std::string insert_with_id;
    std::string insert_returning_id;  // every column but the id; RETURNING "id"
    std::string update;
    std::string get;
    std::string exists;
    std::string remove;
    std::vector<FieldType> types;
};

const EntitySql& SqlFor(const EntityDef& def) {
    static std::mutex mutex;
    static std::unordered_map<const EntityDef*, EntitySql> cache;
    std::lock_guard lock(mutex);
    auto it = cache.find(&def);
    if (it != cache.end()) return it->second;
    EntitySql sql;
    std::string placeholders, assignments, columns_but_id, placeholders_but_id;
    for (size_t i = 0; i < def.fields.size(); ++i) {
        const std::string column = Quote(def.fields[i].name);
        sql.types.push_back(def.fields[i].type);
        if (i) {
            sql.select_columns += ",";
            placeholders += ",";
        }
        sql.select_columns += column;
        placeholders += fmt::format("?{}", i + 1);
        if (i > 0) {
            if (i > 1) {
                assignments += ",";
                columns_but_id += ",";
                placeholders_but_id += ",";
            }
            assignments += fmt::format("{}=?{}", column, i + 1);
            columns_but_id += column;
            placeholders_but_id += fmt::format("?{}", i);
        }
    }
    const std::string table = Quote(def.name);
    sql.insert_with_id =
        fmt::format("INSERT INTO {} ({}) VALUES ({})", table, sql.select_columns, placeholders);
    sql.insert_returning_id = fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING \"id\"", table,
                                          columns_but_id, placeholders_but_id);
    sql.update = fmt::format("UPDATE {} SET {} WHERE \"id\"=?1", table, assignments);
    sql.get = fmt::format("SELECT {} FROM {} WHERE \"id\"=?1", sql.select_columns, table);
    sql.exists = fmt::format("SELECT 1 FROM {} WHERE \"id\"=?1", table);
    sql.remove = fmt::format("DELETE FROM {} WHERE \"id\"=?1", table);
    return cache.emplace(&def, std::move(sql)).first->second;
}

Record ToRecord(const EntityDef& def, Row row) { return Record{&def, std::move(row)}; }

constexpr const char* kInsertAudit =
    "INSERT INTO \"audit_log\" (\"at\",\"actor\",\"action\",\"entity\",\"entity_id\","
    "\"before_json\",\"after_json\") VALUES (?1,?2,?3,?4,?5,?6,?7)";
constexpr const char* kInsertAuditWithId =
    "INSERT INTO \"audit_log\" (\"at\",\"actor\",\"action\",\"entity\",\"entity_id\","
    "\"before_json\",\"after_json\",\"id\") VALUES (?1,?2,?3,?4,?5,?6,?7,?8)";
constexpr const char* kAuditColumns =
    "SELECT \"id\",\"at\",\"actor\",\"action\",\"entity\",\"entity_id\",\"before_json\","
    "\"after_json\" FROM \"audit_log\" ";
constexpr std::array kAuditTypes = {FieldType::kInt,  FieldType::kText, FieldType::kText,
                                    FieldType::kText, FieldType::kText, FieldType::kInt,
                                    FieldType::kText, FieldType::kText};

AuditEntry ToAuditEntry(const Row& row) {
    auto text = [&](size_t i) {
        const auto* s = std::get_if<std::string>(&row[i]);
        return s ? *s : std::string();
    };
    auto integer = [&](size_t i) {
        const auto* v = std::get_if<int64_t>(&row[i]);
        return v ? *v : 0;
    };
    return {integer(0), text(1), text(2), text(3), text(4), integer(5), text(6), text(7)};
}

Value TextOrNull(const Record* record) {
    if (!record) return Value{};
    return core::RecordToJsonText(*record);
}

// Appends `id` unless already there (FindByName merges several queries).
void AddUnique(std::vector<Id>& ids, const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        const auto* id = std::get_if<int64_t>(&row[0]);
        if (id && std::find(ids.begin(), ids.end(), *id) == ids.end()) ids.push_back(*id);
    }
}

constexpr std::array kIdType = {FieldType::kId};
constexpr std::array kIntType = {FieldType::kInt};

}  // namespace

SqlTransaction::SqlTransaction(std::unique_ptr<Session> session, Actor actor,
                               std::shared_ptr<ReadCache> read_cache)
    : session_(std::move(session)),
      actor_(std::move(actor)),
      read_cache_(std::move(read_cache)),
      now_(NowTokyoIso()) {}

Result<std::vector<Row>> SqlTransaction::ReadQuery(const std::string& sql,
                                                   const std::vector<Value>& params,
                                                   std::span<const FieldType> types) {
    if (!read_cache_) return session_->Query(sql, params, types);
    if (!generation_) {
        KC_ASSIGN_OR_RETURN(Id generation, LatestAuditId());
        generation_ = generation;
    }
    const std::string key = ReadCache::KeyOf(sql, params);
    if (auto rows = read_cache_->Find(key, *generation_)) return std::move(*rows);
    KC_ASSIGN_OR_RETURN(auto rows, session_->Query(sql, params, types));
    read_cache_->Put(key, *generation_, rows);
    return rows;
}

SqlTransaction::~SqlTransaction() {
    if (open_) session_->Rollback();
}

Result<Record> SqlTransaction::Get(const EntityDef& def, Id id) {
    const EntitySql& sql = SqlFor(def);
    std::array<Value, 1> params = {id};
    KC_ASSIGN_OR_RETURN(auto rows, session_->Query(sql.get, params, sql.types));
    if (rows.empty()) return Fail(Error::NotFound(fmt::format("no {} with id {}", def.name, id)));
    return ToRecord(def, std::move(rows.front()));
}

namespace {

// The conditions of `filter` on `def` joined by AND ("" when none), appending their parameters.
// Parameters are numbered across subqueries, so one vector serves the whole statement.
Result<std::string> Conditions(const EntityDef& def, const Filter& filter,
                               std::vector<Value>& params, int depth = 0) {
    if (depth > 8) return Fail(Error::InvalidArgument("subqueries nested too deeply"));
    auto field_of = [&def](const std::string& name) -> Result<std::string> {
        if (!def.Find(name)) {
            return Fail(Error::InvalidArgument(
                fmt::format("{} has no field \"{}\" to filter on", def.name, name)));
        }
        return Quote(name);
    };
    std::vector<std::string> parts;
    for (const auto& [name, value] : filter.equals) {
        KC_ASSIGN_OR_RETURN(std::string column, field_of(name));
        if (core::IsNull(value)) {
            parts.push_back(column + " IS NULL");
            continue;
        }
        params.push_back(value);
        parts.push_back(fmt::format("{}=?{}", column, params.size()));
    }
    if (!filter.any_of.empty()) {
        std::vector<std::string> alternatives;
        for (const auto& alternative : filter.any_of) {
            std::vector<std::string> conditions;
            for (const InCondition& condition : alternative) {
                KC_ASSIGN_OR_RETURN(std::string column, field_of(condition.field));
                if (condition.subquery) {
                    const Subquery& sub = *condition.subquery;
                    if (!sub.entity || !sub.entity->Find(sub.field)) {
                        return Fail(Error::InvalidArgument("a subquery names no entity or field"));
                    }
                    KC_ASSIGN_OR_RETURN(std::string inner,
                                        Conditions(*sub.entity, sub.filter, params, depth + 1));
                    conditions.push_back(fmt::format("{} IN (SELECT {} FROM {}{}{})", column,
                                                     Quote(sub.field), Quote(sub.entity->name),
                                                     inner.empty() ? "" : " WHERE ", inner));
                    continue;
                }
                std::string list;
                bool null = false;
                for (const Value& value : condition.values) {
                    if (core::IsNull(value)) {
                        null = true;
                        continue;
                    }
                    params.push_back(value);
                    list += fmt::format("{}?{}", list.empty() ? "" : ",", params.size());
                }
                std::string text = list.empty() ? "" : fmt::format("{} IN ({})", column, list);
                if (null)
                    text = text.empty() ? column + " IS NULL"
                                        : fmt::format("({} OR {} IS NULL)", text, column);
                conditions.push_back(text.empty() ? "1=0" : text);
            }
            if (conditions.empty()) {
                alternatives.clear();
                alternatives.push_back("1=1");
                break;
            }
            std::string joined;
            for (const auto& c : conditions) joined += (joined.empty() ? "" : " AND ") + c;
            alternatives.push_back("(" + joined + ")");
        }
        std::string any;
        for (const auto& a : alternatives) any += (any.empty() ? "" : " OR ") + a;
        parts.push_back("(" + any + ")");
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : " AND ") + part;
    return out;
}

// " WHERE …" (or "") and its parameters (nulls are not bound).
Result<std::pair<std::string, std::vector<Value>>> WhereClause(const EntityDef& def,
                                                               const Filter& filter) {
    std::vector<Value> params;
    KC_ASSIGN_OR_RETURN(std::string conditions, Conditions(def, filter, params));
    return std::pair{conditions.empty() ? std::string() : " WHERE " + conditions,
                     std::move(params)};
}

// " ORDER BY …": the filter's field (nulls first ascending, last descending, as core::Value
// compares), then the id.
Result<std::string> OrderClause(const EntityDef& def, const Filter& filter) {
    if (filter.order_by.empty() || filter.order_by == "id") {
        return std::string(filter.descending && filter.order_by == "id" ? " ORDER BY \"id\" DESC"
                                                                        : " ORDER BY \"id\"");
    }
    if (!def.Find(filter.order_by)) {
        return Fail(Error::InvalidArgument(
            fmt::format("{} has no field \"{}\" to sort by", def.name, filter.order_by)));
    }
    const std::string column = Quote(filter.order_by);
    return filter.descending
               ? fmt::format(" ORDER BY ({} IS NULL), {} DESC, \"id\"", column, column)
               : fmt::format(" ORDER BY ({} IS NULL) DESC, {}, \"id\"", column, column);
}

}  // namespace

Result<std::vector<Record>> SqlTransaction::List(const EntityDef& def, const Filter& filter) {
    KC_ASSIGN_OR_RETURN(auto where, WhereClause(def, filter));
    const EntitySql& sql = SqlFor(def);
    KC_ASSIGN_OR_RETURN(std::string order, OrderClause(def, filter));
    std::string text = fmt::format("SELECT {} FROM {}{}{}", sql.select_columns, Quote(def.name),
                                   where.first, order);
    if (filter.limit > 0 || filter.offset > 0) {  // both dialects take LIMIT n OFFSET m
        text += fmt::format(" LIMIT {} OFFSET {}",
                            filter.limit > 0 ? filter.limit : std::numeric_limits<int64_t>::max(),
                            filter.offset);
    }
    KC_ASSIGN_OR_RETURN(auto rows, ReadQuery(text, where.second, sql.types));
    std::vector<Record> records;
    records.reserve(rows.size());
    for (Row& row : rows) records.push_back(ToRecord(def, std::move(row)));
    return records;
}

Result<int64_t> SqlTransaction::Count(const EntityDef& def, const Filter& filter) {
    KC_ASSIGN_OR_RETURN(auto where, WhereClause(def, filter));
    KC_ASSIGN_OR_RETURN(
        auto rows, ReadQuery(fmt::format("SELECT count(*) FROM {}{}", Quote(def.name), where.first),
                             where.second, kIntType));
    if (rows.empty()) return int64_t{0};
    const auto* count = std::get_if<int64_t>(&rows.front()[0]);
    return count ? *count : 0;
}

Result<bool> SqlTransaction::Exists(const EntityDef& def, Id id) {
    if (known_.contains({&def, id})) return true;
    std::array<Value, 1> params = {id};
    KC_ASSIGN_OR_RETURN(auto rows, session_->Query(SqlFor(def).exists, params, kIntType));
    if (rows.empty()) return false;
    known_.insert({&def, id});
    return true;
}

Result<std::vector<Id>> SqlTransaction::FindByName(const EntityDef& def, std::string_view name) {
    std::vector<Id> ids;
    std::array<Value, 1> params = {std::string(name)};
    for (const auto& field : def.name_fields) {
        KC_ASSIGN_OR_RETURN(
            auto rows, session_->Query(fmt::format("SELECT \"id\" FROM {} WHERE {}=?1 ORDER BY "
                                                   "\"id\"",
                                                   Quote(def.name), Quote(field)),
                                       params, kIdType));
        AddUnique(ids, rows);
    }
    if (def.compound_name.size() == 2) {
        const std::string a = Quote(def.compound_name[0]), b = Quote(def.compound_name[1]);
        KC_ASSIGN_OR_RETURN(
            auto rows,
            session_->Query(fmt::format("SELECT \"id\" FROM {0} WHERE {1}||COALESCE({2},'')=?1 OR "
                                        "{1}||' '||COALESCE({2},'')=?1 OR "
                                        "{1}||'\u3000'||COALESCE({2},'')=?1 ORDER BY \"id\"",
                                        Quote(def.name), a, b),
                            params, kIdType));
        AddUnique(ids, rows);
    }
    return ids;
}

Result<Id> SqlTransaction::Insert(Record record, const WriteOptions& options) {
    KC_CHECK(record.def != nullptr, "record without definition");
    const EntityDef& def = *record.def;
    if (core::IsNull(record.values[0])) record.values[0] = int64_t{0};
    Id id = record.GetId();
    if (id != 0) {
        KC_ASSIGN_OR_RETURN(bool taken, Exists(def, id));
        if (taken) {
            return Fail(Error::Conflict(fmt::format("{} id {} already exists", def.name, id)));
        }
    }
    if (marks_inserts_as_sample()) record.Set("sample", true);
    Stamp(record, options, /*created_at=*/now_);
    KC_RETURN_IF_ERROR(CheckAll(record, options));
    const EntitySql& sql = SqlFor(def);
    if (id == 0) {
        KC_RETURN_IF_ERROR(FlushExplicitIds(def.name));
        std::span<const Value> values(record.values);
        KC_ASSIGN_OR_RETURN(auto rows,
                            session_->Query(sql.insert_returning_id, values.subspan(1), kIdType));
        const auto* assigned = rows.empty() ? nullptr : std::get_if<int64_t>(&rows.front()[0]);
        if (!assigned) return Fail(Error::Internal("the database assigned no id"));
        id = *assigned;
        record.values[0] = id;
    } else {
        KC_RETURN_IF_ERROR(session_->Execute(sql.insert_with_id, record.values));
        int64_t& highest = explicit_ids_[def.name];
        highest = std::max(highest, id);
    }
    known_.insert({&def, id});
    if (options.ref_check == RefCheck::kAtCommit) TrackReferences(record);
    if (!options.audit) return id;
    KC_RETURN_IF_ERROR(WriteAudit("insert", def.name, id, nullptr, &record));
    return id;
}

Status SqlTransaction::Update(Record record, const WriteOptions& options) {
    KC_CHECK(record.def != nullptr, "record without definition");
    const EntityDef& def = *record.def;
    Id id = record.GetId();
    KC_ASSIGN_OR_RETURN(Record before, Get(def, id));
    if (def.state_machine) {
        const std::string& field = def.state_machine->field;
        const auto* from = std::get_if<std::string>(&before.Get(field));
        const auto* to = std::get_if<std::string>(&record.Get(field));
        if (from && to) KC_RETURN_IF_ERROR(core::CheckTransition(def, *from, *to));
    }
    if (!options.keep_timestamps) record.Set("created_at", before.Get("created_at"));
    const auto* created = std::get_if<std::string>(&before.Get("created_at"));
    Stamp(record, options, created ? *created : now_);
    KC_RETURN_IF_ERROR(CheckAll(record, options));
    KC_RETURN_IF_ERROR(session_->Execute(SqlFor(def).update, record.values));
    if (options.ref_check == RefCheck::kAtCommit) TrackReferences(record);
    if (!options.audit) return {};
    return WriteAudit("update", def.name, id, &before, &record);
}

Status SqlTransaction::Delete(const EntityDef& def, Id id) {
    KC_ASSIGN_OR_RETURN(Record before, Get(def, id));
    std::array<Value, 1> params = {id};
    if (auto status = session_->Execute(SqlFor(def).remove, params); !status) {
        if (status.error().code == ErrorCode::kFailedPrecondition) {
            return Fail(Error::FailedPrecondition(
                fmt::format("cannot delete {} {}: other records still refer to it", def.name, id)));
        }
        return status;
    }
    known_.erase({&def, id});
    return WriteAudit("delete", def.name, id, &before, nullptr);
}

Result<std::vector<AuditEntry>> SqlTransaction::Audit(std::string_view entity, Id id) {
    std::array<Value, 2> params = {std::string(entity), id};
    KC_ASSIGN_OR_RETURN(
        auto rows,
        session_->Query(std::string(kAuditColumns) +
                            "WHERE \"entity\"=?1 AND (?2=0 OR \"entity_id\"=?2) ORDER BY \"id\"",
                        params, kAuditTypes));
    std::vector<AuditEntry> entries;
    entries.reserve(rows.size());
    for (const Row& row : rows) entries.push_back(ToAuditEntry(row));
    return entries;
}

Result<std::vector<AuditEntry>> SqlTransaction::AuditLog(Id after_id, int64_t limit) {
    std::array<Value, 2> params = {after_id,
                                   limit > 0 ? limit : std::numeric_limits<int64_t>::max()};
    KC_ASSIGN_OR_RETURN(auto rows, session_->Query(std::string(kAuditColumns) +
                                                       "WHERE \"id\">?1 ORDER BY \"id\" LIMIT ?2",
                                                   params, kAuditTypes));
    std::vector<AuditEntry> entries;
    entries.reserve(rows.size());
    for (const Row& row : rows) entries.push_back(ToAuditEntry(row));
    return entries;
}

Result<Id> SqlTransaction::LatestAuditId() {
    KC_ASSIGN_OR_RETURN(
        auto rows, session_->Query("SELECT coalesce(max(\"id\"), 0) FROM audit_log", {}, kIntType));
    if (rows.empty()) return Id{0};
    const auto* id = std::get_if<int64_t>(&rows.front()[0]);
    return id ? *id : 0;
}

Status SqlTransaction::AppendAudit(const AuditEntry& entry) {
    auto optional = [](const std::string& json) -> Value {
        if (json.empty()) return Value{};
        return json;
    };
    std::vector<Value> params = {entry.at,
                                 entry.actor,
                                 entry.action,
                                 entry.entity,
                                 entry.entity_id,
                                 optional(entry.before_json),
                                 optional(entry.after_json)};
    if (entry.id == 0) {
        KC_RETURN_IF_ERROR(FlushExplicitIds("audit_log"));
        return session_->Execute(kInsertAudit, params);
    }
    params.push_back(entry.id);
    KC_RETURN_IF_ERROR(session_->Execute(kInsertAuditWithId, params));
    int64_t& highest = explicit_ids_["audit_log"];
    highest = std::max(highest, entry.id);
    return {};
}

Status SqlTransaction::Commit() {
    if (!open_) return Fail(Error::FailedPrecondition("transaction already finished"));
    if (!pending_refs_.empty()) {
        KC_ASSIGN_OR_RETURN(bool hold, session_->DeferredReferencesHold());
        if (!hold) KC_RETURN_IF_ERROR(CheckDeferredReferences());
    }
    for (const auto& [table, highest] : explicit_ids_) {
        KC_RETURN_IF_ERROR(session_->NoteExplicitId(table, highest));
    }
    KC_RETURN_IF_ERROR(session_->Commit());
    open_ = false;
    return {};
}

// Explicit ids inserted earlier in this transaction move the table's identity before the
// database generates an id there.
Status SqlTransaction::FlushExplicitIds(const std::string& table) {
    auto it = explicit_ids_.find(table);
    if (it == explicit_ids_.end()) return {};
    KC_RETURN_IF_ERROR(session_->NoteExplicitId(table, it->second));
    explicit_ids_.erase(it);
    return {};
}

void SqlTransaction::Stamp(Record& record, const WriteOptions& options,
                           const std::string& created_at) {
    const bool keep = options.keep_timestamps;
    if (!keep || core::IsNull(record.Get("created_at"))) record.Set("created_at", created_at);
    if (!keep || core::IsNull(record.Get("updated_at"))) record.Set("updated_at", now_);
}

// Validation and reference checks, all errors together.
Status SqlTransaction::CheckAll(const Record& record, const WriteOptions& options) {
    const EntityDef& def = *record.def;
    auto errors = core::ValidateRecord(record);
    if (options.ref_check == RefCheck::kAtCommit) {
        if (!deferred_refs_) {
            KC_RETURN_IF_ERROR(session_->DeferReferences());
            deferred_refs_ = true;
        }
    } else {
        for (size_t i = 0; i < def.fields.size(); ++i) {
            const auto& field = def.fields[i];
            if (field.type != FieldType::kRef) continue;
            const auto* ref = std::get_if<int64_t>(&record.values[i]);
            if (!ref || *ref <= 0) continue;
            const EntityDef* target = core::FindEntity(field.ref_entity);
            KC_ASSIGN_OR_RETURN(bool exists, Exists(*target, *ref));
            if (!exists) {
                errors.push_back({field.name, fmt::format("the id of an existing {}", target->name),
                                  fmt::format("{} (no such {})", *ref, target->name)});
            }
        }
    }
    if (errors.empty()) return {};
    return Fail(Error::Fields(fmt::format("invalid {}", def.name), std::move(errors)));
}

void SqlTransaction::TrackReferences(const Record& record) {
    const EntityDef& def = *record.def;
    for (size_t i = 0; i < def.fields.size(); ++i) {
        const auto& field = def.fields[i];
        if (field.type != FieldType::kRef) continue;
        pending_refs_.push_back(
            {&def, record.GetId(), field.name, core::FindEntity(field.ref_entity)});
    }
}

Status SqlTransaction::CheckDeferredReferences() {
    std::vector<FieldError> errors;
    std::set<std::pair<const EntityDef*, Id>> checked;
    for (const PendingRef& pending : pending_refs_) {
        // The record may have been deleted or changed since; check what is stored now.
        auto stored = Get(*pending.def, pending.id);
        if (!stored) continue;
        const auto* ref = std::get_if<int64_t>(&stored->Get(pending.field));
        if (!ref || *ref <= 0) continue;
        KC_ASSIGN_OR_RETURN(bool exists, Exists(*pending.target, *ref));
        if (exists || errors.size() >= 20 || !checked.insert({pending.def, pending.id}).second) {
            continue;
        }
        errors.push_back({fmt::format("{}[{}].{}", pending.def->name, pending.id, pending.field),
                          fmt::format("references to existing {} records", pending.target->name),
                          fmt::format("{} (a dangling reference)", *ref)});
    }
    if (errors.empty()) return {};
    return Fail(Error::Fields("dangling references", std::move(errors)));
}

Status SqlTransaction::WriteAudit(const char* action, const std::string& entity, Id id,
                                  const Record* before, const Record* after) {
    KC_RETURN_IF_ERROR(FlushExplicitIds("audit_log"));
    std::array<Value, 7> params = {now_, actor_.name,        std::string(action), entity,
                                   id,   TextOrNull(before), TextOrNull(after)};
    return session_->Execute(kInsertAudit, params);
}

// ---------------------------------------------------------------------------------------------
// Accounts, sessions, login attempts

namespace {

constexpr const char* kUserColumns =
    "SELECT \"id\",\"login\",\"password_hash\",\"roles\",\"person_id\",\"disabled\","
    "\"created_at\",\"updated_at\" FROM \"app_user\" ";
constexpr std::array kUserTypes = {FieldType::kId,   FieldType::kText, FieldType::kText,
                                   FieldType::kList, FieldType::kRef,  FieldType::kBool,
                                   FieldType::kText, FieldType::kText};
constexpr const char* kSessionColumns =
    "SELECT \"token_hash\",\"user_id\",\"csrf_token\",\"created\",\"last_seen\","
    "\"expires\",\"absolute_expiry\",\"client\" FROM \"user_session\" ";
constexpr std::array kSessionTypes = {FieldType::kText, FieldType::kRef, FieldType::kText,
                                      FieldType::kInt,  FieldType::kInt, FieldType::kInt,
                                      FieldType::kInt,  FieldType::kText};

std::string TextAt(const Row& row, size_t i) {
    const auto* s = std::get_if<std::string>(&row[i]);
    return s ? *s : std::string();
}
int64_t IntAt(const Row& row, size_t i) {
    const auto* v = std::get_if<int64_t>(&row[i]);
    return v ? *v : 0;
}

Value OptionalId(const std::optional<Id>& id) { return id ? Value{*id} : Value{}; }

std::string UserJson(const UserRow& user) {
    // Never the password hash.
    nlohmann::ordered_json json = {{"id", user.id},
                                   {"login", user.login},
                                   {"roles", user.roles},
                                   {"person_id", nullptr},
                                   {"disabled", user.disabled}};
    if (user.person_id) json["person_id"] = *user.person_id;
    return json.dump();
}

}  // namespace

Result<std::vector<UserRow>> SqlTransaction::SelectUsers(const std::string& where,
                                                         std::span<const Value> params) {
    KC_ASSIGN_OR_RETURN(auto rows,
                        session_->Query(std::string(kUserColumns) + where, params, kUserTypes));
    std::vector<UserRow> users;
    for (const Row& row : rows) {
        UserRow user;
        user.id = IntAt(row, 0);
        user.login = TextAt(row, 1);
        user.password_hash = TextAt(row, 2);
        if (const auto* roles = std::get_if<std::vector<std::string>>(&row[3])) {
            user.roles = *roles;
        }
        if (const auto* person = std::get_if<int64_t>(&row[4])) user.person_id = *person;
        const auto* disabled = std::get_if<bool>(&row[5]);
        user.disabled = disabled && *disabled;
        user.created_at = TextAt(row, 6);
        user.updated_at = TextAt(row, 7);
        users.push_back(std::move(user));
    }
    return users;
}

Result<std::optional<UserRow>> SqlTransaction::FindUser(std::string_view login) {
    std::array<Value, 1> params = {std::string(login)};
    KC_ASSIGN_OR_RETURN(auto users, SelectUsers("WHERE \"login\"=?1", params));
    if (users.empty()) return std::optional<UserRow>{};
    return std::optional<UserRow>{std::move(users.front())};
}

Result<std::optional<UserRow>> SqlTransaction::GetUser(Id id) {
    std::array<Value, 1> params = {id};
    KC_ASSIGN_OR_RETURN(auto users, SelectUsers("WHERE \"id\"=?1", params));
    if (users.empty()) return std::optional<UserRow>{};
    return std::optional<UserRow>{std::move(users.front())};
}

Result<std::vector<UserRow>> SqlTransaction::ListUsers() {
    return SelectUsers("ORDER BY \"id\"", {});
}

Status SqlTransaction::AuditUser(const char* action, const UserRow* before, const UserRow* after) {
    KC_RETURN_IF_ERROR(FlushExplicitIds("audit_log"));
    const Id id = after ? after->id : before->id;
    std::array<Value, 7> params = {now_,
                                   actor_.name,
                                   std::string(action),
                                   std::string("app_user"),
                                   id,
                                   before ? Value{UserJson(*before)} : Value{},
                                   after ? Value{UserJson(*after)} : Value{}};
    return session_->Execute(kInsertAudit, params);
}

Result<Id> SqlTransaction::InsertUser(const UserRow& user, bool audit) {
    KC_ASSIGN_OR_RETURN(auto existing, FindUser(user.login));
    if (existing) {
        return Fail(Error::Conflict(fmt::format("a user with login \"{}\" exists", user.login)));
    }
    UserRow row = user;
    row.created_at = row.created_at.empty() ? now_ : row.created_at;
    row.updated_at = row.updated_at.empty() ? now_ : row.updated_at;
    std::vector<Value> params = {
        row.login,    row.password_hash, row.roles,     OptionalId(row.person_id),
        row.disabled, row.created_at,    row.updated_at};
    if (row.id == 0) {
        KC_RETURN_IF_ERROR(FlushExplicitIds("app_user"));
        KC_ASSIGN_OR_RETURN(
            auto rows,
            session_->Query("INSERT INTO \"app_user\" (\"login\",\"password_hash\",\"roles\","
                            "\"person_id\",\"disabled\",\"created_at\",\"updated_at\") VALUES "
                            "(?1,?2,?3,?4,?5,?6,?7) RETURNING \"id\"",
                            params, kIdType));
        if (rows.empty()) return Fail(Error::Internal("the database assigned no user id"));
        row.id = IntAt(rows.front(), 0);
    } else {
        params.push_back(row.id);
        KC_RETURN_IF_ERROR(session_->Execute(
            "INSERT INTO \"app_user\" (\"login\",\"password_hash\",\"roles\",\"person_id\","
            "\"disabled\",\"created_at\",\"updated_at\",\"id\") VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            params));
        int64_t& highest = explicit_ids_["app_user"];
        highest = std::max(highest, row.id);
    }
    if (audit) KC_RETURN_IF_ERROR(AuditUser("insert", nullptr, &row));
    return row.id;
}

Status SqlTransaction::UpdateUser(const UserRow& user) {
    KC_ASSIGN_OR_RETURN(auto before, GetUser(user.id));
    if (!before) return Fail(Error::NotFound(fmt::format("no user with id {}", user.id)));
    UserRow row = user;
    row.updated_at = now_;
    std::vector<Value> params = {
        row.id,       row.login,     row.password_hash, row.roles, OptionalId(row.person_id),
        row.disabled, row.updated_at};
    KC_RETURN_IF_ERROR(
        session_->Execute("UPDATE \"app_user\" SET \"login\"=?2,\"password_hash\"=?3,\"roles\"=?4,"
                          "\"person_id\"=?5,\"disabled\"=?6,\"updated_at\"=?7 WHERE \"id\"=?1",
                          params));
    return AuditUser("update", &*before, &row);
}

Status SqlTransaction::InsertSession(const SessionRow& session) {
    std::vector<Value> params = {session.token_hash,      session.user_id,   session.csrf_token,
                                 session.created,         session.last_seen, session.expires,
                                 session.absolute_expiry, session.client};
    return session_->Execute(
        "INSERT INTO \"user_session\" (\"token_hash\",\"user_id\",\"csrf_token\",\"created\","
        "\"last_seen\",\"expires\",\"absolute_expiry\",\"client\") VALUES "
        "(?1,?2,?3,?4,?5,?6,?7,?8)",
        params);
}

Result<std::optional<SessionRow>> SqlTransaction::FindSession(std::string_view token_hash) {
    std::array<Value, 1> params = {std::string(token_hash)};
    KC_ASSIGN_OR_RETURN(
        auto rows, session_->Query(std::string(kSessionColumns) + "WHERE \"token_hash\"=?1", params,
                                   kSessionTypes));
    if (rows.empty()) return std::optional<SessionRow>{};
    const Row& row = rows.front();
    return std::optional<SessionRow>{SessionRow{TextAt(row, 0), IntAt(row, 1), TextAt(row, 2),
                                                IntAt(row, 3), IntAt(row, 4), IntAt(row, 5),
                                                IntAt(row, 6), TextAt(row, 7)}};
}

Status SqlTransaction::TouchSession(std::string_view token_hash, int64_t last_seen,
                                    int64_t expires) {
    std::array<Value, 3> params = {std::string(token_hash), last_seen, expires};
    return session_->Execute(
        "UPDATE \"user_session\" SET \"last_seen\"=?2,\"expires\"=?3 WHERE \"token_hash\"=?1",
        params);
}

Status SqlTransaction::DeleteSession(std::string_view token_hash) {
    std::array<Value, 1> params = {std::string(token_hash)};
    return session_->Execute("DELETE FROM \"user_session\" WHERE \"token_hash\"=?1", params);
}

Status SqlTransaction::DeleteSessionsOf(Id user_id) {
    std::array<Value, 1> params = {user_id};
    return session_->Execute("DELETE FROM \"user_session\" WHERE \"user_id\"=?1", params);
}

Status SqlTransaction::PurgeExpired(int64_t now, int64_t attempts_before) {
    std::array<Value, 1> at = {now};
    KC_RETURN_IF_ERROR(session_->Execute(
        "DELETE FROM \"user_session\" WHERE \"expires\"<?1 OR \"absolute_expiry\"<?1", at));
    std::array<Value, 1> before = {attempts_before};
    return session_->Execute("DELETE FROM \"login_attempt\" WHERE \"at\"<?1", before);
}

Status SqlTransaction::RecordLoginAttempt(std::string_view login, std::string_view client,
                                          int64_t at, bool succeeded) {
    KC_RETURN_IF_ERROR(FlushExplicitIds("login_attempt"));
    std::array<Value, 4> params = {std::string(login), std::string(client), at, succeeded};
    return session_->Execute(
        "INSERT INTO \"login_attempt\" (\"login\",\"client\",\"at\",\"succeeded\") VALUES "
        "(?1,?2,?3,?4)",
        params);
}

Result<int64_t> SqlTransaction::CountLoginFailures(std::string_view key, bool by_login,
                                                   int64_t since) {
    std::array<Value, 2> params = {std::string(key), since};
    KC_ASSIGN_OR_RETURN(
        auto rows,
        session_->Query(fmt::format("SELECT count(*) FROM \"login_attempt\" WHERE \"{}\"=?1 AND "
                                    "\"at\">=?2 AND \"succeeded\"=0",
                                    by_login ? "login" : "client"),
                        params, kIntType));
    return rows.empty() ? 0 : IntAt(rows.front(), 0);
}

}  // namespace kc::store::sql
