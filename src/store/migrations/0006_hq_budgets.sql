-- Joint research budgets per fiscal year, programme purposes of the ledger with their plans, and
-- the IP pipeline's assessments and co-applicants (issue 5). New columns are nullable (ALTER
-- TABLE ADD COLUMN appends them), so existing rows stay valid: a ledger entry recorded before
-- this migration has no purpose until someone sets it, and new entries must name one (a business
-- rule of the application, not a constraint, so that this file translates to PostgreSQL as is).
ALTER TABLE "ledger_entry" ADD COLUMN "purpose" TEXT;

ALTER TABLE "invention" ADD COLUMN "adviser_id" INTEGER REFERENCES "person"("id");
ALTER TABLE "invention" ADD COLUMN "assessed_on" TEXT;
ALTER TABLE "invention" ADD COLUMN "assessment_note" TEXT;
CREATE INDEX "invention_adviser_id_idx" ON "invention"("adviser_id");

CREATE TABLE "project_budget" (
    "id" INTEGER PRIMARY KEY,
    "project_id" INTEGER NOT NULL REFERENCES "project"("id"),
    "fiscal_year" INTEGER NOT NULL,
    "grant_amount" INTEGER NOT NULL,
    "company_fees" INTEGER,
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "project_budget_project_id_idx" ON "project_budget"("project_id");

CREATE TABLE "ledger_plan" (
    "id" INTEGER PRIMARY KEY,
    "grant_id" INTEGER NOT NULL REFERENCES "grant"("id"),
    "purpose" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "note" TEXT,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "ledger_plan_grant_id_idx" ON "ledger_plan"("grant_id");

CREATE TABLE "invention_applicant" (
    "id" INTEGER PRIMARY KEY,
    "invention_id" INTEGER NOT NULL REFERENCES "invention"("id"),
    "organization_id" INTEGER NOT NULL REFERENCES "organization"("id"),
    "share_percent" REAL NOT NULL,
    "sample" INTEGER NOT NULL DEFAULT 0,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);
CREATE INDEX "invention_applicant_invention_id_idx" ON "invention_applicant"("invention_id");
CREATE INDEX "invention_applicant_organization_id_idx" ON "invention_applicant"("organization_id");
