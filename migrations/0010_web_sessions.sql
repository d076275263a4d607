-- Sessions of the web workbench (web/): a person signed in through the pages holds an HttpOnly
-- cookie naming one row here. Only the SHA-256 of the cookie's value is stored, so reading this
-- table does not let anyone act as the user. Each session carries its own CSRF token
-- (synchronizer token), which the pages send back on every state-changing request.
-- A session ends at sign-out (ended_at), after IDLE minutes without a request (last_seen_at), or
-- at expires_at; ended rows are kept for the record and swept with the expired ones.

CREATE TABLE web_sessions (
  id_sha256     text PRIMARY KEY CHECK (id_sha256 ~ '^[0-9a-f]{64}$'),
  user_id       bigint NOT NULL REFERENCES users (id),
  csrf_token    text NOT NULL CHECK (length(csrf_token) >= 32),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
