-- The standard a product is made to, as the notice has it: the enterprise files its key
-- performance comparison table (Attachment 2) with the declaration; the comparison computed
-- from it is a proposal; the standardization institute judges legitimacy, compliance and
-- advancement, each with its reason; the Standardization Management Office supervises the
-- self-declared enterprise standards and may flag one.

-- The automatic comparison of the filed table, made before the institute's task opens.
-- `indicators` holds the table's rows with each row's result; `verdict` NULL when the enterprise
-- filed no table (the institute then judges without a proposal).
CREATE TABLE standard_proposals (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  enterprise_standard_code text,
  verdict             text CHECK (verdict IN ('ADVANCED', 'COMPARABLE', 'NOT_ADVANCED')),
  indicators          jsonb NOT NULL DEFAULT '[]',
  flags               text[] NOT NULL DEFAULT '{}',   -- FIRST (首创), ONLY (唯一)
  summary_zh          text NOT NULL,
  summary_en          text NOT NULL,
  proposed_at         timestamptz NOT NULL
);

-- The institute's three judgements. Rows written before 0025 hold only the advancement verdict.
ALTER TABLE standard_evaluations
  ADD COLUMN legitimacy          text CHECK (legitimacy IN ('LEGITIMATE', 'NOT_LEGITIMATE')),
  ADD COLUMN legitimacy_reason   text,
  ADD COLUMN compliance          text CHECK (compliance IN ('COMPLIANT', 'NOT_COMPLIANT')),
  ADD COLUMN compliance_reason   text,
  ADD COLUMN advancement_reason  text,
  ADD COLUMN proposal_verdict    text;

-- A flag the Standardization Management Office raises on a self-declared enterprise standard.
CREATE TABLE standard_flags (
  id                  bigserial PRIMARY KEY,
  declaration_number  text NOT NULL REFERENCES declarations (number),
  standard_code       text NOT NULL,
  reason              text NOT NULL CHECK (length(reason) BETWEEN 2 AND 2000),
  flagged_by          text NOT NULL,
  flagged_at          timestamptz NOT NULL
);
CREATE INDEX standard_flags_declaration ON standard_flags (declaration_number);

-- A standard judged not lawful or not compliant closes the declaration STANDARD_NOT_COMPLIANT.
-- NOT_PROPOSED is the comprehensive review's (0024); listed here so either order of the two
-- branches leaves one complete list.
ALTER TABLE declarations DROP CONSTRAINT declarations_outcome_check;
ALTER TABLE declarations ADD CONSTRAINT declarations_outcome_check CHECK (outcome IN (
  'ANNOUNCED', 'INELIGIBLE', 'WITHDRAWN_INCOMPLETE', 'NOT_RECOMMENDED', 'NOT_SELECTED', 'STANDARD_NOT_ADVANCED',
  'STANDARD_NOT_COMPLIANT', 'NOT_CERTIFIED', 'CREDIT_REJECTED', 'NOT_PROPOSED', 'REMOVED_AFTER_OBJECTION', 'WITHDRAWN'));

-- 省标准化管理部门: a province-wide role without scope.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (
  'provincial_office', 'member_unit', 'city_office', 'county_office', 'expert', 'standardization_institute',
  'standardization_office', 'alliance_secretariat', 'certification_body', 'enterprise', 'supervision_department', 'public'));
