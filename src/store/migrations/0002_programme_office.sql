-- The programme office's workflows (issue 4): call rules for minimum loads, conflict look-back,
-- score scale, hearing weight and trial scale; per-reviewer minimum loads; per-FY budgets and
-- named members of proposals; co-authors of publications; the comprehensive evaluation's hearing
-- score, rank interval and review count; self-evaluation reports and follow-up of cluster
-- evaluations. New columns are nullable (ALTER TABLE ADD COLUMN appends them), so existing rows
-- stay valid.
ALTER TABLE "call" ADD COLUMN "min_load" INTEGER;
ALTER TABLE "call" ADD COLUMN "conflict_years" INTEGER;
ALTER TABLE "call" ADD COLUMN "score_max" INTEGER;
ALTER TABLE "call" ADD COLUMN "hearing_weight" REAL;
ALTER TABLE "call" ADD COLUMN "trial_scale_per_region" INTEGER;

ALTER TABLE "reviewer" ADD COLUMN "min_load" INTEGER;

ALTER TABLE "evaluation" ADD COLUMN "hearing_score" REAL;
ALTER TABLE "evaluation" ADD COLUMN "comprehensive_score" REAL;
ALTER TABLE "evaluation" ADD COLUMN "rank_low" INTEGER;
ALTER TABLE "evaluation" ADD COLUMN "rank_high" INTEGER;
ALTER TABLE "evaluation" ADD COLUMN "reviews" INTEGER;

ALTER TABLE "cluster_evaluation" ADD COLUMN "self_report" TEXT;
ALTER TABLE "cluster_evaluation" ADD COLUMN "follow_up" TEXT;

CREATE TABLE "proposal_budget" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_budget_proposal_id_idx" ON "proposal_budget"("proposal_id");

CREATE TABLE "proposal_member" (
    "id" INTEGER PRIMARY KEY,
    "proposal_id" INTEGER NOT NULL REFERENCES "proposal"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "role" TEXT NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "proposal_member_proposal_id_idx" ON "proposal_member"("proposal_id");
CREATE INDEX "proposal_member_person_id_idx" ON "proposal_member"("person_id");

CREATE TABLE "publication_author" (
    "id" INTEGER PRIMARY KEY,
    "publication_id" INTEGER NOT NULL REFERENCES "publication"("id"),
    "person_id" INTEGER NOT NULL REFERENCES "person"("id"),
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "publication_author_publication_id_idx" ON "publication_author"("publication_id");
CREATE INDEX "publication_author_person_id_idx" ON "publication_author"("person_id");
