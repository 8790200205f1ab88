-- Dates the coordinator funnel counts by fiscal year (issue 5): when a need was recorded, when a
-- seed–need pair was suggested and when its feasibility test started. Nullable; the funnel falls
-- back to the record's creation date when a date is missing.
ALTER TABLE "need" ADD COLUMN "registered_on" TEXT;
ALTER TABLE "match" ADD COLUMN "suggested_on" TEXT;
ALTER TABLE "match" ADD COLUMN "feasibility_on" TEXT;
