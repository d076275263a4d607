-- Attachments uploaded with the draft: the enterprise (or the member unit preparing a draft of its
-- channel) attaches the materials before it submits, so the eligibility check judges the files
-- themselves. A draft's attachment has draft_id; submitting the draft fills in its
-- declaration_number in the same transaction, and draft_id stays as where it was uploaded.
ALTER TABLE attachments ADD COLUMN draft_id bigint REFERENCES declaration_drafts (id);
ALTER TABLE attachments ALTER COLUMN declaration_number DROP NOT NULL;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_check CHECK (declaration_number IS NOT NULL OR draft_id IS NOT NULL);
CREATE INDEX attachments_draft ON attachments (draft_id, id) WHERE draft_id IS NOT NULL;
