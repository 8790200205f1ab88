-- The seed read policy (core::CanViewSeed, applied in SQL by app/record_access.cpp): public
-- seeds, the viewer's organisation's, their own and their clusters'. As for needs (0008), one
-- index lets SQLite answer the OR without reading every seed row.
CREATE INDEX "seed_access_idx" ON "seed"("visibility", "cluster_id", "organization_id");
