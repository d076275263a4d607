-- The embedded engine, version 2: instance leases, jobs activated with a deadline, commands that
-- back off and are rejected with a record instead of vanishing.

-- One engine process owns an instance at a time. Lease times are the database's wall clock
-- (now()), not the engine clock: a lease is about whether a process is alive, and the engine
-- clock is virtual in tests.
ALTER TABLE engine_instances
  ADD COLUMN lease_owner       text,
  ADD COLUMN lease_expires_at  timestamptz;
CREATE INDEX engine_instances_lease ON engine_instances (lease_owner) WHERE lease_owner IS NOT NULL;

-- A job is activated by the process that owns its instance: the activation count, who holds the
-- current activation and until when. A timed-out activation makes the job activatable again
-- without using a retry (Zeebe's rule).
ALTER TABLE engine_jobs
  ADD COLUMN attempts  integer NOT NULL DEFAULT 0,
  ADD COLUMN worker    text,
  ADD COLUMN deadline  timestamptz;
ALTER TABLE engine_jobs DROP CONSTRAINT engine_jobs_state_check;
ALTER TABLE engine_jobs ADD CONSTRAINT engine_jobs_state_check
  CHECK (state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'INCIDENT', 'COMPLETED', 'ERROR_THROWN', 'CANCELED'));

-- Commands: a failing command is tried again after a backoff (run_after, engine clock) and
-- becomes an incident after a few tries; a command that no longer applies stays on record as
-- rejected, with the reason.
ALTER TABLE engine_commands
  ADD COLUMN attempts     integer NOT NULL DEFAULT 0,
  ADD COLUMN run_after    timestamptz,
  ADD COLUMN last_error   text,
  ADD COLUMN rejected_at  timestamptz,
  ADD COLUMN rejection    text;
DROP INDEX engine_commands_instance;
CREATE INDEX engine_commands_pending ON engine_commands (instance_key, id) WHERE rejected_at IS NULL;
CREATE INDEX engine_commands_rejected ON engine_commands (instance_key) WHERE rejected_at IS NOT NULL;
