-- The directory an office keeps (docs/directory.md): enterprises registered by themselves and
-- confirmed by their county, with a rename waiting for the county's confirmation; experts with
-- their employer's name and fields of expertise; standardization institutes; certification
-- bodies with their alliance membership; the Provincial Quality Development Committee's member
-- units. `enterprises.name` stays the confirmed name, which public lists show.

ALTER TABLE enterprises
  -- Rows written before the directory existed (or by an office's import) are confirmed.
  ADD COLUMN status        text NOT NULL DEFAULT 'CONFIRMED' CHECK (status IN ('REGISTERED', 'CONFIRMED')),
  ADD COLUMN pending_name  text CHECK (pending_name <> ''),
  ADD COLUMN contact_name  text,
  ADD COLUMN contact_phone text,
  ADD COLUMN registered_at timestamptz,
  ADD COLUMN confirmed_at  timestamptz,
  ADD COLUMN confirmed_by  text;
CREATE INDEX enterprises_awaiting_county ON enterprises (county_code) WHERE status = 'REGISTERED' OR pending_name IS NOT NULL;

ALTER TABLE experts
  ADD COLUMN employer_name text NOT NULL DEFAULT '',
  ADD COLUMN fields        text[] NOT NULL DEFAULT '{}';

ALTER TABLE certification_bodies
  ADD COLUMN alliance_member boolean NOT NULL DEFAULT true;

CREATE TABLE standardization_institutes (
  id         text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9-]{1,40}$'),
  name       text NOT NULL CHECK (name <> ''),
  city_code  text CHECK (city_code ~ '^32[0-9]{4}$'),
  email      text
);

-- 省质委成员单位: the units that may recommend a declaration of their own (channel MEMBER_UNIT).
CREATE TABLE member_units (
  id     text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9-]{1,40}$'),
  name   text NOT NULL UNIQUE CHECK (name <> ''),
  email  text
);
