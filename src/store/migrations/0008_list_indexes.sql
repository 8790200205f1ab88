-- Indexes for the row-level read policy (app/record_access.cpp) that lists apply in SQL. A
-- company or coordinator may read the public needs, their organisation's and their cluster's:
-- with (confidentiality, cluster_id, organization_id) SQLite answers that OR from indexes alone
-- instead of reading every need row (the description makes rows long), which made a page of
-- needs or matches cost a scan of the table per request.
CREATE INDEX "need_access_idx" ON "need"("confidentiality", "cluster_id", "organization_id");
