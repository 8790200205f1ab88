-- The IP pipeline's statutory dates (issue 5): the registration of establishment of a patent
-- right (設定登録日), from which annuities (特許法 第107条・第108条) fall due, and the date the
-- examination request (審査請求) was made. Both nullable (ALTER TABLE ADD COLUMN appends them),
-- so existing rows stay valid.
ALTER TABLE "patent_application" ADD COLUMN "registered_on" TEXT;
ALTER TABLE "patent_application" ADD COLUMN "examination_requested_on" TEXT;
