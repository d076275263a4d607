-- The certification body issues the certificate when it certifies: its number and date go with
-- the certification result, and the certificate's three years run from that date. The register
-- of announced certificates names the body that issued each (NULL for those issued before).
ALTER TABLE certifications
  ADD COLUMN certificate_number text UNIQUE,
  ADD COLUMN certificate_date date,
  ADD CONSTRAINT certifications_certificate_whole CHECK ((certificate_number IS NULL) = (certificate_date IS NULL));
ALTER TABLE certificates ADD COLUMN issued_by text REFERENCES certification_bodies (id);

-- The key-cultivation list is the provincial office's decision: the ranking is written first with
-- `selected` NULL (not decided), then the office's decision sets it for every ranked declaration.
ALTER TABLE key_cultivation ALTER COLUMN selected DROP NOT NULL;

-- Each expert may give a written opinion with his marks; the office sees the panel's opinions
-- beside the ranking when it decides the list.
ALTER TABLE expert_scores ADD COLUMN opinion text;
