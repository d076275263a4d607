-- Start once per business key (docs/embedded-engine.md, "Start once per business key").
--
-- case_starts: jingpin's own record that a case must exist, written in the same transaction as
-- the rows that call for it (a declaration, a campaign request, a certificate). A relay starts
-- the instance after that transaction commits and writes its key here; a start left pending by a
-- crash is started again by the relay's sweep. It works the same on both engines, as no
-- transaction can span PostgreSQL and Zeebe.
--
-- engine_business_keys: the embedded engine's own guard, so that even a start that bypasses
-- case_starts cannot give one (process, business key) two root instances.
--
-- Both hold a business key for the life of the case and after it: a withdrawn declaration's
-- number, a year's campaign and a certificate's number each name one case for good.

CREATE TABLE case_starts (
  process_id            text NOT NULL,
  business_key          text NOT NULL,
  -- The start variables; null for a case started before this table existed (filled below).
  variables             jsonb,
  requested_at          timestamptz NOT NULL,
  process_instance_key  text,
  started_at            timestamptz,
  -- A relay starting the case holds it until then (database time), so no two relays call the
  -- engine at once for one case.
  claimed_until         timestamptz,
  -- Engine calls made whose answer was never recorded (the process died, the call timed out):
  -- the engine may hold an instance we do not know of, so the next relay looks for it first.
  unanswered_attempts   integer NOT NULL DEFAULT 0 CHECK (unanswered_attempts >= 0),
  last_error            text,
  PRIMARY KEY (process_id, business_key),
  CHECK ((process_instance_key IS NULL) = (started_at IS NULL))
);
CREATE INDEX case_starts_pending ON case_starts (requested_at) WHERE process_instance_key IS NULL;

CREATE TABLE engine_business_keys (
  process_id    text NOT NULL,
  business_key  text NOT NULL,
  -- Deferred: the key is taken first, so a second start never inserts an instance at all.
  instance_key  bigint NOT NULL REFERENCES engine_instances (key) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (process_id, business_key)
);

-- Root instances started before this migration: the oldest holds its key (a database that saw
-- the old race may hold more than one; the others stay as they are, for an operator to cancel).
-- Child instances of call activities carry their parent's business key and hold nothing.
INSERT INTO engine_business_keys (process_id, business_key, instance_key)
SELECT DISTINCT ON (process_id, business_key) process_id, business_key, key
  FROM engine_instances
 WHERE parent_instance_key IS NULL AND business_key IS NOT NULL
 ORDER BY process_id, business_key, started_at, key;

INSERT INTO case_starts (process_id, business_key, variables, requested_at, process_instance_key, started_at)
SELECT k.process_id, k.business_key, NULL, i.started_at, i.key::text, i.started_at
  FROM engine_business_keys k JOIN engine_instances i ON i.key = k.instance_key;

-- Declarations whose case was started before (on either engine) keep that case.
INSERT INTO case_starts (process_id, business_key, variables, requested_at, process_instance_key, started_at)
SELECT 'declaration', number, NULL, submitted_at, process_instance_key, submitted_at
  FROM declarations WHERE process_instance_key IS NOT NULL
ON CONFLICT DO NOTHING;
