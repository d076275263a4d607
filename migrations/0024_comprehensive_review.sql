-- The comprehensive review (综合评价, issue 12 item 3): credit consultation, the member units'
-- opinions, the office's evaluation opinion and the proposed list for publicity.

-- A consultation names the adapter that answered and what it found, source by source. Nothing on
-- record is NOT_CONSULTED (a person decides), never CLEAN.
ALTER TABLE credit_checks DROP CONSTRAINT credit_checks_result_check;
ALTER TABLE credit_checks
  ADD CONSTRAINT credit_checks_result_check CHECK (result IN ('CLEAN', 'HIT', 'NEEDS_EXPLANATION', 'NOT_CONSULTED')),
  ADD COLUMN adapter text NOT NULL DEFAULT 'credit-records';
ALTER TABLE credit_checks ALTER COLUMN adapter DROP DEFAULT;

-- A declaration the office leaves off the proposed list ends NOT_PROPOSED.
ALTER TABLE declarations DROP CONSTRAINT declarations_outcome_check;
ALTER TABLE declarations ADD CONSTRAINT declarations_outcome_check CHECK (outcome IN (
  'ANNOUNCED', 'INELIGIBLE', 'WITHDRAWN_INCOMPLETE', 'NOT_RECOMMENDED', 'NOT_SELECTED', 'STANDARD_NOT_ADVANCED',
  'NOT_CERTIFIED', 'CREDIT_REJECTED', 'NOT_PROPOSED', 'REMOVED_AFTER_OBJECTION', 'WITHDRAWN'));

-- One review per campaign: when it opened, until when the member units may answer, and the office's
-- decision (its evaluation opinion and reason, who and when).
CREATE TABLE comprehensive_reviews (
  campaign_year        integer PRIMARY KEY REFERENCES campaigns (year),
  opened_at            timestamptz NOT NULL,
  opinions_due         timestamptz NOT NULL,
  evaluation_opinion   text,
  reason               text,
  decided_by           text,
  decided_at           timestamptz,
  CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
  CHECK ((decided_at IS NULL) = (evaluation_opinion IS NULL))
);

-- The declarations under review (those through the credit consultation when it opened) and whether
-- the office proposes each for publicity (NULL: not decided yet).
CREATE TABLE comprehensive_review_candidates (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  campaign_year       integer NOT NULL REFERENCES comprehensive_reviews (campaign_year),
  proposed            boolean
);
CREATE INDEX comprehensive_review_candidates_year ON comprehensive_review_candidates (campaign_year);

-- Each member unit's opinion on the candidates, or NO_REPLY when its deadline passed without one.
CREATE TABLE member_unit_opinions (
  campaign_year   integer NOT NULL REFERENCES comprehensive_reviews (campaign_year),
  member_unit_id  text NOT NULL REFERENCES member_units (id),
  status          text NOT NULL CHECK (status IN ('AGREED', 'OBJECTED', 'NO_REPLY')),
  opinion         text NOT NULL,
  given_by        text NOT NULL,
  given_at        timestamptz NOT NULL,
  PRIMARY KEY (campaign_year, member_unit_id)
);
