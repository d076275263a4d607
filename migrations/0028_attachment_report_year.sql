-- A financial report proves one year: D7 row 5 asks for the audited report of each year the sales
-- and profit thresholds use, so the file of a yearly kind says which year it reports on, and only
-- those kinds say one.
ALTER TABLE attachments ADD COLUMN report_year smallint;
ALTER TABLE attachments ADD CONSTRAINT attachments_report_year_check
  CHECK ((kind IN ('AUDITED_FINANCIAL_REPORT', 'FINANCIAL_STATEMENTS')) = (report_year IS NOT NULL) AND (report_year IS NULL OR report_year BETWEEN 1949 AND 2100));
