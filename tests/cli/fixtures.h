#pragma once

// A small base dataset (JSON keyed by entity) used by the CLI tests: one programme, call,
// proposal, region, two organisations, a person and a cluster. Sample data, not facts.

namespace kc::testing {

inline constexpr const char* kBaseDataset = R"json({
  "program": [{"id": 1, "name_ja": "知的クラスター創成事業", "name_en": "Knowledge Cluster Initiative",
               "phase": "I", "start_fy": 2002, "end_fy": 2006, "sample": true}],
  "fiscal_budget": [{"id": 1, "program_id": 1, "fiscal_year": 2003, "regular": "75億円", "sample": true}],
  "region": [{"id": 1, "name_ja": "高松", "name_en": "Takamatsu", "prefecture": "香川県", "sample": true}],
  "organization": [
    {"id": 1, "name_ja": "香川大学", "name_en": "Kagawa University", "kind": "university", "sample": true},
    {"id": 2, "name_ja": "株式会社テスト化学", "name_en": "Test Chemical Co.", "kind": "company", "sme": true, "sample": true}],
  "person": [{"id": 1, "family_name": "試験", "given_name": "花子", "name_en": "Hanako Shiken",
              "organization_id": 1, "sample": true}],
  "call": [{"id": 1, "program_id": 1, "fiscal_year": 2001, "title_ja": "事業実施地域の公募",
            "kind": "selection", "status": "open", "reviewers_per_proposal": 3, "max_load": 6,
            "years": 5, "sample": true}],
  "proposal": [{"id": 1, "call_id": 1, "title_ja": "希少糖クラスター構想", "field": "life_science",
                "status": "draft", "sample": true}],
  "cluster": [{"id": 1, "program_id": 1, "name_ja": "香川希少糖クラスター", "field": "life_science",
               "status": "full", "phase": "I", "started_on": "2002-07-01", "sample": true}]
})json";

}  // namespace kc::testing
