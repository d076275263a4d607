-- Attachments of declarations (附件): the evidence an enterprise uploads for its declaration. The
-- bytes are kept in ATTACHMENTS_DIR under a name derived from their SHA-256; this table holds what
-- is known of each upload. A row is written only after its file is in place, so a row always has
-- its file; a crash between the two leaves at most a file without a row. Append only.

CREATE TABLE attachments (
  id                  bigserial PRIMARY KEY,
  declaration_number  text NOT NULL REFERENCES declarations (number),
  -- One of the eligibility input's evidence kinds (domain/eligibility/input-schema.ts), checked by
  -- the API; here only its shape, so a kind added to a later rule set needs no migration.
  kind                text NOT NULL CHECK (kind ~ '^[A-Z][A-Z0-9_]{1,79}$'),
  sha256              text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes          bigint NOT NULL CHECK (size_bytes > 0),
  original_name       text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  -- What the file's leading bytes show, not what the client declared.
  content_type        text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  uploaded_by         text NOT NULL,
  uploaded_at         timestamptz NOT NULL
);
CREATE INDEX attachments_declaration ON attachments (declaration_number, id);
