#include "app/assign_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engines/assign/assign.h"
#include "util/csv.h"
#include "util/encoding.h"
#include "util/file.h"
#include "util/log.h"
#include "util/text.h"

namespace kc::app {
namespace {

// Candidate pairs from which the solve reports its stages on stderr and the reading of the
// affinity file draws a progress bar.
constexpr size_t kLargeInput = 100'000;
constexpr size_t kLargeFileBytes = 16u << 20;

using AssignArgs = AssignFilesOptions;

// The English or Japanese text.
std::string T(const AssignArgs& args, std::string_view en, std::string_view ja) {
    return std::string(args.japanese ? ja : en);
}

Error Located(std::string_view file, int line, size_t column, std::string_view message) {
    if (column > 0) {
        return Error::InvalidArgument(fmt::format("{}:{}:{}: {}", file, line, column, message));
    }
    return Error::InvalidArgument(fmt::format("{}:{}: {}", file, line, message));
}

// The CSV reader says "line L, column C: message"; this command says "FILE:L:C: message".
Error CsvError(std::string_view file, const Error& error) {
    int line = 0, column = 0, consumed = 0;
    if (std::sscanf(error.message.c_str(), "line %d, column %d: %n", &line, &column, &consumed) ==
            2 &&
        consumed > 0) {
        return Located(file, line, static_cast<size_t>(column),
                       error.message.substr(static_cast<size_t>(consumed)));
    }
    return Error::InvalidArgument(fmt::format("{}: {}", file, error.message));
}

// One data row of a Table: its line and the fields of the wanted columns, in their order.
struct Row {
    int line = 0;
    std::vector<std::string> fields;
};

// A CSV file whose header must name `columns` (in any order, other columns ignored). Not
// movable: the reader points into the text it owns.
class Table {
  public:
    Table(std::string path, std::vector<std::string> columns)
        : path_(std::move(path)), columns_(std::move(columns)) {}
    Table(const Table&) = delete;
    Table& operator=(const Table&) = delete;

    static Result<std::unique_ptr<Table>> Open(const std::string& path,
                                               std::vector<std::string> columns) {
        auto table = std::make_unique<Table>(path, std::move(columns));
        auto bytes = ReadFile(path);
        if (!bytes) return Fail(bytes.error());
        auto decoded = DecodeToUtf8(*bytes, Encoding::kAuto);
        if (!decoded) {
            return Fail(
                Error::InvalidArgument(fmt::format("{}: {}", path, decoded.error().message)));
        }
        table->text_ = std::move(decoded->text);
        table->reader_.emplace(table->text_);
        auto header = table->reader_->Next();
        if (!header) return Fail(CsvError(path, header.error()));
        const std::string expected = JoinList(table->columns_, ",");
        if (!*header) {
            return Fail(Error::InvalidArgument(
                fmt::format("{}: empty file: expected a header line {}", path, expected)));
        }
        table->header_line_ = (*header)->line;
        table->header_fields_ = (*header)->fields.size();
        table->positions_.assign(table->columns_.size(), std::numeric_limits<size_t>::max());
        for (size_t idx = 0; idx < (*header)->fields.size(); ++idx) {
            const std::string_view name = Trim((*header)->fields[idx]);
            for (size_t col = 0; col < table->columns_.size(); ++col) {
                if (name != table->columns_[col]) continue;
                if (table->positions_[col] != std::numeric_limits<size_t>::max()) {
                    return Fail(Located(path, table->header_line_, idx + 1,
                                        fmt::format("column \"{}\" appears twice", name)));
                }
                table->positions_[col] = idx;
            }
        }
        for (size_t col = 0; col < table->columns_.size(); ++col) {
            if (table->positions_[col] == std::numeric_limits<size_t>::max()) {
                return Fail(
                    Located(path, table->header_line_, 0,
                            fmt::format("missing column \"{}\": expected a header line {}, got {}",
                                        table->columns_[col], expected,
                                        QuoteForMessage(JoinList((*header)->fields, ",")))));
            }
        }
        return table;
    }

    // The next data row, std::nullopt at the end.
    Result<std::optional<Row>> Next() {
        auto record = reader_->Next();
        if (!record) return Fail(CsvError(path_, record.error()));
        if (!*record) return std::optional<Row>();
        Row row;
        row.line = (*record)->line;
        const size_t needed = *std::max_element(positions_.begin(), positions_.end()) + 1;
        if ((*record)->fields.size() < needed) {
            return Fail(
                Located(path_, row.line, 0,
                        fmt::format("expected {} fields as in the header, got {}",
                                    std::max(needed, header_fields_), (*record)->fields.size())));
        }
        for (size_t position : positions_) {
            row.fields.push_back(std::move((*record)->fields[position]));
        }
        return std::optional<Row>(std::move(row));
    }

    // An error about field `col` (index into `columns`) of `row`.
    [[nodiscard]] Error ErrorAt(const Row& row, size_t col, std::string_view message) const {
        return Located(path_, row.line, positions_[col] + 1,
                       fmt::format("{}: {}", columns_[col], message));
    }
    [[nodiscard]] Error RowError(const Row& row, std::string_view message) const {
        return Located(path_, row.line, 0, message);
    }
    [[nodiscard]] int64_t BytesConsumed() const { return reader_->BytesConsumed(); }
    [[nodiscard]] size_t Size() const { return text_.size(); }
    [[nodiscard]] const std::string& Path() const { return path_; }

  private:
    std::string path_;
    std::vector<std::string> columns_;
    std::string text_;
    std::optional<CsvReader> reader_;
    std::vector<size_t> positions_;
    size_t header_fields_ = 0;
    int header_line_ = 1;
};

// The id in field `col` of `row`, trimmed; an error when empty.
Result<std::string> IdField(const Table& table, const Row& row, size_t col) {
    std::string id(Trim(row.fields[col]));
    if (id.empty()) return Fail(table.ErrorAt(row, col, "expected an id, got an empty field"));
    return id;
}

// The ids of reviewers or proposals, numbered in order of first appearance.
class Ids {
  public:
    // The index of `id`, new ids numbered from 0 in order of arrival; `file` and `line` say
    // where a new id was first seen.
    int32_t Add(const std::string& id, std::string_view file, int line) {
        auto [it, inserted] = index_.try_emplace(id, static_cast<int32_t>(names_.size()));
        if (inserted) {
            names_.push_back(id);
            first_seen_.push_back(fmt::format("{} line {}", file, line));
        }
        return it->second;
    }
    [[nodiscard]] std::optional<int32_t> Find(const std::string& id) const {
        auto it = index_.find(id);
        if (it == index_.end()) return std::nullopt;
        return it->second;
    }
    [[nodiscard]] const std::string& Name(int32_t index) const {
        return names_[static_cast<size_t>(index)];
    }
    [[nodiscard]] const std::string& FirstSeen(int32_t index) const {
        return first_seen_[static_cast<size_t>(index)];
    }
    [[nodiscard]] int32_t Size() const { return static_cast<int32_t>(names_.size()); }

  private:
    std::unordered_map<std::string, int32_t> index_;
    std::vector<std::string> names_;
    std::vector<std::string> first_seen_;  // "affinity.csv line 12"
};

// A per-id count given either as one number for all or as a CSV file of (id, value) rows.
struct Counts {
    std::string option;  // "--demand"
    std::string path;    // empty when uniform
    int32_t uniform = 0;
    std::unordered_map<int32_t, std::pair<int32_t, int>> values;  // index -> (value, line)
};

Result<int32_t> ParseCount(std::string_view text) {
    auto value = ParseInt(text);
    if (!value) return Fail(value.error());
    if (*value < 0 || *value > std::numeric_limits<int32_t>::max()) {
        return Fail(Error::InvalidArgument(
            fmt::format("expected an integer 0..2147483647, got {}", QuoteForMessage(text))));
    }
    return static_cast<int32_t>(*value);
}

// Reads `arg` of `option`: a non-negative integer, or a CSV file with columns `id_column` and
// `value_column`. Ids not yet known are added to `ids`.
Result<Counts> ReadCounts(const std::string& option, const std::string& arg,
                          const std::string& id_column, const std::string& value_column, Ids& ids) {
    Counts counts;
    counts.option = option;
    if (ParseInt(arg).has_value()) {
        auto value = ParseCount(arg);
        if (!value) {
            return Fail(Error::InvalidArgument(
                fmt::format("{}: expected a non-negative integer or a CSV file ({},{}), got {}",
                            option, id_column, value_column, QuoteForMessage(arg))));
        }
        counts.uniform = *value;
        return counts;
    }
    counts.path = arg;
    KC_ASSIGN_OR_RETURN(auto table, Table::Open(arg, {id_column, value_column}));
    while (true) {
        KC_ASSIGN_OR_RETURN(auto row, table->Next());
        if (!row) break;
        KC_ASSIGN_OR_RETURN(std::string id, IdField(*table, *row, 0));
        auto value = ParseCount(row->fields[1]);
        if (!value) return Fail(table->ErrorAt(*row, 1, value.error().message));
        const int32_t index = ids.Add(id, arg, row->line);
        auto [it, inserted] = counts.values.try_emplace(index, *value, row->line);
        if (!inserted) {
            return Fail(table->RowError(*row, fmt::format("{} {} repeats line {}", id_column,
                                                          QuoteForMessage(id), it->second.second)));
        }
    }
    return counts;
}

// The count of every id: from the file, the uniform number, or `missing` (std::nullopt: an
// error naming the first id without a row).
Result<std::vector<int32_t>> Resolve(const Counts& counts, const Ids& ids, const char* kind,
                                     std::optional<int32_t> missing) {
    std::vector<int32_t> out(static_cast<size_t>(ids.Size()), counts.uniform);
    if (counts.path.empty()) return out;
    for (int32_t index = 0; index < ids.Size(); ++index) {
        auto it = counts.values.find(index);
        if (it != counts.values.end()) {
            out[static_cast<size_t>(index)] = it->second.first;
        } else if (missing) {
            out[static_cast<size_t>(index)] = *missing;
        } else {
            return Fail(Error::InvalidArgument(fmt::format(
                "{}: no row for {} {} (first seen in {}): expected one row per {}", counts.path,
                kind, QuoteForMessage(ids.Name(index)), ids.FirstSeen(index), kind)));
        }
    }
    return out;
}

// Where a reviewer's count came from, for messages: "FILE line L" or "--option N".
std::string Source(const Counts& counts, int32_t index) {
    if (counts.path.empty()) return fmt::format("{} {}", counts.option, counts.uniform);
    auto it = counts.values.find(index);
    if (it == counts.values.end()) return fmt::format("{} (no row: 0)", counts.path);
    return fmt::format("{} line {}", counts.path, it->second.second);
}

// "P2" < "P10": digit runs compare as numbers, everything else byte by byte.
bool NaturalLess(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            size_t i_end = i, j_end = j;
            while (i_end < a.size() && digit(a[i_end])) ++i_end;
            while (j_end < b.size() && digit(b[j_end])) ++j_end;
            std::string_view x = a.substr(i, i_end - i), y = b.substr(j, j_end - j);
            while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
            while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
            if (x.size() != y.size()) return x.size() < y.size();
            if (x != y) return x < y;
            i = i_end;
            j = j_end;
            continue;
        }
        if (a[i] != b[j])
            return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
    return a < b;  // equal under the natural order ("P01" and "P1"): fall back to bytes
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The earliest edge (in file order) that repeats an earlier pair, with that earlier edge:
// (first, again). Sorting keeps memory at 16 bytes per pair.
std::optional<std::pair<size_t, size_t>> FirstRepeatedPair(const std::vector<assign::Edge>& edges) {
    std::vector<std::pair<uint64_t, size_t>> keyed;
    keyed.reserve(edges.size());
    for (size_t idx = 0; idx < edges.size(); ++idx) {
        keyed.emplace_back(
            (static_cast<uint64_t>(static_cast<uint32_t>(edges[idx].proposal)) << 32) |
                static_cast<uint32_t>(edges[idx].reviewer),
            idx);
    }
    std::sort(keyed.begin(), keyed.end());
    std::optional<std::pair<size_t, size_t>> earliest;
    size_t group_start = 0;
    for (size_t k = 1; k < keyed.size(); ++k) {
        if (keyed[k].first != keyed[k - 1].first) {
            group_start = k;
            continue;
        }
        if (!earliest || keyed[k].second < earliest->second) {
            earliest = std::make_pair(keyed[group_start].second, keyed[k].second);
        }
    }
    return earliest;
}

struct Input {
    assign::Problem problem;
    Ids reviewers, proposals;
    size_t conflicts_ignored = 0;
};

Result<Input> ReadInput(const AssignArgs& args) {
    Input input;
    auto& problem = input.problem;
    {
        KC_ASSIGN_OR_RETURN(auto table,
                            Table::Open(args.affinity, {"reviewer", "proposal", "score"}));
        std::optional<ProgressBar> bar;
        if (table->Size() >= kLargeFileBytes) bar.emplace(T(args, "pairs read", "組を読込"), -1);
        std::vector<int> lines;  // per edge, for the duplicate check below
        while (true) {
            KC_ASSIGN_OR_RETURN(auto row, table->Next());
            if (!row) break;
            KC_ASSIGN_OR_RETURN(std::string reviewer, IdField(*table, *row, 0));
            KC_ASSIGN_OR_RETURN(std::string proposal, IdField(*table, *row, 1));
            auto score = ParseDouble(row->fields[2]);
            if (!score) return Fail(table->ErrorAt(*row, 2, score.error().message));
            const int32_t r = input.reviewers.Add(reviewer, args.affinity, row->line);
            const int32_t p = input.proposals.Add(proposal, args.affinity, row->line);
            problem.edges.push_back({r, p, *score});
            lines.push_back(row->line);
            if (bar && problem.edges.size() % 65536 == 0) {
                bar->Update(static_cast<int64_t>(problem.edges.size()));
            }
        }
        if (bar) {
            bar->Update(static_cast<int64_t>(problem.edges.size()));
            bar->Finish();
        }
        if (problem.edges.empty()) {
            return Fail(Error::InvalidArgument(fmt::format(
                "{}: no candidate pairs: expected rows reviewer,proposal,score after the header",
                args.affinity)));
        }
        if (auto repeated = FirstRepeatedPair(problem.edges)) {
            const auto& [first, again] = *repeated;
            const auto& edge = problem.edges[again];
            return Fail(Located(
                args.affinity, lines[again], 0,
                fmt::format("pair (reviewer {}, proposal {}) repeats line {}",
                            QuoteForMessage(input.reviewers.Name(edge.reviewer)),
                            QuoteForMessage(input.proposals.Name(edge.proposal)), lines[first])));
        }
    }
    KC_ASSIGN_OR_RETURN(Counts demand,
                        ReadCounts("--demand", args.demand, "proposal", "demand", input.proposals));
    KC_ASSIGN_OR_RETURN(Counts max_load, ReadCounts("--max-load", args.max_load, "reviewer",
                                                    "max_load", input.reviewers));
    std::optional<Counts> min_load;
    if (!args.min_load.empty()) {
        KC_ASSIGN_OR_RETURN(min_load, ReadCounts("--min-load", args.min_load, "reviewer",
                                                 "min_load", input.reviewers));
    }
    problem.num_proposals = input.proposals.Size();
    problem.num_reviewers = input.reviewers.Size();
    KC_ASSIGN_OR_RETURN(problem.demand, Resolve(demand, input.proposals, "proposal", {}));
    KC_ASSIGN_OR_RETURN(problem.max_load, Resolve(max_load, input.reviewers, "reviewer", {}));
    if (min_load) {
        KC_ASSIGN_OR_RETURN(problem.min_load, Resolve(*min_load, input.reviewers, "reviewer", 0));
        for (int32_t r = 0; r < problem.num_reviewers; ++r) {
            const int32_t low = problem.min_load[static_cast<size_t>(r)];
            const int32_t high = problem.max_load[static_cast<size_t>(r)];
            if (low > high) {
                return Fail(Error::InvalidArgument(
                    fmt::format("reviewer {}: min_load {} ({}) is above max_load {} ({})",
                                QuoteForMessage(input.reviewers.Name(r)), low, Source(*min_load, r),
                                high, Source(max_load, r))));
            }
        }
    }
    if (!args.conflicts.empty()) {
        KC_ASSIGN_OR_RETURN(auto table, Table::Open(args.conflicts, {"reviewer", "proposal"}));
        while (true) {
            KC_ASSIGN_OR_RETURN(auto row, table->Next());
            if (!row) break;
            KC_ASSIGN_OR_RETURN(std::string reviewer, IdField(*table, *row, 0));
            KC_ASSIGN_OR_RETURN(std::string proposal, IdField(*table, *row, 1));
            auto r = input.reviewers.Find(reviewer);
            auto p = input.proposals.Find(proposal);
            // A conflict on a pair that is not a candidate cannot be assigned anyway.
            if (!r || !p) {
                ++input.conflicts_ignored;
                continue;
            }
            problem.forbidden.emplace_back(*r, *p);
        }
    }
    problem.objective =
        args.objective == "fair" ? assign::Objective::kFair : assign::Objective::kTotal;
    return input;
}

}  // namespace

Result<AssignFilesReport> SolveAssignmentFiles(const AssignFilesOptions& args) {
    const auto start = std::chrono::steady_clock::now();
    auto log = [&](const std::string& line) {
        if (args.log) args.log(line);
    };
    KC_ASSIGN_OR_RETURN(Input input, ReadInput(args));
    const auto& problem = input.problem;
    KC_RETURN_IF_ERROR(assign::Validate(problem));
    const bool large = problem.edges.size() >= kLargeInput;
    if (large) {
        log(fmt::format(
            fmt::runtime(T(args, "{} candidate pairs, {} proposals, {} reviewers, read in {:.1f} s",
                           "候補 {} 組、提案 {} 件、査読者 {} 名（読込 {:.1f} 秒）")),
            FormatWithCommas(static_cast<int64_t>(problem.edges.size())),
            FormatWithCommas(problem.num_proposals), FormatWithCommas(problem.num_reviewers),
            SecondsSince(start)));
    }
    if (input.conflicts_ignored > 0) {
        log(fmt::format(
            fmt::runtime(T(args,
                           "{}: {} conflict(s) name a reviewer or proposal not in {}; ignored",
                           "{}: {} 件の利害関係は {} にない査読者・提案を指すため無視しました")),
            args.conflicts, input.conflicts_ignored, args.affinity));
    }

    assign::Options options;
    std::string stage;
    if (large) {
        options.progress = [&](double, const std::string& next) {
            if (next == stage || next == "done") return;
            stage = next;
            log(fmt::format("{}… ({:.1f} s)", stage, SecondsSince(start)));
        };
    }
    auto solution = assign::Solve(problem, options);
    if (!solution) {
        if (solution.error().code != ErrorCode::kFailedPrecondition ||
            solution.error().message == "cancelled") {
            return Fail(solution.error());
        }
        // Infeasible: name the real ids.
        std::string message =
            T(args,
              "no assignment meets every constraint:", "すべての制約を満たす割り当てはありません:");
        for (const auto& reason : assign::Diagnose(problem)) {
            message += "\n  " + assign::DescribeInfeasibility(
                                    reason, [&](int32_t p) { return input.proposals.Name(p); },
                                    [&](int32_t r) { return input.reviewers.Name(r); });
        }
        return Fail(Error::FailedPrecondition(message));
    }

    std::vector<const assign::Edge*> pairs;
    pairs.reserve(solution->pairs.size());
    for (const auto& pair : solution->pairs) pairs.push_back(&pair);
    std::sort(pairs.begin(), pairs.end(), [&](const assign::Edge* a, const assign::Edge* b) {
        const std::string& pa = input.proposals.Name(a->proposal);
        const std::string& pb = input.proposals.Name(b->proposal);
        if (pa != pb) return NaturalLess(pa, pb);
        return NaturalLess(input.reviewers.Name(a->reviewer), input.reviewers.Name(b->reviewer));
    });
    AssignFilesReport report;
    report.csv.reserve(pairs.size() * 32);
    AppendCsvRow(report.csv, {"reviewer", "proposal", "score"});
    for (const auto* pair : pairs) {
        AppendCsvRow(report.csv,
                     {input.reviewers.Name(pair->reviewer), input.proposals.Name(pair->proposal),
                      fmt::format("{}", pair->score)});
    }
    // The proposal with the lowest score (the first in id order on ties), when any has demand.
    std::optional<int32_t> poorest;
    for (int32_t p = 0; p < problem.num_proposals; ++p) {
        if (problem.demand[static_cast<size_t>(p)] == 0) continue;
        const double score = solution->proposal_score[static_cast<size_t>(p)];
        if (!poorest || score < solution->proposal_score[static_cast<size_t>(*poorest)] ||
            (score == solution->proposal_score[static_cast<size_t>(*poorest)] &&
             NaturalLess(input.proposals.Name(p), input.proposals.Name(*poorest)))) {
            poorest = p;
        }
    }
    report.proposals = problem.num_proposals;
    report.reviewers = problem.num_reviewers;
    report.candidates = problem.edges.size();
    report.conflicts = problem.forbidden.size();
    report.conflicts_ignored = input.conflicts_ignored;
    report.pairs = solution->pairs.size();
    report.total = solution->total;
    report.min_proposal_score = solution->min_proposal_score;
    report.min_proposal_bound = solution->min_proposal_bound;
    report.min_proposal = poorest ? input.proposals.Name(*poorest) : "";
    report.min_is_optimal =
        std::abs(solution->min_proposal_score - solution->min_proposal_bound) <= 1e-9;
    report.seconds = SecondsSince(start);
    return report;
}

}  // namespace kc::app
