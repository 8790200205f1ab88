-- Migration 0001: the initial schema of every entity (ARCHITECTURE.md "Data model").
-- Generated once by `kcluster schema sql`; released, never edited. Later changes are new files.

CREATE TABLE "program" (
    "id" INTEGER PRIMARY KEY,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT,
    "phase" TEXT,
    "start_fy" INTEGER NOT NULL,
    "end_fy" INTEGER NOT NULL,
    "description" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "program_name_ja_name_idx" ON "program"("name_ja");
CREATE INDEX "program_name_en_name_idx" ON "program"("name_en");

CREATE TABLE "fiscal_budget" (
    "id" INTEGER PRIMARY KEY,
    "program_id" INTEGER NOT NULL REFERENCES "program"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "regular" INTEGER NOT NULL,
    "supplementary" INTEGER,
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "fiscal_budget_program_id_idx" ON "fiscal_budget"("program_id");

CREATE TABLE "region" (
    "id" INTEGER PRIMARY KEY,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT,
    "prefecture" TEXT,
    "source" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "region_name_ja_name_idx" ON "region"("name_ja");
CREATE INDEX "region_name_en_name_idx" ON "region"("name_en");

CREATE TABLE "local_government" (
    "id" INTEGER PRIMARY KEY,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT,
    "kind" TEXT NOT NULL,
    "prefecture" TEXT,
    "region_id" INTEGER REFERENCES "region"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "local_government_region_id_idx" ON "local_government"("region_id");
CREATE INDEX "local_government_name_ja_name_idx" ON "local_government"("name_ja");
CREATE INDEX "local_government_name_en_name_idx" ON "local_government"("name_en");

CREATE TABLE "organization" (
    "id" INTEGER PRIMARY KEY,
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT,
    "kind" TEXT NOT NULL,
    "sme" INTEGER NOT NULL DEFAULT 0,
    "prefecture" TEXT,
    "region_id" INTEGER REFERENCES "region"("id"),
    "source" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "organization_region_id_idx" ON "organization"("region_id");
CREATE INDEX "organization_name_ja_name_idx" ON "organization"("name_ja");
CREATE INDEX "organization_name_en_name_idx" ON "organization"("name_en");

CREATE TABLE "person" (
    "id" INTEGER PRIMARY KEY,
    "family_name" TEXT NOT NULL,
    "given_name" TEXT,
    "family_name_kana" TEXT,
    "given_name_kana" TEXT,
    "name_en" TEXT,
    "organization_id" INTEGER REFERENCES "organization"("id"),
    "title" TEXT,
    "email" TEXT,
    "expertise" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "person_organization_id_idx" ON "person"("organization_id");
CREATE INDEX "person_name_en_name_idx" ON "person"("name_en");

CREATE TABLE "affiliation" (
    "id" INTEGER PRIMARY KEY,
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "title" TEXT,
    "from_date" TEXT,
    "to_date" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "affiliation_person_id_idx" ON "affiliation"("person_id");
CREATE INDEX "affiliation_organization_id_idx" ON "affiliation"("organization_id");

CREATE TABLE "call" (
    "id" INTEGER PRIMARY KEY,
    "program_id" INTEGER NOT NULL REFERENCES "program"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "title_ja" TEXT NOT NULL,
    "title_en" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "opens_on" TEXT,
    "closes_on" TEXT,
    "reviewers_per_proposal" INTEGER NOT NULL,
    "max_load" INTEGER NOT NULL,
    "scale_per_region" INTEGER,
    "years" INTEGER NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "call_program_id_idx" ON "call"("program_id");
CREATE INDEX "call_title_ja_name_idx" ON "call"("title_ja");
CREATE INDEX "call_title_en_name_idx" ON "call"("title_en");

CREATE TABLE "criterion" (
    "id" INTEGER PRIMARY KEY,
    "call_id" INTEGER NOT NULL REFERENCES "call"("id"),
    "key" TEXT NOT NULL,
    "label_ja" TEXT NOT NULL,
    "label_en" TEXT,
    "weight" REAL NOT NULL,
    "criterion_group" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "criterion_call_id_idx" ON "criterion"("call_id");
CREATE INDEX "criterion_key_name_idx" ON "criterion"("key");
CREATE INDEX "criterion_label_ja_name_idx" ON "criterion"("label_ja");
CREATE INDEX "criterion_label_en_name_idx" ON "criterion"("label_en");

CREATE TABLE "feasibility_study" (
    "id" INTEGER PRIMARY KEY,
    "region_id" INTEGER NOT NULL REFERENCES "region"("id"),
    "call_id" INTEGER REFERENCES "call"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "result" TEXT NOT NULL,
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "feasibility_study_region_id_idx" ON "feasibility_study"("region_id");
CREATE INDEX "feasibility_study_call_id_idx" ON "feasibility_study"("call_id");

CREATE TABLE "proposal" (
    "id" INTEGER PRIMARY KEY,
    "call_id" INTEGER NOT NULL REFERENCES "call"("id"),
    "title_ja" TEXT NOT NULL,
    "title_en" TEXT,
    "field" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submitted_on" TEXT,
    "requested_per_year" INTEGER,
    "vision" TEXT,
    "targets" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_call_id_idx" ON "proposal"("call_id");
CREATE INDEX "proposal_title_ja_name_idx" ON "proposal"("title_ja");
CREATE INDEX "proposal_title_en_name_idx" ON "proposal"("title_en");

CREATE TABLE "proposal_region" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "region_id" INTEGER NOT NULL REFERENCES "region"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_region_proposal_id_idx" ON "proposal_region"("proposal_id");
CREATE INDEX "proposal_region_region_id_idx" ON "proposal_region"("region_id");

CREATE TABLE "proposal_government" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "local_government_id" INTEGER NOT NULL REFERENCES "local_government"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_government_proposal_id_idx" ON "proposal_government"("proposal_id");
CREATE INDEX "proposal_government_local_government_id_idx" ON "proposal_government"("local_government_id");

CREATE TABLE "proposal_participant" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "role" TEXT NOT NULL,
    "inside_region" INTEGER NOT NULL DEFAULT 0,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_participant_proposal_id_idx" ON "proposal_participant"("proposal_id");
CREATE INDEX "proposal_participant_organization_id_idx" ON "proposal_participant"("organization_id");

CREATE TABLE "reviewer" (
    "id" INTEGER PRIMARY KEY,
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "call_id" INTEGER NOT NULL REFERENCES "call"("id"),
    "max_load" INTEGER NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "reviewer_person_id_idx" ON "reviewer"("person_id");
CREATE INDEX "reviewer_call_id_idx" ON "reviewer"("call_id");

CREATE TABLE "conflict" (
    "id" INTEGER PRIMARY KEY,
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "kind" TEXT NOT NULL,
    "source" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "conflict_person_id_idx" ON "conflict"("person_id");
CREATE INDEX "conflict_proposal_id_idx" ON "conflict"("proposal_id");

CREATE TABLE "review_assignment" (
    "id" INTEGER PRIMARY KEY,
    "reviewer_id" INTEGER NOT NULL REFERENCES "reviewer"("id"),
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "affinity" REAL,
    "origin" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "review_assignment_reviewer_id_idx" ON "review_assignment"("reviewer_id");
CREATE INDEX "review_assignment_proposal_id_idx" ON "review_assignment"("proposal_id");

CREATE TABLE "review" (
    "id" INTEGER PRIMARY KEY,
    "review_assignment_id" INTEGER NOT NULL REFERENCES "review_assignment"("id"),
    "status" TEXT NOT NULL,
    "comment" TEXT,
    "submitted_at" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "review_review_assignment_id_idx" ON "review"("review_assignment_id");

CREATE TABLE "review_score" (
    "id" INTEGER PRIMARY KEY,
    "review_id" INTEGER NOT NULL REFERENCES "review"("id"),
    "criterion_id" INTEGER NOT NULL REFERENCES "criterion"("id"),
    "score" INTEGER NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "review_score_review_id_idx" ON "review_score"("review_id");
CREATE INDEX "review_score_criterion_id_idx" ON "review_score"("criterion_id");

CREATE TABLE "hearing" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "held_on" TEXT,
    "venue" TEXT,
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "hearing_proposal_id_idx" ON "hearing"("proposal_id");

CREATE TABLE "hearing_score" (
    "id" INTEGER PRIMARY KEY,
    "hearing_id" INTEGER NOT NULL REFERENCES "hearing"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "criterion_id" INTEGER NOT NULL REFERENCES "criterion"("id"),
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "hearing_score_hearing_id_idx" ON "hearing_score"("hearing_id");
CREATE INDEX "hearing_score_person_id_idx" ON "hearing_score"("person_id");
CREATE INDEX "hearing_score_criterion_id_idx" ON "hearing_score"("criterion_id");

CREATE TABLE "advice" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "given_on" TEXT,
    "text" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "advice_proposal_id_idx" ON "advice"("proposal_id");
CREATE INDEX "advice_person_id_idx" ON "advice"("person_id");

CREATE TABLE "evaluation" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "raw_score" REAL,
    "calibrated_score" REAL,
    "rank" INTEGER,
    "interval_low" REAL,
    "interval_high" REAL,
    "computed_at" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "evaluation_proposal_id_idx" ON "evaluation"("proposal_id");

CREATE TABLE "decision" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "outcome" TEXT NOT NULL,
    "decided_on" TEXT NOT NULL,
    "reason" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "decision_proposal_id_idx" ON "decision"("proposal_id");

CREATE TABLE "cluster" (
    "id" INTEGER PRIMARY KEY,
    "program_id" INTEGER NOT NULL REFERENCES "program"("id"),
    "proposal_id" INTEGER REFERENCES "proposal"("id"),
    "name_ja" TEXT NOT NULL,
    "name_en" TEXT,
    "field" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT,
    "started_on" TEXT,
    "ended_on" TEXT,
    "successor_id" INTEGER REFERENCES "cluster"("id"),
    "source" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "cluster_program_id_idx" ON "cluster"("program_id");
CREATE INDEX "cluster_proposal_id_idx" ON "cluster"("proposal_id");
CREATE INDEX "cluster_successor_id_idx" ON "cluster"("successor_id");
CREATE INDEX "cluster_name_ja_name_idx" ON "cluster"("name_ja");
CREATE INDEX "cluster_name_en_name_idx" ON "cluster"("name_en");

CREATE TABLE "cluster_region" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "region_id" INTEGER NOT NULL REFERENCES "region"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "cluster_region_cluster_id_idx" ON "cluster_region"("cluster_id");
CREATE INDEX "cluster_region_region_id_idx" ON "cluster_region"("region_id");

CREATE TABLE "cluster_government" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "local_government_id" INTEGER NOT NULL REFERENCES "local_government"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "cluster_government_cluster_id_idx" ON "cluster_government"("cluster_id");
CREATE INDEX "cluster_government_local_government_id_idx" ON "cluster_government"("local_government_id");

CREATE TABLE "promotion" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "proposal_id" INTEGER REFERENCES "proposal"("id"),
    "decided_on" TEXT NOT NULL,
    "effective_fy" INTEGER NOT NULL,
    "funding_source" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "promotion_cluster_id_idx" ON "promotion"("cluster_id");
CREATE INDEX "promotion_proposal_id_idx" ON "promotion"("proposal_id");

CREATE TABLE "core_organization" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "from_date" TEXT,
    "to_date" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "core_organization_cluster_id_idx" ON "core_organization"("cluster_id");
CREATE INDEX "core_organization_organization_id_idx" ON "core_organization"("organization_id");

CREATE TABLE "grant" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "decided_on" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "grant_cluster_id_idx" ON "grant"("cluster_id");
CREATE INDEX "grant_organization_id_idx" ON "grant"("organization_id");

CREATE TABLE "position" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "role" TEXT NOT NULL,
    "from_date" TEXT NOT NULL,
    "to_date" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "position_cluster_id_idx" ON "position"("cluster_id");
CREATE INDEX "position_person_id_idx" ON "position"("person_id");

CREATE TABLE "publication" (
    "id" INTEGER PRIMARY KEY,
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "title" TEXT NOT NULL,
    "abstract" TEXT,
    "venue" TEXT,
    "year" INTEGER,
    "keywords" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "publication_person_id_idx" ON "publication"("person_id");
CREATE INDEX "publication_title_name_idx" ON "publication"("title");

CREATE TABLE "seed" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER REFERENCES "cluster"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "owner_id" INTEGER REFERENCES "person"("id"),
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "abstract" TEXT,
    "keywords" TEXT,
    "field" TEXT NOT NULL,
    "trl" INTEGER,
    "ip_status" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "seed_cluster_id_idx" ON "seed"("cluster_id");
CREATE INDEX "seed_organization_id_idx" ON "seed"("organization_id");
CREATE INDEX "seed_owner_id_idx" ON "seed"("owner_id");
CREATE INDEX "seed_title_name_idx" ON "seed"("title");
CREATE INDEX "seed_title_en_name_idx" ON "seed"("title_en");

CREATE TABLE "need" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER REFERENCES "cluster"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "contact_id" INTEGER REFERENCES "person"("id"),
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "description" TEXT,
    "keywords" TEXT,
    "field" TEXT NOT NULL,
    "confidentiality" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "need_cluster_id_idx" ON "need"("cluster_id");
CREATE INDEX "need_organization_id_idx" ON "need"("organization_id");
CREATE INDEX "need_contact_id_idx" ON "need"("contact_id");
CREATE INDEX "need_title_name_idx" ON "need"("title");
CREATE INDEX "need_title_en_name_idx" ON "need"("title_en");

CREATE TABLE "match" (
    "id" INTEGER PRIMARY KEY,
    "seed_id" INTEGER NOT NULL REFERENCES "seed"("id"),
    "need_id" INTEGER NOT NULL REFERENCES "need"("id"),
    "score" REAL,
    "explanation" TEXT,
    "status" TEXT NOT NULL,
    "coordinator_id" INTEGER REFERENCES "person"("id"),
    "decline_reason" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "match_seed_id_idx" ON "match"("seed_id");
CREATE INDEX "match_need_id_idx" ON "match"("need_id");
CREATE INDEX "match_coordinator_id_idx" ON "match"("coordinator_id");

CREATE TABLE "project" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "title" TEXT NOT NULL,
    "title_en" TEXT,
    "lead_organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "leader_id" INTEGER REFERENCES "person"("id"),
    "budget" INTEGER,
    "participation_fee" INTEGER,
    "starts_on" TEXT,
    "ends_on" TEXT,
    "stage" TEXT NOT NULL,
    "origin_need_id" INTEGER REFERENCES "need"("id"),
    "origin_match_id" INTEGER REFERENCES "match"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "project_cluster_id_idx" ON "project"("cluster_id");
CREATE INDEX "project_lead_organization_id_idx" ON "project"("lead_organization_id");
CREATE INDEX "project_leader_id_idx" ON "project"("leader_id");
CREATE INDEX "project_origin_need_id_idx" ON "project"("origin_need_id");
CREATE INDEX "project_origin_match_id_idx" ON "project"("origin_match_id");
CREATE INDEX "project_title_name_idx" ON "project"("title");
CREATE INDEX "project_title_en_name_idx" ON "project"("title_en");

CREATE TABLE "project_partner" (
    "id" INTEGER PRIMARY KEY,
    "project_id" INTEGER NOT NULL REFERENCES "project"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "role" TEXT NOT NULL,
    "inside_region" INTEGER NOT NULL DEFAULT 0,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "project_partner_project_id_idx" ON "project_partner"("project_id");
CREATE INDEX "project_partner_organization_id_idx" ON "project_partner"("organization_id");

CREATE TABLE "milestone" (
    "id" INTEGER PRIMARY KEY,
    "project_id" INTEGER NOT NULL REFERENCES "project"("id"),
    "title" TEXT NOT NULL,
    "due_on" TEXT,
    "done_on" TEXT,
    "gate_decision" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "milestone_project_id_idx" ON "milestone"("project_id");

CREATE TABLE "ledger_entry" (
    "id" INTEGER PRIMARY KEY,
    "grant_id" INTEGER NOT NULL REFERENCES "grant"("id"),
    "entry_date" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "project_id" INTEGER REFERENCES "project"("id"),
    "description" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "ledger_entry_grant_id_idx" ON "ledger_entry"("grant_id");
CREATE INDEX "ledger_entry_project_id_idx" ON "ledger_entry"("project_id");

CREATE TABLE "activity" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "coordinator_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "kind" TEXT NOT NULL,
    "activity_date" TEXT NOT NULL,
    "organization_id" INTEGER REFERENCES "organization"("id"),
    "match_id" INTEGER REFERENCES "match"("id"),
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "activity_cluster_id_idx" ON "activity"("cluster_id");
CREATE INDEX "activity_coordinator_id_idx" ON "activity"("coordinator_id");
CREATE INDEX "activity_organization_id_idx" ON "activity"("organization_id");
CREATE INDEX "activity_match_id_idx" ON "activity"("match_id");

CREATE TABLE "invention" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "project_id" INTEGER REFERENCES "project"("id"),
    "title" TEXT NOT NULL,
    "disclosed_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "published" INTEGER NOT NULL DEFAULT 0,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "invention_cluster_id_idx" ON "invention"("cluster_id");
CREATE INDEX "invention_project_id_idx" ON "invention"("project_id");
CREATE INDEX "invention_title_name_idx" ON "invention"("title");

CREATE TABLE "inventor" (
    "id" INTEGER PRIMARY KEY,
    "invention_id" INTEGER NOT NULL REFERENCES "invention"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "inventor_invention_id_idx" ON "inventor"("invention_id");
CREATE INDEX "inventor_person_id_idx" ON "inventor"("person_id");

CREATE TABLE "patent_application" (
    "id" INTEGER PRIMARY KEY,
    "invention_id" INTEGER NOT NULL REFERENCES "invention"("id"),
    "office" TEXT NOT NULL,
    "application_number" TEXT,
    "filing_date" TEXT NOT NULL,
    "priority_date" TEXT,
    "status" TEXT NOT NULL,
    "attorney_id" INTEGER REFERENCES "person"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "patent_application_invention_id_idx" ON "patent_application"("invention_id");
CREATE INDEX "patent_application_attorney_id_idx" ON "patent_application"("attorney_id");
CREATE INDEX "patent_application_application_number_name_idx" ON "patent_application"("application_number");

CREATE TABLE "licence" (
    "id" INTEGER PRIMARY KEY,
    "invention_id" INTEGER NOT NULL REFERENCES "invention"("id"),
    "patent_application_id" INTEGER REFERENCES "patent_application"("id"),
    "licensee_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "kind" TEXT NOT NULL,
    "signed_on" TEXT NOT NULL,
    "income" INTEGER,
    "terms" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "licence_invention_id_idx" ON "licence"("invention_id");
CREATE INDEX "licence_patent_application_id_idx" ON "licence"("patent_application_id");
CREATE INDEX "licence_licensee_id_idx" ON "licence"("licensee_id");

CREATE TABLE "outcome" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "project_id" INTEGER REFERENCES "project"("id"),
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "outcome_date" TEXT NOT NULL,
    "value" INTEGER,
    "organization_id" INTEGER REFERENCES "organization"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "outcome_cluster_id_idx" ON "outcome"("cluster_id");
CREATE INDEX "outcome_project_id_idx" ON "outcome"("project_id");
CREATE INDEX "outcome_organization_id_idx" ON "outcome"("organization_id");
CREATE INDEX "outcome_title_name_idx" ON "outcome"("title");

CREATE TABLE "forum" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "venue" TEXT,
    "attendees" INTEGER,
    "presentations" INTEGER,
    "consultations" INTEGER,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "forum_cluster_id_idx" ON "forum"("cluster_id");
CREATE INDEX "forum_title_name_idx" ON "forum"("title");

CREATE TABLE "kpi_target" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "kpi" TEXT NOT NULL,
    "target" INTEGER NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "kpi_target_cluster_id_idx" ON "kpi_target"("cluster_id");

CREATE TABLE "report" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "submitted_on" TEXT,
    "summary" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "report_cluster_id_idx" ON "report"("cluster_id");

CREATE TABLE "cluster_evaluation" (
    "id" INTEGER PRIMARY KEY,
    "cluster_id" INTEGER NOT NULL REFERENCES "cluster"("id"),
    "kind" TEXT NOT NULL,
    "fiscal_year" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "overall_grade" TEXT,
    "summary" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "cluster_evaluation_cluster_id_idx" ON "cluster_evaluation"("cluster_id");

CREATE TABLE "evaluation_grade" (
    "id" INTEGER PRIMARY KEY,
    "cluster_evaluation_id" INTEGER NOT NULL REFERENCES "cluster_evaluation"("id"),
    "item" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "comment" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "evaluation_grade_cluster_evaluation_id_idx" ON "evaluation_grade"("cluster_evaluation_id");

CREATE TABLE "user" (
    "id" INTEGER PRIMARY KEY,
    "login" TEXT NOT NULL,
    "password_hash" TEXT,
    "person_id" INTEGER REFERENCES "person"("id"),
    "roles" TEXT,
    "disabled" INTEGER NOT NULL DEFAULT 0,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "user_person_id_idx" ON "user"("person_id");
CREATE INDEX "user_login_name_idx" ON "user"("login");

CREATE TABLE "session" (
    "id" INTEGER PRIMARY KEY,
    "user_id" INTEGER NOT NULL REFERENCES "user"("id"),
    "token_hash" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

CREATE TABLE "job" (
    "id" INTEGER PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "progress" REAL,
    "result" TEXT,
    "started_at" TEXT,
    "finished_at" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE TABLE "audit_log" (
    "id" INTEGER PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "before_json" TEXT,
    "after_json" TEXT
);
CREATE INDEX "audit_log_entity_idx" ON "audit_log"("entity", "entity_id");
