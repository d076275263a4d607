-- Secrets jingpin makes for itself. `token-signing` signs access tokens when JWT_SECRET is not
-- set: generated at the first start and kept, so no installation signs with a value anyone knows.
CREATE TABLE app_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL CHECK (length(value) >= 32),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Bumped when a user's password changes or he signs out: tokens carry the generation they were
-- signed at, and an older one is refused.
ALTER TABLE users ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

-- Failed sign-ins per account (`user:<name>`) and per address (`address:<ip>`), shared by every
-- process: after a few failures each further one locks the subject out for a growing time.
CREATE TABLE sign_in_failures (
  subject          text PRIMARY KEY,
  failures         integer NOT NULL CHECK (failures > 0),
  last_failed_at   timestamptz NOT NULL,
  locked_until     timestamptz
);
