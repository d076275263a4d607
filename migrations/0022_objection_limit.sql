-- The public objection limit counts accepted objections per address (a SHA-256 of it: the
-- address itself is not kept), in the database so every API process counts alike.
ALTER TABLE objections ADD COLUMN filed_from_sha256 text;
CREATE INDEX objections_filed_from ON objections (filed_from_sha256, filed_at) WHERE filed_from_sha256 IS NOT NULL;
