// The definition of every entity: fields, labels, references, enum values, bounds, lifecycles and
// cross-field rules. This file is the single source of truth for the data model; docs/formats.md
// and docs/glossary.md are generated from it (`kcluster schema docs`).

#include <fmt/format.h>

#include "core/entities.h"
#include "core/schema_builder.h"

namespace kc::core {
namespace {

using detail::Builder;

const std::vector<EnumValue> kFieldValues = {
    {"life_science", "ライフサイエンス", "Life science"},
    {"it", "情報通信", "Information technology"},
    {"environment", "環境", "Environment"},
    {"nanotech_materials", "ナノテクノロジー・材料", "Nanotechnology and materials"},
    {"manufacturing", "ものづくり", "Manufacturing technology"},
    {"energy", "エネルギー", "Energy"},
    {"other", "その他", "Other"},
};

const std::vector<EnumValue> kVisibilityValues = {
    {"public", "公開", "Public"},
    {"cluster", "クラスター内", "Within the cluster"},
    {"private", "非公開", "Private"},
};

// A rule that `first` is not after `second` when both are given (dates or fiscal years compare
// correctly as ISO text or integers).
RecordRule InOrder(std::string first, std::string second) {
    return [first, second](const Record& record) {
        std::vector<FieldError> errors;
        const Value& a = record.Get(first);
        const Value& b = record.Get(second);
        if (IsNull(a) || IsNull(b)) return errors;
        bool after = false;
        if (auto* sa = std::get_if<std::string>(&a)) {
            if (auto* sb = std::get_if<std::string>(&b)) after = *sa > *sb;
        } else if (auto* ia = std::get_if<int64_t>(&a)) {
            if (auto* ib = std::get_if<int64_t>(&b)) after = *ia > *ib;
        }
        if (after) {
            auto text = [](const Value& v) {
                if (auto* s = std::get_if<std::string>(&v)) return *s;
                if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
                return std::string();
            };
            errors.push_back(
                {second, fmt::format("a value not before {} ({})", first, text(a)), text(b)});
        }
        return errors;
    };
}

// A rule that the integer `low` is not above `high` when both are given.
RecordRule NotAbove(std::string low, std::string high) {
    return [low, high](const Record& record) {
        std::vector<FieldError> errors;
        const auto* a = std::get_if<int64_t>(&record.Get(low));
        const auto* b = std::get_if<int64_t>(&record.Get(high));
        if (a && b && *a > *b) {
            errors.push_back(
                {high, fmt::format("a value not below {} ({})", low, *a), std::to_string(*b)});
        }
        return errors;
    };
}

RecordRule NonZero(std::string field) {
    return [field](const Record& record) {
        std::vector<FieldError> errors;
        if (auto* v = std::get_if<int64_t>(&record.Get(field)); v && *v == 0) {
            errors.push_back({field, "a non-zero amount", "0"});
        }
        return errors;
    };
}

// The programme purposes of cluster money (the second axis of the ledger beside the expense
// category), as the cluster's execution plans and annual reports name them.
const std::vector<EnumValue> kPurposeValues = {
    {"joint_research", "共同研究費", "Joint research"},
    {"coordinators", "コーディネータ活動費", "Coordinators"},
    {"ip", "知的財産関係費", "Intellectual property"},
    {"forums", "フォーラム・成果普及費", "Forums and dissemination"},
    {"hq", "本部運営費", "HQ operations"},
};

// A rule that the number in `field` is above zero when given.
RecordRule Positive(std::string field) {
    return [field](const Record& record) {
        std::vector<FieldError> errors;
        const Value& v = record.Get(field);
        double number = 0;
        if (auto* d = std::get_if<double>(&v)) {
            number = *d;
        } else if (auto* i = std::get_if<int64_t>(&v)) {
            number = static_cast<double>(*i);
        } else {
            return errors;
        }
        if (number <= 0) errors.push_back({field, "a number above 0", fmt::format("{}", number)});
        return errors;
    };
}

constexpr int64_t kMinFy = 1950;
constexpr int64_t kMaxFy = 2200;

void DefineAll() {
    // ----- programme level --------------------------------------------------------------------
    Builder<Program>("program", "事業", "Programme", "programme",
                     "A national funding programme such as the Knowledge Cluster Initiative, with "
                     "its phase and span of fiscal years.")
        .Field("name_ja", &Program::name_ja, "事業名", "Name (Japanese)", {.required = true})
        .Field("name_en", &Program::name_en, "事業名(英語)", "Name (English)")
        .Field("phase", &Program::phase, "期", "Phase", {.doc = "e.g. I, II."})
        .Field("start_fy", &Program::start_fy, "開始年度", "First fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("end_fy", &Program::end_fy, "終了年度", "Last fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("description", &Program::description, "概要", "Description", {.long_text = true})
        .Names({"name_ja", "name_en"})
        .Rule(InOrder("start_fy", "end_fy"))
        .Done();

    Builder<FiscalBudget>("fiscal_budget", "年度予算", "Fiscal-year budget", "programme",
                          "The government budget of a programme for one fiscal year, regular and "
                          "supplementary.")
        .Field("program_id", &FiscalBudget::program_id, "事業", "Programme",
               {.required = true, .ref = "program"})
        .Field("fiscal_year", &FiscalBudget::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("regular", &FiscalBudget::regular, "当初予算", "Regular budget",
               {.required = true, .min = 0})
        .Field("supplementary", &FiscalBudget::supplementary, "補正予算", "Supplementary budget",
               {.min = 0})
        .Field("note", &FiscalBudget::note, "備考", "Note")
        .Done();

    Builder<Region>("region", "地域", "Region", "programme",
                    "A region that took part in the programme (a city area, sometimes spanning "
                    "several municipalities).")
        .Field("name_ja", &Region::name_ja, "地域名", "Name (Japanese)", {.required = true})
        .Field("name_en", &Region::name_en, "地域名(英語)", "Name (English)")
        .Field("prefecture", &Region::prefecture, "都道府県", "Prefecture")
        .Field("source", &Region::source, "出典", "Source",
               {.doc = "Where the fact comes from (URL), or empty for sample data."})
        .Names({"name_ja", "name_en"})
        .Done();

    Builder<LocalGovernment>("local_government", "地方自治体", "Local government", "programme",
                             "A prefecture or city that proposes and co-funds a cluster.")
        .Field("name_ja", &LocalGovernment::name_ja, "自治体名", "Name (Japanese)",
               {.required = true})
        .Field("name_en", &LocalGovernment::name_en, "自治体名(英語)", "Name (English)")
        .Field("kind", &LocalGovernment::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"prefecture", "都道府県", "Prefecture"},
                          {"designated_city", "政令指定都市", "Designated city"},
                          {"city", "市町村", "Municipality"}}})
        .Field("prefecture", &LocalGovernment::prefecture, "都道府県", "Prefecture")
        .Field("region_id", &LocalGovernment::region_id, "地域", "Region", {.ref = "region"})
        .Names({"name_ja", "name_en"})
        .Done();

    Builder<Organization>("organization", "機関", "Organisation", "cluster",
                          "A university, public research institute, company, foundation, local "
                          "government body or financial institution.")
        .Field("name_ja", &Organization::name_ja, "機関名", "Name (Japanese)", {.required = true})
        .Field("name_en", &Organization::name_en, "機関名(英語)", "Name (English)")
        .Field("kind", &Organization::kind, "機関種別", "Kind",
               {.required = true,
                .enums = {{"university", "大学", "University"},
                          {"public_institute", "公的研究機関", "Public research institute"},
                          {"company", "企業", "Company"},
                          {"foundation", "財団", "Foundation"},
                          {"local_government", "自治体", "Local government"},
                          {"financial", "金融機関", "Financial institution"},
                          {"other", "その他", "Other"}}})
        .Field("sme", &Organization::sme, "中小企業", "SME",
               {.doc = "True for a small or medium-sized enterprise."})
        .Field("prefecture", &Organization::prefecture, "都道府県", "Prefecture")
        .Field("region_id", &Organization::region_id, "地域", "Region",
               {.ref = "region", .doc = "The programme region it is located in, if any."})
        .Field("source", &Organization::source, "出典", "Source")
        .Names({"name_ja", "name_en"})
        .Done();

    Builder<Person>("person", "人物", "Person", "cluster",
                    "A researcher, company employee, coordinator, reviewer, adviser or officer.")
        .Field("family_name", &Person::family_name, "姓", "Family name", {.required = true})
        .Field("given_name", &Person::given_name, "名", "Given name")
        .Field("family_name_kana", &Person::family_name_kana, "姓(かな)", "Family name (kana)")
        .Field("given_name_kana", &Person::given_name_kana, "名(かな)", "Given name (kana)")
        .Field("name_en", &Person::name_en, "氏名(英語)", "Name (English)")
        .Field("organization_id", &Person::organization_id, "所属機関", "Organisation",
               {.ref = "organization", .doc = "Current affiliation."})
        .Field("title", &Person::title, "役職", "Title")
        .Field("email", &Person::email, "メール", "Email")
        .Field("expertise", &Person::expertise, "専門分野", "Expertise",
               {.doc = "Keywords, ';'-separated in CSV."})
        .Names({"name_en"})
        .CompoundName({"family_name", "given_name"})
        .Done();

    Builder<Affiliation>("affiliation", "所属履歴", "Affiliation", "cluster",
                         "A period during which a person belonged to an organisation.")
        .Field("person_id", &Affiliation::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Field("organization_id", &Affiliation::organization_id, "機関", "Organisation",
               {.required = true, .ref = "organization"})
        .Field("title", &Affiliation::title, "役職", "Title")
        .Field("from_date", &Affiliation::from_date, "開始日", "From")
        .Field("to_date", &Affiliation::to_date, "終了日", "To")
        .Rule(InOrder("from_date", "to_date"))
        .Done();

    Builder<Call>("call", "公募", "Call", "programme",
                  "A call for proposals (or for feasibility studies, or for trial-to-full "
                  "promotion) with its review rules.")
        .Field("program_id", &Call::program_id, "事業", "Programme",
               {.required = true, .ref = "program"})
        .Field("fiscal_year", &Call::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("title_ja", &Call::title_ja, "公募名", "Title (Japanese)", {.required = true})
        .Field("title_en", &Call::title_en, "公募名(英語)", "Title (English)")
        .Field("kind", &Call::kind, "公募種別", "Kind",
               {.required = true,
                .enums = {{"feasibility_study", "実現可能性調査", "Feasibility study"},
                          {"selection", "事業実施地域の選定", "Selection of regions"},
                          {"promotion", "試行地域からの移行", "Trial-to-full promotion"}}})
        .Field("status", &Call::status, "状態", "Status",
               {.required = true,
                .enums = {{"draft", "準備中", "Draft"},
                          {"open", "公募中", "Open"},
                          {"closed", "締切", "Closed"},
                          {"decided", "決定済", "Decided"}},
                .default_code = "draft"})
        .Field("opens_on", &Call::opens_on, "公募開始日", "Opens on")
        .Field("closes_on", &Call::closes_on, "締切日", "Closes on")
        .Field("reviewers_per_proposal", &Call::reviewers_per_proposal, "提案あたり査読者数",
               "Reviewers per proposal", {.required = true, .min = 1, .max = 50})
        .Field("max_load", &Call::max_load, "査読者あたり上限件数", "Maximum load per reviewer",
               {.required = true, .min = 1, .max = 1000})
        .Field("scale_per_region", &Call::scale_per_region, "1地域あたり規模(年額)",
               "Scale per region per year", {.min = 0})
        .Field("years", &Call::years, "実施期間(年)", "Years",
               {.required = true, .min = 1, .max = 20})
        .Field("min_load", &Call::min_load, "査読者あたり下限件数", "Minimum load per reviewer",
               {.min = 0, .max = 1000, .doc = "Empty = no minimum."})
        .Field("conflict_years", &Call::conflict_years, "利害関係の対象期間(年)",
               "Conflict look-back (years)",
               {.min = 0,
                .max = 50,
                .doc = "Same organisation, joint project or co-authorship within this many years "
                       "is a conflict. Empty = 3."})
        .Field("score_max", &Call::score_max, "評点の上限", "Highest score",
               {.min = 2, .max = 10, .doc = "Scores run from 1 to this value. Empty = 5."})
        .Field("hearing_weight", &Call::hearing_weight, "ヒアリングの比重", "Hearing weight",
               {.min = 0,
                .max = 1,
                .doc = "Share of the hearing in the comprehensive score (the rest is the "
                       "calibrated review score). Empty = 0.3."})
        .Field("trial_scale_per_region", &Call::trial_scale_per_region,
               "試行地域1地域あたり規模(年額)", "Trial scale per region per year", {.min = 0})
        .Names({"title_ja", "title_en"})
        .States({"status", {{"draft", "open"}, {"open", "closed"}, {"closed", "decided"}}, {}})
        .Rule(InOrder("opens_on", "closes_on"))
        .Done();

    Builder<Criterion>("criterion", "評価項目", "Criterion", "programme",
                       "A criterion of a call's comprehensive evaluation, with its weight and "
                       "group.")
        .Field("call_id", &Criterion::call_id, "公募", "Call", {.required = true, .ref = "call"})
        .Field("key", &Criterion::key, "キー", "Key", {.required = true, .max_length = 64})
        .Field("label_ja", &Criterion::label_ja, "項目名", "Label (Japanese)", {.required = true})
        .Field("label_en", &Criterion::label_en, "項目名(英語)", "Label (English)")
        .Field("weight", &Criterion::weight, "重み", "Weight",
               {.required = true, .min = 0, .max = 100})
        .Field("criterion_group", &Criterion::criterion_group, "区分", "Group",
               {.required = true,
                .enums = {{"scientific", "科学技術的観点", "Scientific and technical"},
                          {"structural", "推進体制・地域の取組み", "Structure and commitment"}}})
        .Names({"key", "label_ja", "label_en"})
        .Done();

    Builder<FeasibilityStudy>("feasibility_study", "実現可能性調査", "Feasibility study",
                              "programme",
                              "A region's feasibility study (FS調査) in a fiscal year.")
        .Field("region_id", &FeasibilityStudy::region_id, "地域", "Region",
               {.required = true, .ref = "region"})
        .Field("call_id", &FeasibilityStudy::call_id, "公募", "Call", {.ref = "call"})
        .Field("fiscal_year", &FeasibilityStudy::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("result", &FeasibilityStudy::result, "結果", "Result",
               {.required = true,
                .enums = {{"in_progress", "実施中", "In progress"},
                          {"proposal_invited", "提案へ", "Proposal invited"},
                          {"not_continued", "終了", "Not continued"}}})
        .Field("note", &FeasibilityStudy::note, "備考", "Note", {.long_text = true})
        .Done();

    Builder<Proposal>("proposal", "事業構想提案", "Proposal", "programme",
                      "A local government's programme proposal in answer to a call.")
        .Field("call_id", &Proposal::call_id, "公募", "Call", {.required = true, .ref = "call"})
        .Field("title_ja", &Proposal::title_ja, "提案名", "Title (Japanese)", {.required = true})
        .Field("title_en", &Proposal::title_en, "提案名(英語)", "Title (English)")
        .Field("field", &Proposal::field, "特定領域", "Field",
               {.required = true, .enums = kFieldValues})
        .Field("status", &Proposal::status, "状態", "Status",
               {.required = true,
                .enums = {{"draft", "作成中", "Draft"},
                          {"submitted", "提出済", "Submitted"},
                          {"under_review", "審査中", "Under review"},
                          {"full", "事業実施地域", "Selected (full)"},
                          {"trial", "試行地域", "Selected (trial)"},
                          {"rejected", "不採択", "Rejected"},
                          {"promoted", "本格実施へ移行", "Promoted to full"},
                          {"ended", "終了", "Ended"}},
                .default_code = "draft"})
        .Field("submitted_on", &Proposal::submitted_on, "提出日", "Submitted on")
        .Field("requested_per_year", &Proposal::requested_per_year, "要望額(年額)",
               "Requested per year", {.min = 0})
        .Field("vision", &Proposal::vision, "地域構想", "Regional vision", {.long_text = true})
        .Field("targets", &Proposal::targets, "目標", "Targets", {.long_text = true})
        .Names({"title_ja", "title_en"})
        .States({"status",
                 {{"draft", "submitted"},
                  {"submitted", "under_review"},
                  {"under_review", "full"},
                  {"under_review", "trial"},
                  {"under_review", "rejected"},
                  {"trial", "promoted"},
                  {"trial", "ended"}},
                 {}})
        .Done();

    Builder<ProposalBudget>("proposal_budget", "提案要望額", "Proposal budget", "programme",
                            "The budget a proposal requests for one fiscal year.")
        .Field("proposal_id", &ProposalBudget::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("fiscal_year", &ProposalBudget::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("amount", &ProposalBudget::amount, "要望額", "Amount", {.required = true, .min = 0})
        .Done();

    Builder<ProposalMember>("proposal_member", "提案参加者", "Proposal member", "programme",
                            "A person named in a proposal (used for conflicts of interest).")
        .Field("proposal_id", &ProposalMember::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("person_id", &ProposalMember::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Field("role", &ProposalMember::role, "役割", "Role",
               {.required = true,
                .enums = {{"representative", "代表者", "Representative"},
                          {"program_manager", "事業総括(予定)", "Programme manager"},
                          {"research_director", "研究統括(予定)", "Research director"},
                          {"researcher", "研究者", "Researcher"}},
                .default_code = "researcher"})
        .Done();

    Builder<ProposalRegion>("proposal_region", "提案地域", "Proposal region", "programme",
                            "A region covered by a proposal (a proposal may span several).")
        .Field("proposal_id", &ProposalRegion::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("region_id", &ProposalRegion::region_id, "地域", "Region",
               {.required = true, .ref = "region"})
        .Done();

    Builder<ProposalGovernment>("proposal_government", "提案自治体", "Proposing government",
                                "programme", "A local government that submitted a proposal.")
        .Field("proposal_id", &ProposalGovernment::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("local_government_id", &ProposalGovernment::local_government_id, "自治体",
               "Local government", {.required = true, .ref = "local_government"})
        .Done();

    Builder<ProposalParticipant>("proposal_participant", "提案参加機関", "Proposal participant",
                                 "programme",
                                 "An organisation named in a proposal: the core organisation, "
                                 "core institutions and participants inside or outside the region.")
        .Field("proposal_id", &ProposalParticipant::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("organization_id", &ProposalParticipant::organization_id, "機関", "Organisation",
               {.required = true, .ref = "organization"})
        .Field("role", &ProposalParticipant::role, "役割", "Role",
               {.required = true,
                .enums = {{"core_organization", "中核機関", "Core organisation"},
                          {"core_institution", "核となる研究機関", "Core research institution"},
                          {"participant", "参加機関", "Participant"}},
                .default_code = "participant"})
        .Field("inside_region", &ProposalParticipant::inside_region, "地域内", "Inside region")
        .Done();

    Builder<Reviewer>("reviewer", "査読者", "Reviewer", "programme",
                      "A person serving as expert reviewer (査読者) for a call.")
        .Field("person_id", &Reviewer::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Field("call_id", &Reviewer::call_id, "公募", "Call", {.required = true, .ref = "call"})
        .Field("max_load", &Reviewer::max_load, "上限件数", "Maximum load",
               {.required = true, .min = 0, .max = 1000})
        .Field("min_load", &Reviewer::min_load, "下限件数", "Minimum load",
               {.min = 0, .max = 1000, .doc = "Empty = the call's minimum load."})
        .Rule(NotAbove("min_load", "max_load"))
        .Done();

    Builder<Conflict>("conflict", "利害関係", "Conflict of interest", "programme",
                      "A conflict of interest between a person and a proposal; a conflicted "
                      "person never reviews the proposal.")
        .Field("person_id", &Conflict::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Field("proposal_id", &Conflict::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("kind", &Conflict::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"same_organization", "同一機関", "Same organisation"},
                          {"co_author", "共著者", "Co-author"},
                          {"joint_project", "共同研究", "Joint project"},
                          {"same_government", "同一自治体", "Same local government"},
                          {"declared", "自己申告", "Declared"}},
                .default_code = "declared"})
        .Field("source", &Conflict::source, "根拠", "Source")
        .Done();

    Builder<ReviewAssignment>("review_assignment", "査読割当", "Review assignment", "programme",
                              "A reviewer assigned to a proposal, by the solver or by hand.")
        .Field("reviewer_id", &ReviewAssignment::reviewer_id, "査読者", "Reviewer",
               {.required = true, .ref = "reviewer"})
        .Field("proposal_id", &ReviewAssignment::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("affinity", &ReviewAssignment::affinity, "適合度", "Affinity")
        .Field("origin", &ReviewAssignment::origin, "割当方法", "Origin",
               {.required = true,
                .enums = {{"solver", "自動割当", "Solver"}, {"manual", "手動", "Manual"}},
                .default_code = "manual"})
        .Done();

    Builder<Review>("review", "査読", "Review", "programme",
                    "A reviewer's review of a proposal; its scores are review_score rows.")
        .Field("review_assignment_id", &Review::review_assignment_id, "査読割当",
               "Review assignment", {.required = true, .ref = "review_assignment"})
        .Field("status", &Review::status, "状態", "Status",
               {.required = true,
                .enums = {{"draft", "下書き", "Draft"}, {"submitted", "提出済", "Submitted"}},
                .default_code = "draft"})
        .Field("comment", &Review::comment, "コメント", "Comment", {.long_text = true})
        .Field("submitted_at", &Review::submitted_at, "提出日時", "Submitted at",
               {.timestamp = true})
        .States({"status", {{"draft", "submitted"}}, {}})
        .Done();

    Builder<ReviewScore>("review_score", "査読評点", "Review score", "programme",
                         "A review's score on one criterion (1 to the call's highest score).")
        .Field("review_id", &ReviewScore::review_id, "査読", "Review",
               {.required = true, .ref = "review"})
        .Field("criterion_id", &ReviewScore::criterion_id, "評価項目", "Criterion",
               {.required = true, .ref = "criterion"})
        .Field("score", &ReviewScore::score, "評点", "Score",
               {.required = true, .min = 1, .max = 10})
        .Done();

    Builder<Hearing>("hearing", "ヒアリング", "Hearing", "programme",
                     "A hearing of a proposal before a panel.")
        .Field("proposal_id", &Hearing::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("held_on", &Hearing::held_on, "実施日", "Held on")
        .Field("venue", &Hearing::venue, "会場", "Venue")
        .Field("note", &Hearing::note, "備考", "Note", {.long_text = true})
        .Done();

    Builder<HearingScore>("hearing_score", "ヒアリング評点", "Hearing score", "programme",
                          "A panel member's score of a hearing on one criterion (1 to the call's "
                          "highest score).")
        .Field("hearing_id", &HearingScore::hearing_id, "ヒアリング", "Hearing",
               {.required = true, .ref = "hearing"})
        .Field("person_id", &HearingScore::person_id, "委員", "Panel member",
               {.required = true, .ref = "person"})
        .Field("criterion_id", &HearingScore::criterion_id, "評価項目", "Criterion",
               {.required = true, .ref = "criterion"})
        .Field("score", &HearingScore::score, "評点", "Score",
               {.required = true, .min = 1, .max = 10})
        .Field("comment", &HearingScore::comment, "コメント", "Comment", {.long_text = true})
        .Done();

    Builder<Advice>("advice", "外部有識者の意見", "External advice", "programme",
                    "Advice on a proposal from an external expert (外部有識者).")
        .Field("proposal_id", &Advice::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("person_id", &Advice::person_id, "有識者", "Adviser",
               {.required = true, .ref = "person"})
        .Field("given_on", &Advice::given_on, "日付", "Given on")
        .Field("text", &Advice::text, "意見", "Text", {.required = true, .long_text = true})
        .Done();

    Builder<Evaluation>("evaluation", "総合評価", "Comprehensive evaluation", "programme",
                        "A proposal's comprehensive evaluation: raw and reviewer-calibrated "
                        "scores, rank and uncertainty interval.")
        .Field("proposal_id", &Evaluation::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("raw_score", &Evaluation::raw_score, "素点", "Raw score")
        .Field("calibrated_score", &Evaluation::calibrated_score, "補正後得点", "Calibrated score")
        .Field("rank", &Evaluation::rank, "順位", "Rank", {.min = 1})
        .Field("interval_low", &Evaluation::interval_low, "区間下限", "Interval low")
        .Field("interval_high", &Evaluation::interval_high, "区間上限", "Interval high")
        .Field("computed_at", &Evaluation::computed_at, "算出日時", "Computed at",
               {.timestamp = true})
        .Field("hearing_score", &Evaluation::hearing_score, "ヒアリング得点", "Hearing score")
        .Field("comprehensive_score", &Evaluation::comprehensive_score, "総合得点",
               "Comprehensive score")
        .Field("rank_low", &Evaluation::rank_low, "順位区間(上位)", "Rank interval (best)",
               {.min = 1})
        .Field("rank_high", &Evaluation::rank_high, "順位区間(下位)", "Rank interval (worst)",
               {.min = 1})
        .Field("reviews", &Evaluation::reviews, "査読数", "Reviews", {.min = 0})
        .Rule(InOrder("interval_low", "interval_high"))
        .Done();

    Builder<Decision>("decision", "採否決定", "Decision", "programme",
                      "The programme office's decision on a proposal: full, trial or rejected.")
        .Field("proposal_id", &Decision::proposal_id, "提案", "Proposal",
               {.required = true, .ref = "proposal"})
        .Field("outcome", &Decision::outcome, "結果", "Outcome",
               {.required = true,
                .enums = {{"full", "事業実施地域", "Full implementation"},
                          {"trial", "試行地域", "Trial region"},
                          {"rejected", "不採択", "Rejected"}}})
        .Field("decided_on", &Decision::decided_on, "決定日", "Decided on", {.required = true})
        .Field("reason", &Decision::reason, "理由", "Reason", {.long_text = true})
        .Done();

    // ----- cluster level ----------------------------------------------------------------------
    Builder<Cluster>("cluster", "クラスター", "Cluster", "cluster",
                     "A knowledge cluster: one or more regions under one headquarters, trial or "
                     "full, with its field and phase.")
        .Field("program_id", &Cluster::program_id, "事業", "Programme",
               {.required = true, .ref = "program"})
        .Field("proposal_id", &Cluster::proposal_id, "提案", "Proposal", {.ref = "proposal"})
        .Field("name_ja", &Cluster::name_ja, "クラスター名", "Name (Japanese)", {.required = true})
        .Field("name_en", &Cluster::name_en, "クラスター名(英語)", "Name (English)")
        .Field("field", &Cluster::field, "特定領域", "Field",
               {.required = true, .enums = kFieldValues})
        .Field("status", &Cluster::status, "状態", "Status",
               {.required = true,
                .enums = {{"trial", "試行", "Trial"},
                          {"full", "本格実施", "Full"},
                          {"ended", "終了", "Ended"}}})
        .Field("phase", &Cluster::phase, "期", "Phase")
        .Field("started_on", &Cluster::started_on, "開始日", "Started on")
        .Field("ended_on", &Cluster::ended_on, "終了日", "Ended on")
        .Field("successor_id", &Cluster::successor_id, "後継クラスター", "Successor",
               {.ref = "cluster"})
        .Field("source", &Cluster::source, "出典", "Source")
        .Names({"name_ja", "name_en"})
        .States({"status", {{"trial", "full"}, {"trial", "ended"}, {"full", "ended"}}, {}})
        .Rule(InOrder("started_on", "ended_on"))
        .Done();

    Builder<ClusterRegion>("cluster_region", "クラスター地域", "Cluster region", "cluster",
                           "A region belonging to a cluster (several regions may form one).")
        .Field("cluster_id", &ClusterRegion::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("region_id", &ClusterRegion::region_id, "地域", "Region",
               {.required = true, .ref = "region"})
        .Done();

    Builder<ClusterGovernment>("cluster_government", "クラスター自治体", "Cluster government",
                               "cluster", "A local government running a cluster.")
        .Field("cluster_id", &ClusterGovernment::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("local_government_id", &ClusterGovernment::local_government_id, "自治体",
               "Local government", {.required = true, .ref = "local_government"})
        .Done();

    Builder<Promotion>("promotion", "本格実施への移行", "Promotion", "programme",
                       "A trial cluster moved to full implementation, and how it was funded.")
        .Field("cluster_id", &Promotion::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("proposal_id", &Promotion::proposal_id, "提案", "Proposal", {.ref = "proposal"})
        .Field("decided_on", &Promotion::decided_on, "決定日", "Decided on", {.required = true})
        .Field("effective_fy", &Promotion::effective_fy, "移行年度", "Effective fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("funding_source", &Promotion::funding_source, "財源", "Funding source")
        .Done();

    Builder<CoreOrganization>("core_organization", "中核機関", "Core organisation", "cluster",
                              "The organisation a local government designates to receive the "
                              "subsidy and run the cluster (1–2 per cluster).")
        .Field("cluster_id", &CoreOrganization::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("organization_id", &CoreOrganization::organization_id, "機関", "Organisation",
               {.required = true, .ref = "organization"})
        .Field("from_date", &CoreOrganization::from_date, "開始日", "From")
        .Field("to_date", &CoreOrganization::to_date, "終了日", "To")
        .Rule(InOrder("from_date", "to_date"))
        .Done();

    Builder<Grant>("grant", "補助金", "Grant", "cluster",
                   "A fiscal year's subsidy to a cluster's core organisation.")
        .Field("cluster_id", &Grant::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("organization_id", &Grant::organization_id, "交付先", "Recipient",
               {.required = true, .ref = "organization"})
        .Field("fiscal_year", &Grant::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("amount", &Grant::amount, "金額", "Amount", {.required = true, .min = 1})
        .Field(
            "kind", &Grant::kind, "種別", "Kind",
            {.required = true,
             .enums = {{"regular", "当初", "Regular"}, {"supplementary", "補正", "Supplementary"}},
             .default_code = "regular"})
        .Field("decided_on", &Grant::decided_on, "交付決定日", "Decided on")
        .Done();

    Builder<Position>("position", "本部役職", "HQ position", "cluster",
                      "A person holding a post in a cluster headquarters for a period.")
        .Field("cluster_id", &Position::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("person_id", &Position::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Field(
            "role", &Position::role, "役職", "Role",
            {.required = true,
             .enums = {{"director", "本部長", "Director"},
                       {"deputy_director", "副本部長", "Deputy director"},
                       {"program_manager", "事業総括", "Programme manager"},
                       {"deputy_program_manager", "副事業総括", "Deputy programme manager"},
                       {"research_director", "研究統括", "Research director"},
                       {"commercialization_director", "事業化統括", "Commercialisation director"},
                       {"coordinator", "科学技術コーディネータ",
                        "Science and technology coordinator"},
                       {"commercialization_coordinator", "事業化コーディネータ",
                        "Commercialisation coordinator"},
                       {"assistant_coordinator", "アシスタントコーディネータ",
                        "Assistant coordinator"},
                       {"adviser", "アドバイザー", "Adviser"},
                       {"patent_attorney", "弁理士", "Patent attorney"},
                       {"counselor", "顧問", "Counsellor"}}})
        .Field("from_date", &Position::from_date, "就任日", "From", {.required = true})
        .Field("to_date", &Position::to_date, "退任日", "To")
        .Rule(InOrder("from_date", "to_date"))
        .Done();

    Builder<Publication>("publication", "論文", "Publication", "cluster",
                         "A publication of a person, used for expertise profiles.")
        .Field("person_id", &Publication::person_id, "著者", "Author",
               {.required = true, .ref = "person"})
        .Field("title", &Publication::title, "題名", "Title", {.required = true})
        .Field("abstract", &Publication::abstract, "要旨", "Abstract", {.long_text = true})
        .Field("venue", &Publication::venue, "掲載誌", "Venue")
        .Field("year", &Publication::year, "発行年", "Year", {.min = 1900, .max = 2200})
        .Field("keywords", &Publication::keywords, "キーワード", "Keywords")
        .Names({"title"})
        .Done();

    Builder<PublicationAuthor>("publication_author", "共著者", "Publication author", "cluster",
                               "An author of a publication besides its main author (co-authorship "
                               "makes conflicts of interest).")
        .Field("publication_id", &PublicationAuthor::publication_id, "論文", "Publication",
               {.required = true, .ref = "publication"})
        .Field("person_id", &PublicationAuthor::person_id, "著者", "Author",
               {.required = true, .ref = "person"})
        .Done();

    Builder<Seed>("seed", "技術シーズ", "Technology seed", "cluster",
                  "A university or institute technology seed (技術シーズ) offered for joint "
                  "research or transfer.")
        .Field("cluster_id", &Seed::cluster_id, "クラスター", "Cluster", {.ref = "cluster"})
        .Field("organization_id", &Seed::organization_id, "機関", "Organisation",
               {.required = true, .ref = "organization"})
        .Field("owner_id", &Seed::owner_id, "研究者", "Owner", {.ref = "person"})
        .Field("title", &Seed::title, "シーズ名", "Title", {.required = true})
        .Field("title_en", &Seed::title_en, "シーズ名(英語)", "Title (English)")
        .Field("abstract", &Seed::abstract, "概要", "Abstract", {.long_text = true})
        .Field("keywords", &Seed::keywords, "キーワード", "Keywords",
               {.doc = "';'-separated in CSV."})
        .Field("field", &Seed::field, "分野", "Field", {.required = true, .enums = kFieldValues})
        .Field("trl", &Seed::trl, "技術成熟度", "TRL",
               {.min = 1, .max = 9, .doc = "Technology readiness level 1–9."})
        .Field("ip_status", &Seed::ip_status, "知財状況", "IP status",
               {.required = true,
                .enums = {{"none", "なし", "None"},
                          {"filed", "出願中", "Filed"},
                          {"granted", "登録済", "Granted"},
                          {"licensed", "実施許諾済", "Licensed"}},
                .default_code = "none"})
        .Field("visibility", &Seed::visibility, "公開範囲", "Visibility",
               {.required = true, .enums = kVisibilityValues, .default_code = "cluster"})
        .Names({"title", "title_en"})
        .Done();

    Builder<Need>("need", "企業ニーズ", "Company need", "cluster",
                  "A company's practical need (実用化ニーズ), gathered by coordinators.")
        .Field("cluster_id", &Need::cluster_id, "クラスター", "Cluster", {.ref = "cluster"})
        .Field("organization_id", &Need::organization_id, "企業", "Company",
               {.required = true, .ref = "organization"})
        .Field("contact_id", &Need::contact_id, "担当者", "Contact", {.ref = "person"})
        .Field("title", &Need::title, "ニーズ名", "Title", {.required = true})
        .Field("title_en", &Need::title_en, "ニーズ名(英語)", "Title (English)")
        .Field("description", &Need::description, "内容", "Description", {.long_text = true})
        .Field("keywords", &Need::keywords, "キーワード", "Keywords")
        .Field("field", &Need::field, "分野", "Field", {.required = true, .enums = kFieldValues})
        .Field("confidentiality", &Need::confidentiality, "機密区分", "Confidentiality",
               {.required = true, .enums = kVisibilityValues, .default_code = "private"})
        .Field("registered_on", &Need::registered_on, "登録日", "Registered on",
               {.doc = "When the need was recorded (the funnel counts it in that fiscal year)."})
        .Names({"title", "title_en"})
        .Done();

    Builder<Match>("match", "マッチング", "Match", "cluster",
                   "A seed–need pairing suggested by the engine or a coordinator, and how it "
                   "progressed.")
        .Field("seed_id", &Match::seed_id, "シーズ", "Seed", {.required = true, .ref = "seed"})
        .Field("need_id", &Match::need_id, "ニーズ", "Need", {.required = true, .ref = "need"})
        .Field("score", &Match::score, "スコア", "Score")
        .Field("explanation", &Match::explanation, "根拠", "Explanation", {.long_text = true})
        .Field("status", &Match::status, "状態", "Status",
               {.required = true,
                .enums = {{"suggested", "提案", "Suggested"},
                          {"contacted", "連絡済", "Contacted"},
                          {"meeting", "面談", "Meeting"},
                          {"feasibility_test", "可能性試験", "Feasibility test"},
                          {"joint_research", "共同研究", "Joint research"},
                          {"declined", "見送り", "Declined"}},
                .default_code = "suggested"})
        .Field("coordinator_id", &Match::coordinator_id, "コーディネータ", "Coordinator",
               {.ref = "person"})
        .Field("decline_reason", &Match::decline_reason, "見送り理由", "Decline reason")
        .Field("suggested_on", &Match::suggested_on, "提案日", "Suggested on")
        .Field("feasibility_on", &Match::feasibility_on, "可能性試験開始日",
               "Feasibility test started on")
        .Rule(InOrder("suggested_on", "feasibility_on"))
        .States({"status",
                 {{"suggested", "contacted"},
                  {"suggested", "declined"},
                  {"contacted", "meeting"},
                  {"contacted", "declined"},
                  {"meeting", "feasibility_test"},
                  {"meeting", "joint_research"},
                  {"meeting", "declined"},
                  {"feasibility_test", "joint_research"},
                  {"feasibility_test", "declined"}},
                 {}})
        .Done();

    Builder<Project>("project", "共同研究", "Joint research project", "cluster",
                     "An industry–academia–government joint research project driven by company "
                     "needs.")
        .Field("cluster_id", &Project::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("title", &Project::title, "研究テーマ", "Title", {.required = true})
        .Field("title_en", &Project::title_en, "研究テーマ(英語)", "Title (English)")
        .Field("lead_organization_id", &Project::lead_organization_id, "代表機関",
               "Lead organisation", {.required = true, .ref = "organization"})
        .Field("leader_id", &Project::leader_id, "研究代表者", "Leader", {.ref = "person"})
        .Field("budget", &Project::budget, "予算", "Budget",
               {.min = 0,
                .doc = "The total budget agreed for the whole project; the plan per fiscal year "
                       "is in project_budget (`project show` compares the two)."})
        .Field("participation_fee", &Project::participation_fee, "企業参加費", "Participation fee",
               {.min = 0})
        .Field("starts_on", &Project::starts_on, "開始日", "Starts on")
        .Field("ends_on", &Project::ends_on, "終了日", "Ends on")
        .Field("stage", &Project::stage, "段階", "Stage",
               {.required = true,
                .enums = {{"planned", "計画", "Planned"},
                          {"active", "実施中", "Active"},
                          {"completed", "完了", "Completed"},
                          {"terminated", "中止", "Terminated"}},
                .default_code = "planned"})
        .Field("origin_need_id", &Project::origin_need_id, "起点ニーズ", "Origin need",
               {.ref = "need"})
        .Field("origin_match_id", &Project::origin_match_id, "起点マッチング", "Origin match",
               {.ref = "match"})
        .Names({"title", "title_en"})
        .States({"stage",
                 {{"planned", "active"},
                  {"planned", "terminated"},
                  {"active", "completed"},
                  {"active", "terminated"}},
                 {}})
        .Rule(InOrder("starts_on", "ends_on"))
        .Done();

    Builder<ProjectBudget>("project_budget", "共同研究年度予算", "Project budget", "cluster",
                           "A joint research project's budget for one fiscal year: the money "
                           "from the cluster's grant and the companies' participation fees. One "
                           "per project and fiscal year; ledger entries charged to the project "
                           "in that year may not exceed the grant amount.")
        .Field("project_id", &ProjectBudget::project_id, "共同研究", "Project",
               {.required = true, .ref = "project"})
        .Field("fiscal_year", &ProjectBudget::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("grant_amount", &ProjectBudget::grant_amount, "補助金充当額", "From the grant",
               {.required = true,
                .min = 0,
                .doc = "Planned spending from the cluster's grant in the fiscal year."})
        .Field("company_fees", &ProjectBudget::company_fees, "企業参加費", "Company fees",
               {.min = 0, .doc = "Participation fees paid by the companies for the year."})
        .Field("note", &ProjectBudget::note, "備考", "Note")
        .Done();

    Builder<ProjectPartner>("project_partner", "共同研究参加機関", "Project partner", "cluster",
                            "An organisation taking part in a joint research project.")
        .Field("project_id", &ProjectPartner::project_id, "共同研究", "Project",
               {.required = true, .ref = "project"})
        .Field("organization_id", &ProjectPartner::organization_id, "機関", "Organisation",
               {.required = true, .ref = "organization"})
        .Field("role", &ProjectPartner::role, "役割", "Role",
               {.required = true,
                .enums = {{"lead", "代表", "Lead"},
                          {"partner", "参加", "Partner"},
                          {"funder", "資金提供", "Funder"}},
                .default_code = "partner"})
        .Field("inside_region", &ProjectPartner::inside_region, "地域内", "Inside region")
        .Done();

    Builder<Milestone>("milestone", "マイルストーン", "Milestone", "cluster",
                       "A milestone of a project, with its stage-gate decision.")
        .Field("project_id", &Milestone::project_id, "共同研究", "Project",
               {.required = true, .ref = "project"})
        .Field("title", &Milestone::title, "内容", "Title", {.required = true})
        .Field("due_on", &Milestone::due_on, "期限", "Due on")
        .Field("done_on", &Milestone::done_on, "達成日", "Done on")
        .Field("gate_decision", &Milestone::gate_decision, "ステージゲート判定", "Gate decision",
               {.required = true,
                .enums = {{"pending", "未判定", "Pending"},
                          {"go", "継続", "Go"},
                          {"revise", "計画修正", "Revise"},
                          {"stop", "中止", "Stop"}},
                .default_code = "pending"})
        .Done();

    Builder<LedgerEntry>("ledger_entry", "経理明細", "Ledger entry", "cluster",
                         "One expenditure (or refund, negative) charged to a grant.")
        .Field("grant_id", &LedgerEntry::grant_id, "補助金", "Grant",
               {.required = true, .ref = "grant"})
        .Field("entry_date", &LedgerEntry::entry_date, "日付", "Date", {.required = true})
        .Field("category", &LedgerEntry::category, "費目", "Category",
               {.required = true,
                .enums = {{"personnel", "人件費", "Personnel"},
                          {"equipment", "設備備品費", "Equipment"},
                          {"research", "研究費", "Research"},
                          {"travel", "旅費", "Travel"},
                          {"forum", "成果普及費", "Forums and dissemination"},
                          {"patent", "特許関係費", "Patents"},
                          {"overhead", "一般管理費", "Overhead"},
                          {"other", "その他", "Other"}}})
        .Field("amount", &LedgerEntry::amount, "金額", "Amount", {.required = true})
        .Field("project_id", &LedgerEntry::project_id, "共同研究", "Project", {.ref = "project"})
        .Field("description", &LedgerEntry::description, "摘要", "Description")
        .Field("purpose", &LedgerEntry::purpose, "事業区分", "Purpose",
               {.enums = kPurposeValues,
                .doc = "The programme purpose the money served, beside the expense category. "
                       "Required on new entries; empty only on entries recorded before it "
                       "existed."})
        .Rule(NonZero("amount"))
        .Done();

    Builder<LedgerPlan>("ledger_plan", "執行計画", "Ledger plan", "cluster",
                        "The planned amount of a grant for one programme purpose; `kcluster "
                        "ledger` compares it with the entries of that purpose. One per grant and "
                        "purpose; the plans of a grant may not exceed it.")
        .Field("grant_id", &LedgerPlan::grant_id, "補助金", "Grant",
               {.required = true, .ref = "grant"})
        .Field("purpose", &LedgerPlan::purpose, "事業区分", "Purpose",
               {.required = true, .enums = kPurposeValues})
        .Field("amount", &LedgerPlan::amount, "計画額", "Planned amount",
               {.required = true, .min = 0})
        .Field("note", &LedgerPlan::note, "備考", "Note")
        .Done();

    Builder<Invention>("invention", "発明", "Invention", "cluster",
                       "An invention disclosed from cluster research, followed to patent and "
                       "licence.")
        .Field("cluster_id", &Invention::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("project_id", &Invention::project_id, "共同研究", "Project", {.ref = "project"})
        .Field("title", &Invention::title, "発明の名称", "Title", {.required = true})
        .Field("disclosed_on", &Invention::disclosed_on, "届出日", "Disclosed on",
               {.required = true})
        .Field("status", &Invention::status, "状態", "Status",
               {.required = true,
                .enums = {{"disclosed", "発明届出", "Disclosed"},
                          {"assessed", "評価済", "Assessed"},
                          {"filed", "出願済", "Filed"},
                          {"pct", "PCT出願", "PCT filed"},
                          {"examination_requested", "審査請求済", "Examination requested"},
                          {"granted", "登録", "Granted"},
                          {"refused", "拒絶", "Refused"},
                          {"abandoned", "放棄", "Abandoned"},
                          {"licensed", "実施許諾", "Licensed"}},
                .default_code = "disclosed"})
        .Field("published", &Invention::published, "公開済", "Published",
               {.doc = "False until the application is published; unpublished inventions are "
                       "visible only to inventors, HQ and advisers."})
        .Field("adviser_id", &Invention::adviser_id, "評価者", "Assessed by",
               {.ref = "person",
                .doc = "The adviser or patent attorney of the cluster's HQ who assessed it."})
        .Field("assessed_on", &Invention::assessed_on, "評価日", "Assessed on")
        .Field("assessment_note", &Invention::assessment_note, "評価所見", "Assessment note",
               {.long_text = true})
        .Names({"title"})
        .States({"status",
                 {{"disclosed", "assessed"},
                  {"disclosed", "abandoned"},
                  {"assessed", "filed"},
                  {"assessed", "abandoned"},
                  {"filed", "pct"},
                  {"filed", "examination_requested"},
                  {"filed", "abandoned"},
                  {"filed", "licensed"},
                  {"pct", "examination_requested"},
                  {"pct", "abandoned"},
                  {"pct", "licensed"},
                  {"examination_requested", "granted"},
                  {"examination_requested", "refused"},
                  {"examination_requested", "abandoned"},
                  {"examination_requested", "licensed"},
                  {"granted", "licensed"},
                  {"granted", "abandoned"}},
                 {}})
        .Rule(InOrder("disclosed_on", "assessed_on"))
        .Done();

    Builder<Inventor>("inventor", "発明者", "Inventor", "cluster", "A person named as inventor.")
        .Field("invention_id", &Inventor::invention_id, "発明", "Invention",
               {.required = true, .ref = "invention"})
        .Field("person_id", &Inventor::person_id, "人物", "Person",
               {.required = true, .ref = "person"})
        .Done();

    Builder<InventionApplicant>("invention_applicant", "共同出願人", "Co-applicant", "cluster",
                                "An organisation applying for an invention's patents with its "
                                "share (持分), e.g. the university and a company 50/50. The "
                                "shares of an invention sum to 100 when any are recorded.")
        .Field("invention_id", &InventionApplicant::invention_id, "発明", "Invention",
               {.required = true, .ref = "invention"})
        .Field("organization_id", &InventionApplicant::organization_id, "出願人", "Applicant",
               {.required = true, .ref = "organization"})
        .Field("share_percent", &InventionApplicant::share_percent, "持分(%)", "Share (%)",
               {.required = true, .max = 100, .doc = "Above 0 and at most 100."})
        .Rule(Positive("share_percent"))
        .Done();

    Builder<PatentApplication>("patent_application", "特許出願", "Patent application", "cluster",
                               "A patent application of an invention at one office; statutory "
                               "deadlines are derived from its dates.")
        .Field("invention_id", &PatentApplication::invention_id, "発明", "Invention",
               {.required = true, .ref = "invention"})
        .Field("office", &PatentApplication::office, "出願先", "Office",
               {.required = true,
                .enums = {{"jp", "日本国特許庁", "Japan Patent Office"},
                          {"pct", "PCT国際出願", "PCT international"},
                          {"us", "米国", "United States"},
                          {"ep", "欧州", "Europe"},
                          {"cn", "中国", "China"},
                          {"other", "その他", "Other"}}})
        .Field("application_number", &PatentApplication::application_number, "出願番号",
               "Application number")
        .Field("filing_date", &PatentApplication::filing_date, "出願日", "Filing date",
               {.required = true})
        .Field("priority_date", &PatentApplication::priority_date, "優先日", "Priority date")
        .Field("status", &PatentApplication::status, "状態", "Status",
               {.required = true,
                .enums = {{"filed", "出願中", "Filed"},
                          {"examination_requested", "審査請求済", "Examination requested"},
                          {"granted", "登録", "Granted"},
                          {"refused", "拒絶", "Refused"},
                          {"abandoned", "放棄", "Abandoned"},
                          {"withdrawn", "取下げ", "Withdrawn"}},
                .default_code = "filed"})
        .Field("attorney_id", &PatentApplication::attorney_id, "弁理士", "Patent attorney",
               {.ref = "person"})
        .Field("registered_on", &PatentApplication::registered_on, "設定登録日", "Registered on",
               {.doc = "Registration of the patent right; annuities from year 4 fall due on its "
                       "anniversaries."})
        .Field("examination_requested_on", &PatentApplication::examination_requested_on,
               "審査請求日", "Examination requested on")
        .Names({"application_number"})
        .States({"status",
                 {{"filed", "examination_requested"},
                  {"filed", "abandoned"},
                  {"filed", "withdrawn"},
                  {"examination_requested", "granted"},
                  {"examination_requested", "refused"},
                  {"examination_requested", "abandoned"},
                  {"examination_requested", "withdrawn"},
                  {"granted", "abandoned"}},
                 {}})
        .Rule(InOrder("priority_date", "filing_date"))
        .Rule(InOrder("filing_date", "registered_on"))
        .Rule(InOrder("filing_date", "examination_requested_on"))
        .Done();

    Builder<Licence>("licence", "実施許諾", "Licence", "cluster",
                     "A licence of an invention or patent to a company.")
        .Field("invention_id", &Licence::invention_id, "発明", "Invention",
               {.required = true, .ref = "invention"})
        .Field("patent_application_id", &Licence::patent_application_id, "特許出願",
               "Patent application", {.ref = "patent_application"})
        .Field("licensee_id", &Licence::licensee_id, "実施権者", "Licensee",
               {.required = true, .ref = "organization"})
        .Field("kind", &Licence::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"exclusive", "専用実施権", "Exclusive"},
                          {"non_exclusive", "通常実施権", "Non-exclusive"},
                          {"option", "オプション契約", "Option"}}})
        .Field("signed_on", &Licence::signed_on, "契約日", "Signed on", {.required = true})
        .Field("income", &Licence::income, "実施料収入", "Income", {.min = 0})
        .Field("terms", &Licence::terms, "条件", "Terms", {.long_text = true})
        .Done();

    Builder<Outcome>("outcome", "成果", "Outcome", "cluster",
                     "A result: a product, spin-off, licence income or paper.")
        .Field("cluster_id", &Outcome::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("project_id", &Outcome::project_id, "共同研究", "Project", {.ref = "project"})
        .Field("kind", &Outcome::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"product", "事業化・製品化", "Product"},
                          {"spin_off", "ベンチャー創出", "Spin-off"},
                          {"licence_income", "実施料収入", "Licence income"},
                          {"paper", "論文", "Paper"},
                          {"other", "その他", "Other"}}})
        .Field("title", &Outcome::title, "名称", "Title", {.required = true})
        .Field("outcome_date", &Outcome::outcome_date, "日付", "Date", {.required = true})
        .Field("value", &Outcome::value, "金額", "Value", {.min = 0})
        .Field("organization_id", &Outcome::organization_id, "機関", "Organisation",
               {.ref = "organization"})
        .Names({"title"})
        .Done();

    Builder<Forum>("forum", "フォーラム", "Forum", "cluster",
                   "A forum, results presentation or matching fair.")
        .Field("cluster_id", &Forum::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("title", &Forum::title, "名称", "Title", {.required = true})
        .Field("kind", &Forum::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"kickoff", "キックオフ", "Kick-off"},
                          {"results", "成果発表", "Results forum"},
                          {"matching_fair", "マッチングフェア", "Matching fair"},
                          {"seminar", "セミナー", "Seminar"}}})
        .Field("held_on", &Forum::held_on, "開催日", "Held on", {.required = true})
        .Field("venue", &Forum::venue, "会場", "Venue")
        .Field("attendees", &Forum::attendees, "参加者数", "Attendees", {.min = 0})
        .Field("presentations", &Forum::presentations, "発表件数", "Presentations", {.min = 0})
        .Field("consultations", &Forum::consultations, "相談件数", "Consultations", {.min = 0})
        .Names({"title"})
        .Done();

    Builder<Activity>("activity", "活動記録", "Activity", "cluster",
                      "A coordinator's logged activity: a company visit, meeting, call or forum.")
        .Field("cluster_id", &Activity::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("coordinator_id", &Activity::coordinator_id, "コーディネータ", "Coordinator",
               {.required = true, .ref = "person"})
        .Field("kind", &Activity::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"visit", "企業訪問", "Visit"},
                          {"meeting", "面談", "Meeting"},
                          {"call", "電話", "Call"},
                          {"forum", "フォーラム", "Forum"},
                          {"other", "その他", "Other"}}})
        .Field("activity_date", &Activity::activity_date, "日付", "Date", {.required = true})
        .Field("organization_id", &Activity::organization_id, "相手機関", "Organisation",
               {.ref = "organization"})
        .Field("match_id", &Activity::match_id, "マッチング", "Match", {.ref = "match"})
        .Field("note", &Activity::note, "記録", "Note", {.long_text = true})
        .Field("forum_id", &Activity::forum_id, "フォーラム", "Forum",
               {.ref = "forum",
                .doc = "The forum where the consultation took place, or that it followed up "
                       "(forum effectiveness)."})
        .Done();

    Builder<KpiTarget>("kpi_target", "成果目標", "KPI target", "cluster",
                       "A cluster's target for one KPI in one fiscal year (cumulative).")
        .Field("cluster_id", &KpiTarget::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("fiscal_year", &KpiTarget::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("kpi", &KpiTarget::kpi, "指標", "KPI",
               {.required = true,
                .enums = {{"patent_applications", "特許出願件数", "Patent applications"},
                          {"papers", "論文数", "Papers"},
                          {"joint_research", "共同研究件数", "Joint research projects"},
                          {"participating_companies", "参加企業数", "Participating companies"},
                          {"commercializations", "事業化等件数", "Commercialisations"},
                          {"ventures", "ベンチャー創出数", "Ventures created"},
                          {"forums", "フォーラム開催数", "Forums held"},
                          {"forum_participants", "フォーラム参加者数", "Forum participants"},
                          {"hr_development", "人材育成数", "People trained"},
                          {"licences", "実施許諾件数", "Licences"}}})
        .Field("target", &KpiTarget::target, "目標値", "Target", {.required = true, .min = 0})
        .Done();

    Builder<Report>("report", "報告書", "Report", "cluster",
                    "An annual performance report or a self-evaluation report.")
        .Field("cluster_id", &Report::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("fiscal_year", &Report::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("kind", &Report::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"annual", "年次報告", "Annual report"},
                          {"self_evaluation", "自己評価報告書", "Self-evaluation report"}}})
        .Field("submitted_on", &Report::submitted_on, "提出日", "Submitted on")
        .Field("summary", &Report::summary, "概要", "Summary", {.long_text = true})
        .Done();

    Builder<ClusterEvaluation>("cluster_evaluation", "中間・事後評価", "Cluster evaluation",
                               "programme",
                               "A mid-term or post evaluation of a cluster, from self-report to "
                               "graded result and follow-up actions.")
        .Field("cluster_id", &ClusterEvaluation::cluster_id, "クラスター", "Cluster",
               {.required = true, .ref = "cluster"})
        .Field("kind", &ClusterEvaluation::kind, "種別", "Kind",
               {.required = true,
                .enums = {{"mid_term", "中間評価", "Mid-term evaluation"},
                          {"post", "事後評価", "Post evaluation"}}})
        .Field("fiscal_year", &ClusterEvaluation::fiscal_year, "年度", "Fiscal year",
               {.required = true, .min = kMinFy, .max = kMaxFy})
        .Field("stage", &ClusterEvaluation::stage, "段階", "Stage",
               {.required = true,
                .enums = {{"self_report", "自己評価", "Self-report"},
                          {"committee_review", "委員会審議", "Committee review"},
                          {"graded", "評価確定", "Graded"},
                          {"actions", "フォローアップ", "Actions"}},
                .default_code = "self_report"})
        .Field("overall_grade", &ClusterEvaluation::overall_grade, "総合評価", "Overall grade",
               {.enums = {{"s", "S", "S"}, {"a", "A", "A"}, {"b", "B", "B"}, {"c", "C", "C"}}})
        .Field("summary", &ClusterEvaluation::summary, "総評", "Summary", {.long_text = true})
        .Field("self_report", &ClusterEvaluation::self_report, "自己評価報告書",
               "Self-evaluation report", {.long_text = true})
        .Field("follow_up", &ClusterEvaluation::follow_up, "フォローアップ", "Follow-up actions",
               {.long_text = true})
        .States({"stage",
                 {{"self_report", "committee_review"},
                  {"committee_review", "graded"},
                  {"graded", "actions"}},
                 {}})
        .Done();

    Builder<EvaluationGrade>("evaluation_grade", "評価項目別評定", "Evaluation grade", "programme",
                             "The S/A/B/C grade of one item of a cluster evaluation.")
        .Field("cluster_evaluation_id", &EvaluationGrade::cluster_evaluation_id, "評価",
               "Evaluation", {.required = true, .ref = "cluster_evaluation"})
        .Field("item", &EvaluationGrade::item, "評価項目", "Item", {.required = true})
        .Field("grade", &EvaluationGrade::grade, "評定", "Grade",
               {.required = true,
                .enums = {{"s", "S", "S"}, {"a", "A", "A"}, {"b", "B", "B"}, {"c", "C", "C"}}})
        .Field("comment", &EvaluationGrade::comment, "コメント", "Comment", {.long_text = true})
        .Done();

    // ----- platform ---------------------------------------------------------------------------
    Builder<User>("user", "利用者", "User", "platform", "A login account and its roles.")
        .Field("login", &User::login, "ログインID", "Login", {.required = true, .max_length = 128})
        .Field("password_hash", &User::password_hash, "パスワードハッシュ", "Password hash",
               {.doc = "Argon2id hash; never a password."})
        .Field("person_id", &User::person_id, "人物", "Person", {.ref = "person"})
        .Field("roles", &User::roles, "ロール", "Roles")
        .Field("disabled", &User::disabled, "無効", "Disabled")
        .Names({"login"})
        .NotImportable()
        .Done();

    Builder<Session>("session", "セッション", "Session", "platform", "A signed-in browser session.")
        .Field("user_id", &Session::user_id, "利用者", "User", {.required = true, .ref = "user"})
        .Field("token_hash", &Session::token_hash, "トークンハッシュ", "Token hash",
               {.required = true})
        .Field("expires_at", &Session::expires_at, "有効期限", "Expires at",
               {.required = true, .timestamp = true})
        .NotImportable()
        .Done();

    Builder<Job>("job", "ジョブ", "Job", "platform",
                 "Background work (assignment, selection, simulation) with progress and result.")
        .Field("kind", &Job::kind, "種別", "Kind", {.required = true})
        .Field("state", &Job::state, "状態", "State",
               {.required = true,
                .enums = {{"queued", "待機中", "Queued"},
                          {"running", "実行中", "Running"},
                          {"succeeded", "完了", "Succeeded"},
                          {"failed", "失敗", "Failed"},
                          {"cancelled", "中止", "Cancelled"}},
                .default_code = "queued"})
        .Field("progress", &Job::progress, "進捗", "Progress", {.min = 0, .max = 1})
        .Field("result", &Job::result, "結果", "Result", {.long_text = true})
        .Field("started_at", &Job::started_at, "開始日時", "Started at", {.timestamp = true})
        .Field("finished_at", &Job::finished_at, "終了日時", "Finished at", {.timestamp = true})
        .States({"state",
                 {{"queued", "running"},
                  {"queued", "cancelled"},
                  {"running", "succeeded"},
                  {"running", "failed"},
                  {"running", "cancelled"}},
                 {}})
        .NotImportable()
        .Done();
}

}  // namespace

namespace detail {
void EnsureDefined() {
    static const bool defined = [] {
        DefineAll();
        return true;
    }();
    (void)defined;
}
}  // namespace detail

#define KC_DEF(Type, name)                                       \
    const EntityDef& Type::Def() {                               \
        static const EntityDef& def = []() -> const EntityDef& { \
            detail::EnsureDefined();                             \
            return *FindEntity(name);                            \
        }();                                                     \
        return def;                                              \
    }

KC_DEF(Program, "program")
KC_DEF(FiscalBudget, "fiscal_budget")
KC_DEF(Region, "region")
KC_DEF(LocalGovernment, "local_government")
KC_DEF(Organization, "organization")
KC_DEF(Person, "person")
KC_DEF(Affiliation, "affiliation")
KC_DEF(Call, "call")
KC_DEF(Criterion, "criterion")
KC_DEF(FeasibilityStudy, "feasibility_study")
KC_DEF(Proposal, "proposal")
KC_DEF(ProposalBudget, "proposal_budget")
KC_DEF(ProposalMember, "proposal_member")
KC_DEF(ProposalRegion, "proposal_region")
KC_DEF(ProposalGovernment, "proposal_government")
KC_DEF(ProposalParticipant, "proposal_participant")
KC_DEF(Reviewer, "reviewer")
KC_DEF(Conflict, "conflict")
KC_DEF(ReviewAssignment, "review_assignment")
KC_DEF(Review, "review")
KC_DEF(ReviewScore, "review_score")
KC_DEF(Hearing, "hearing")
KC_DEF(HearingScore, "hearing_score")
KC_DEF(Advice, "advice")
KC_DEF(Evaluation, "evaluation")
KC_DEF(Decision, "decision")
KC_DEF(Cluster, "cluster")
KC_DEF(ClusterRegion, "cluster_region")
KC_DEF(ClusterGovernment, "cluster_government")
KC_DEF(Promotion, "promotion")
KC_DEF(CoreOrganization, "core_organization")
KC_DEF(Grant, "grant")
KC_DEF(Position, "position")
KC_DEF(Publication, "publication")
KC_DEF(PublicationAuthor, "publication_author")
KC_DEF(Seed, "seed")
KC_DEF(Need, "need")
KC_DEF(Match, "match")
KC_DEF(Project, "project")
KC_DEF(ProjectBudget, "project_budget")
KC_DEF(ProjectPartner, "project_partner")
KC_DEF(Milestone, "milestone")
KC_DEF(LedgerEntry, "ledger_entry")
KC_DEF(LedgerPlan, "ledger_plan")
KC_DEF(Activity, "activity")
KC_DEF(Invention, "invention")
KC_DEF(Inventor, "inventor")
KC_DEF(InventionApplicant, "invention_applicant")
KC_DEF(PatentApplication, "patent_application")
KC_DEF(Licence, "licence")
KC_DEF(Outcome, "outcome")
KC_DEF(Forum, "forum")
KC_DEF(KpiTarget, "kpi_target")
KC_DEF(Report, "report")
KC_DEF(ClusterEvaluation, "cluster_evaluation")
KC_DEF(EvaluationGrade, "evaluation_grade")
KC_DEF(User, "user")
KC_DEF(Session, "session")
KC_DEF(Job, "job")

#undef KC_DEF

}  // namespace kc::core
