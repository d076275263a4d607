-- The HTTP API's own rows: the people who sign in (a role and, for scoped roles, the one city,
-- county, expert, certification body or enterprise they act for), the answers kept for
-- Idempotency-Key repeats, and declarations still in draft (a declaration gets its number and its
-- case only when the enterprise submits it).

CREATE TABLE users (
  id             bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role           text NOT NULL CHECK (role IN ('provincial_office', 'member_unit', 'city_office', 'county_office', 'expert',
                                                'standardization_institute', 'alliance_secretariat', 'certification_body',
                                                'enterprise', 'supervision_department', 'public')),
  -- city code, county code, expert id, certification body id or enterprise id; NULL for roles that act for the province.
  scope          text,
  password_hash  text NOT NULL,                      -- argon2id, PHC string
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL,
  CHECK ((role IN ('city_office', 'county_office', 'expert', 'certification_body', 'enterprise')) = (scope IS NOT NULL)),
  CHECK (role <> 'city_office' OR scope ~ '^32[0-9]{2}00$'),
  CHECK (role <> 'county_office' OR scope ~ '^32[0-9]{4}$')
);

-- One row per (caller, key): the first answer to a POST, replayed for a repeat. `request_hash`
-- tells a repeat from a different request that reuses the key (answered 422).
CREATE TABLE idempotency_keys (
  caller         text NOT NULL,                      -- user:<id>, or address:<ip> for anonymous callers
  key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  method         text NOT NULL,
  path           text NOT NULL,
  request_hash   text NOT NULL,
  status_code    integer,                            -- NULL while the first request is still running
  content_type   text,
  response_body  text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- What an enterprise (or a member unit, for a supplementary recommendation) prepares before it
-- submits; `declaration_number` is set on submission, after which the draft no longer changes.
CREATE TABLE declaration_drafts (
  id                  bigserial PRIMARY KEY,
  campaign_year       integer NOT NULL REFERENCES campaigns (year),
  enterprise_id       text NOT NULL REFERENCES enterprises (id),
  product_name        text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
  category            text NOT NULL CHECK (category IN ('AGRICULTURE', 'MANUFACTURING', 'SERVICE')),
  channel             text NOT NULL CHECK (channel IN ('COUNTY', 'MEMBER_UNIT')),
  member_unit         text,
  facts               jsonb NOT NULL,
  status              text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED')),
  declaration_number  text UNIQUE REFERENCES declarations (number),
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CHECK ((status = 'SUBMITTED') = (declaration_number IS NOT NULL)),
  CHECK ((channel = 'MEMBER_UNIT') = (member_unit IS NOT NULL))
);
CREATE INDEX declaration_drafts_enterprise ON declaration_drafts (enterprise_id);
