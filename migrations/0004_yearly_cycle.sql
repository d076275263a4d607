-- The yearly 江苏精品 cycle's own rows: campaigns, enterprises and their declarations, every
-- decision taken on a declaration (recommendations, expert panels and scores, the key-cultivation
-- list, standard evaluations, certification, the CNCA report, credit consultation, publicity
-- objections), certificates, and the audit trail. The engine's tables (0001) hold only where each
-- case's process is; these hold what was decided, by whom and why.

CREATE TABLE campaigns (
  year                 integer PRIMARY KEY CHECK (year BETWEEN 2018 AND 2100),
  notice_number        text NOT NULL,                 -- e.g. 苏质委办〔2026〕1号
  status               text NOT NULL CHECK (status IN ('OPEN', 'EXPERT_REVIEW', 'CERTIFICATION', 'PUBLICITY', 'ANNOUNCED')),
  -- Deadlines computed on the working-day calendar: { citySubmissionDeadline, ... } as ISO date-times.
  timetable            jsonb NOT NULL DEFAULT '{}',
  opened_at            timestamptz NOT NULL,
  announced_at         timestamptz,
  announcement_number  text                           -- 公告 Y年第N号
);

CREATE TABLE enterprises (
  id            text PRIMARY KEY CHECK (id ~ '^[0-9A-Z]{18}$'),  -- unified social credit code
  name          text NOT NULL,
  city_code     text NOT NULL CHECK (city_code ~ '^32[0-9]{2}00$'),
  county_code   text NOT NULL CHECK (county_code ~ '^32[0-9]{4}$'),
  email         text,
  language      text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en'))
);

CREATE TABLE declarations (
  number                text PRIMARY KEY,             -- JP-2026-320100-0001
  campaign_year         integer NOT NULL REFERENCES campaigns (year),
  enterprise_id         text NOT NULL REFERENCES enterprises (id),
  product_name          text NOT NULL,
  category              text NOT NULL CHECK (category IN ('AGRICULTURE', 'MANUFACTURING', 'SERVICE')),
  -- How it entered: through the county and city, a member unit's supplementary recommendation,
  -- or carried over from last year's key-cultivation list.
  channel               text NOT NULL CHECK (channel IN ('COUNTY', 'MEMBER_UNIT', 'CARRY_OVER')),
  member_unit           text,
  facts                 jsonb NOT NULL,               -- the eligibility input (docs/eligibility-input.schema.json)
  eligibility           jsonb,                        -- the verdict with one reason per rule
  stage                 text NOT NULL,
  outcome               text CHECK (outcome IN ('ANNOUNCED', 'INELIGIBLE', 'WITHDRAWN_INCOMPLETE', 'NOT_RECOMMENDED', 'NOT_SELECTED',
                                                 'STANDARD_NOT_ADVANCED', 'NOT_CERTIFIED', 'CREDIT_REJECTED', 'REMOVED_AFTER_OBJECTION', 'WITHDRAWN')),
  process_instance_key  text,
  submitted_at          timestamptz NOT NULL,
  closed_at             timestamptz,
  UNIQUE (campaign_year, enterprise_id, product_name),
  CHECK ((channel = 'MEMBER_UNIT') = (member_unit IS NOT NULL)),
  CHECK ((outcome IS NULL) = (closed_at IS NULL))
);
CREATE INDEX declarations_campaign ON declarations (campaign_year, stage);
CREATE INDEX declarations_enterprise ON declarations (enterprise_id);

CREATE TABLE recommendations (
  declaration_number  text NOT NULL REFERENCES declarations (number),
  level               text NOT NULL CHECK (level IN ('COUNTY', 'CITY', 'MEMBER_UNIT')),
  recommended         boolean NOT NULL,
  reason              text NOT NULL,
  decided_by          text NOT NULL,
  decided_at          timestamptz NOT NULL,
  PRIMARY KEY (declaration_number, level)
);

CREATE TABLE experts (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  city_code   text NOT NULL CHECK (city_code ~ '^[0-9]{6}$'),
  -- The employer's identifier, in the enterprises' scheme, so "own employer" conflicts are found.
  employer_id text NOT NULL,
  categories  text[] NOT NULL CHECK (cardinality(categories) > 0),
  email       text,
  active      boolean NOT NULL DEFAULT true
);

-- Ties an expert declares (回避): consults for, certifies, or is related to the enterprise.
CREATE TABLE expert_ties (
  expert_id      text NOT NULL REFERENCES experts (id),
  enterprise_id  text NOT NULL REFERENCES enterprises (id),
  kind           text NOT NULL CHECK (kind IN ('CONSULTS', 'CERTIFIES', 'RELATED')),
  PRIMARY KEY (expert_id, enterprise_id, kind)
);

CREATE TABLE panel_assignments (
  declaration_number  text NOT NULL REFERENCES declarations (number),
  expert_id           text NOT NULL REFERENCES experts (id),
  role                text NOT NULL CHECK (role IN ('MEMBER', 'SUBSTITUTE')),
  PRIMARY KEY (declaration_number, expert_id)
);

-- Why an expert was kept off a declaration's panel, for the record.
CREATE TABLE panel_exclusions (
  declaration_number  text NOT NULL REFERENCES declarations (number),
  expert_id           text NOT NULL REFERENCES experts (id),
  reasons             jsonb NOT NULL,
  PRIMARY KEY (declaration_number, expert_id)
);

CREATE TABLE expert_scores (
  declaration_number  text NOT NULL REFERENCES declarations (number),
  expert_id           text NOT NULL REFERENCES experts (id),
  scores              jsonb NOT NULL,
  total               numeric(6, 2) NOT NULL,
  scored_at           timestamptz NOT NULL,
  PRIMARY KEY (declaration_number, expert_id)
);

-- 重点培育企业名单: the ranking and who is on the list.
CREATE TABLE key_cultivation (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  campaign_year       integer NOT NULL REFERENCES campaigns (year),
  rank                integer NOT NULL,
  score               numeric(6, 2) NOT NULL,
  selected            boolean NOT NULL,
  reason              text NOT NULL
);

CREATE TABLE standard_evaluations (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  verdict             text NOT NULL CHECK (verdict IN ('ADVANCED', 'COMPARABLE', 'NOT_ADVANCED')),
  indicators          jsonb NOT NULL,                 -- the key performance comparison table, with results
  flags               text[] NOT NULL DEFAULT '{}',   -- FIRST (首创), ONLY (唯一)
  evaluated_by        text NOT NULL,
  evaluated_at        timestamptz NOT NULL
);

CREATE TABLE certification_bodies (
  id                 text PRIMARY KEY,
  name               text NOT NULL,
  email              text,
  status             text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
  suspended_at       timestamptz,
  suspension_reason  text
);

CREATE TABLE certifications (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  body_id             text NOT NULL REFERENCES certification_bodies (id),
  chosen_by           text NOT NULL CHECK (chosen_by IN ('ENTERPRISE', 'SECRETARIAT')),
  status              text NOT NULL CHECK (status IN ('IN_PROGRESS', 'CERTIFIED', 'NOT_CERTIFIED')),
  ended_at            timestamptz,
  cnca_due_at         timestamptz,
  cnca_reported_at    timestamptz,
  cnca_escalated_at   timestamptz,
  feedback_at         timestamptz
);
CREATE INDEX certifications_body ON certifications (body_id, status);

-- A suspended body's open certifications go to another body.
CREATE TABLE certification_handovers (
  id                  bigserial PRIMARY KEY,
  declaration_number  text NOT NULL REFERENCES declarations (number),
  from_body_id        text NOT NULL REFERENCES certification_bodies (id),
  to_body_id          text NOT NULL REFERENCES certification_bodies (id),
  reason              text NOT NULL,
  at                  timestamptz NOT NULL
);

-- What the credit registry says (the default credit adapter reads this table).
CREATE TABLE credit_records (
  id             bigserial PRIMARY KEY,
  enterprise_id  text NOT NULL REFERENCES enterprises (id),
  source         text NOT NULL,                        -- 信用中国, 国家企业信用信息公示系统, ...
  result         text NOT NULL CHECK (result IN ('CLEAN', 'HIT', 'NEEDS_EXPLANATION')),
  detail         text NOT NULL DEFAULT '',
  recorded_at    timestamptz NOT NULL
);
CREATE INDEX credit_records_enterprise ON credit_records (enterprise_id, recorded_at);

CREATE TABLE credit_checks (
  declaration_number  text PRIMARY KEY REFERENCES declarations (number),
  result              text NOT NULL CHECK (result IN ('CLEAN', 'HIT', 'NEEDS_EXPLANATION')),
  findings            jsonb NOT NULL,
  checked_at          timestamptz NOT NULL,
  decision            text CHECK (decision IN ('CLEARED', 'REJECTED')),
  decided_by          text,
  decision_reason     text,
  decided_at          timestamptz
);

CREATE TABLE objections (
  id                  bigserial PRIMARY KEY,
  declaration_number  text NOT NULL REFERENCES declarations (number),
  filed_at            timestamptz NOT NULL,
  objector_kind       text NOT NULL CHECK (objector_kind IN ('UNIT', 'PERSON')),
  objector_name       text NOT NULL,
  contact             text NOT NULL,
  text                text NOT NULL,
  decision            text CHECK (decision IN ('UPHELD', 'DISMISSED')),
  decision_reason     text,
  decided_by          text,
  decided_at          timestamptz
);
CREATE INDEX objections_declaration ON objections (declaration_number);

CREATE TABLE certificates (
  number              text PRIMARY KEY,
  declaration_number  text NOT NULL UNIQUE REFERENCES declarations (number),
  issued_at           timestamptz NOT NULL,
  expires_at          timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('VALID', 'EXPIRED', 'RENEWED', 'WITHDRAWN'))
);

-- The alliance secretariat's yearly certification work report, due before 31 December.
CREATE TABLE alliance_reports (
  campaign_year  integer PRIMARY KEY REFERENCES campaigns (year),
  due_at         timestamptz NOT NULL,
  submitted_at   timestamptz,
  submitted_by   text,
  summary        text
);

-- Every decision: who, in which role, when, what, on what, and why. Append only.
CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  role          text NOT NULL,
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text NOT NULL,
  reason        text,
  detail        jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, at);
