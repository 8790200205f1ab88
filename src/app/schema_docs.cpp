#include "app/schema_docs.h"

#include <fmt/format.h>

#include "core/schema.h"
#include "core/value_io.h"

namespace kc::app {
namespace {

using core::EntityDef;
using core::FieldDef;
using core::FieldType;

std::string Escape(std::string text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string Notes(const FieldDef& field) {
    std::vector<std::string> notes;
    if (field.type == FieldType::kRef) {
        notes.push_back(fmt::format("→ `{}` (id or exact name)", field.ref_entity));
    }
    if (field.type == FieldType::kEnum) {
        std::string values;
        for (const auto& value : field.enum_values) {
            if (!values.empty()) values += ", ";
            values += fmt::format("`{}` {}", value.code, value.label_ja);
        }
        notes.push_back(values);
    }
    if (field.min && field.max) {
        notes.push_back(fmt::format("{}..{}", *field.min, *field.max));
    } else if (field.min) {
        notes.push_back(fmt::format("≥ {}", *field.min));
    } else if (field.max) {
        notes.push_back(fmt::format("≤ {}", *field.max));
    }
    if (!core::IsNull(field.default_value)) {
        notes.push_back(
            fmt::format("default `{}`", core::FormatFieldText(field, field.default_value)));
    }
    if (field.max_length > 0)
        notes.push_back(fmt::format("at most {} characters", field.max_length));
    if (!field.doc.empty()) notes.push_back(field.doc);
    std::string out;
    for (const auto& note : notes) {
        if (!out.empty()) out += "; ";
        out += note;
    }
    return Escape(out);
}

constexpr const char* kFormatsIntro = R"md(# Import and export formats

Generated from `src/core/entity_defs.cpp` by `kcluster schema docs --out docs`; do not edit by
hand (a test compares this file with the code).

## Files

- **CSV** (RFC 4180): comma-separated, fields with commas, quotes or line breaks in double
  quotes, `""` for a quote inside a quoted field, CRLF or LF line ends. Encoding: UTF-8 with or
  without BOM, or CP932 (Shift_JIS as Excel writes it in Japan), detected automatically
  (`--encoding auto|utf-8|cp932`). The first line names the columns: the field names below, or
  their Japanese or English labels (`シーズ名`, `Title`); a reference column may also be named
  without `_id` (`organization`). Columns may come in any order; unknown columns are an error;
  missing optional columns are empty. Which entity a file holds comes from `--entity` or from the
  file name (`seeds.csv`, `seed.csv`, `技術シーズ.csv`).
- **JSON**: an array of objects keyed by field name (one entity), or the bundle written by
  `kcluster export --all --format json`:
  `{"format": "kcluster-bundle", "version": 1, "schema_version": N, "entities": {"region": [...], ...}}`.
  Importing a bundle into an empty database reproduces it exactly (ids and timestamps kept).

## Values

| type | accepted on input | written on export |
|---|---|---|
| id, reference | a positive integer; a reference may instead be the exact Japanese or English name of the record (an ambiguous name is an error that lists the candidate ids) | the id |
| yen | `500000000`, `¥500,000,000`, `500,000,000円`, `5億円`, `1.5億円`, `3億2000万円` (integers only, never rounded) | plain integer |
| date | `2003-02-01`, `2003/2/1`, `2003年2月1日`, `平成15年2月1日`, `H15.2.1`, `令和元年5月1日` | `2003-02-01` |
| fiscal year | `2002`, `FY2002`, `2002年度`, `平成14年度`, `H14` (April–March; FY2002 = 2002-04-01 … 2003-03-31) | `2002` |
| boolean | `true/false`, `1/0`, `yes/no`, `はい/いいえ`, `有/無` | `true` / `false` |
| enum | the code, or its Japanese or English label | the code |
| list | items separated by `;` (also `；` or `、`) | `a;b;c` |
| timestamp | ISO 8601 with offset, `2002-04-15T10:00:00+09:00` | the same |

Empty cells are "not given". Every entity also has `sample` (true for demo data that is not
sourced fact), `created_at` and `updated_at` (kept when present in the file, else set by the store).

## Errors

An import is all or nothing: the first bad row stops it and nothing is written. The message names
the file, line and column (`FILE:LINE:COLUMN: field: expected …, got …`), for example

    seeds.csv:12:9: trl: expected integer 1..9, got 10
    seeds.csv:4:3: organization_id: expected the id or exact name of an existing organization, got "東京大学" (no organization has this name)
    needs.csv:7:15: unterminated quoted field (opened at line 7, column 15)

`--dry-run` checks everything and writes nothing.

## Entities
)md";

}  // namespace

std::string FormatsMarkdown() {
    std::string out = kFormatsIntro;
    for (const EntityDef* def : core::AllEntities()) {
        out += fmt::format("\n### `{}` — {} ({})\n\n{}", def->name, def->label_ja, def->label_en,
                           def->doc);
        if (!def->importable) out += " Not importable: managed by its own commands.";
        if (!def->name_fields.empty()) {
            std::string names;
            for (const auto& name : def->name_fields) {
                if (!names.empty()) names += ", ";
                names += "`" + name + "`";
            }
            if (!def->compound_name.empty()) {
                names += fmt::format(" or `{}` + `{}` (with or without a space)",
                                     def->compound_name[0], def->compound_name[1]);
            }
            out += fmt::format(" Referred to by name through {}.", names);
        }
        if (def->state_machine) {
            std::string transitions;
            for (const auto& [from, to] : def->state_machine->transitions) {
                if (!transitions.empty()) transitions += ", ";
                transitions += from + " → " + to;
            }
            out += fmt::format(" Lifecycle of `{}`: {}.", def->state_machine->field, transitions);
        }
        out += "\n\n| column | 日本語 | English | type | required | notes |\n";
        out += "|---|---|---|---|---|---|\n";
        for (const auto& field : def->fields) {
            out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", field.name, field.label_ja,
                               field.label_en, core::FieldTypeName(field.type),
                               field.required ? "yes" : "", Notes(field));
        }
    }
    return out;
}

namespace {

struct Term {
    const char* code;
    const char* ja;
    const char* meaning;
};

// Domain terms that are not themselves entities or enum values.
constexpr Term kTerms[] = {
    {"knowledge cluster", "知的クラスター",
     "A technological-innovation system formed under regional initiative around universities "
     "and public research institutes, with companies inside and outside the region."},
    {"Knowledge Cluster Initiative", "知的クラスター創成事業",
     "MEXT's programme (from July 2002) that funds knowledge clusters."},
    {"MEXT", "文部科学省", "Ministry of Education, Culture, Sports, Science and Technology."},
    {"cluster headquarters (HQ)", "知的クラスター本部",
     "The command tower of a cluster: director, programme manager, research director, "
     "coordinators and advisers."},
    {"mekiki", "目利き",
     "The connoisseur's eye of a coordinator who sees which seed answers which need."},
    {"industry–academia–government collaboration", "産学官連携",
     "Joint work of companies, universities and public bodies."},
    {"comprehensive evaluation", "総合評価",
     "Evaluation weighting R&D potential and promise of industrialisation, plus promotion "
     "structure and regional commitment."},
    {"R&D potential", "研究開発のポテンシャル", "A scientific criterion of the selection."},
    {"promise of industrialisation", "産業化の有望度", "A scientific criterion of the selection."},
    {"promotion structure", "推進体制", "A structural criterion of the selection."},
    {"regional commitment", "地域の取組み", "A structural criterion of the selection."},
    {"peer review", "査読", "Expert review of proposal documents."},
    {"full implementation region", "事業実施地域", "A region selected to run the programme."},
    {"trial region", "試行地域", "A region selected for a 1–3-year trial."},
    {"fiscal year (FY)", "年度",
     "April 1 – March 31, named by the starting year: FY2002 = 平成14年度."},
    {"supplementary budget", "補正予算", "A budget added during the fiscal year."},
    {"subsidy", "補助金", "Money paid to the core organisation to run the programme."},
    {"technology readiness level (TRL)", "技術成熟度",
     "Maturity of a technology from 1 (principle observed) to 9 (proven in operation)."},
    {"self-evaluation report", "自己評価報告書",
     "The region's own report that starts a mid-term or post evaluation."},
    {"S/A/B/C", "S/A/B/C評定", "The four-level grade of MEXT evaluations, S best."},
    {"selection and concentration", "選択と集中",
     "Cutting or refocusing themes after a mid-term evaluation."},
    {"sample", "サンプル", "Demo data that is illustrative rather than sourced fact."},
};

}  // namespace

std::string GlossaryMarkdown() {
    std::string out =
        "# Glossary\n\nGenerated from `src/core/entity_defs.cpp` and "
        "`src/app/schema_docs.cpp` by `kcluster schema docs --out docs`; do not edit by hand.\n"
        "Names in code, schema and JSON are the English codes; the UI and CSV headers may use the "
        "Japanese labels.\n\n## Domain terms\n\n| term | 日本語 | meaning |\n|---|---|---|\n";
    for (const Term& term : kTerms) {
        out += fmt::format("| {} | {} | {} |\n", term.code, term.ja, term.meaning);
    }
    out += "\n## Entities\n\n| name in code | 日本語 | English | meaning |\n|---|---|---|---|\n";
    for (const EntityDef* def : core::AllEntities()) {
        out += fmt::format("| `{}` | {} | {} | {} |\n", def->name, def->label_ja, def->label_en,
                           Escape(def->doc));
    }
    out +=
        "\n## Values\n\nEnumerated values, by entity and field.\n\n"
        "| entity.field | code | 日本語 | English |\n|---|---|---|---|\n";
    for (const EntityDef* def : core::AllEntities()) {
        for (const auto& field : def->fields) {
            for (const auto& value : field.enum_values) {
                out += fmt::format("| `{}.{}` | `{}` | {} | {} |\n", def->name, field.name,
                                   value.code, value.label_ja, value.label_en);
            }
        }
    }
    return out;
}

}  // namespace kc::app
