-- Forum effectiveness (issue 5): a coordinator's activity can name the forum where the
-- consultation took place or that it followed up, so the matches and projects that grew from a
-- forum can be counted. Nullable.
ALTER TABLE "activity" ADD COLUMN "forum_id" INTEGER REFERENCES "forum"("id");
CREATE INDEX "activity_forum_id_idx" ON "activity"("forum_id");
