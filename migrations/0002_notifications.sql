-- Notifications: the directory of office contacts that recipients are resolved from, the sent
-- log whose unique key is the last guard against sending one notification twice, and the
-- dead letters: messages that failed for good, kept for the office to see and resend.
-- Times come from the application's clock, never now(), so tests can move it.

-- Who receives mail for an office. A role and its scope (a city or county code, a certification
-- body's id, 320000 for the province) name the office; models and jobs never carry addresses.
CREATE TABLE notification_contacts (
  id          bigserial PRIMARY KEY,
  role        text NOT NULL CHECK (role IN ('provincial_office', 'member_unit', 'city_office', 'county_office',
                'standardization_institute', 'alliance_secretariat', 'certification_body', 'supervision_department', 'enterprise')),
  scope       text NOT NULL CHECK (scope <> ''),
  name        text NOT NULL CHECK (name <> ''),
  email       text NOT NULL CHECK (email LIKE '%_@_%'),
  language    text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
  -- A contact who left is deactivated, not deleted: the sent log still points at the row.
  active      boolean NOT NULL DEFAULT true,
  UNIQUE (role, scope, email)
);
CREATE INDEX notification_contacts_office ON notification_contacts (role, scope) WHERE active;

-- One row per notification delivered (or, without SMTP_URL, only logged). The row is inserted
-- in the same transaction that is open while the mail is handed to SMTP, so a second sender of
-- the same key waits, then finds it and sends nothing.
CREATE TABLE notifications_sent (
  id                bigserial PRIMARY KEY,
  notification_key  text NOT NULL UNIQUE,
  job_id            text NOT NULL,
  kind              text NOT NULL,
  case_number       text NOT NULL,
  contact_id        bigint NOT NULL REFERENCES notification_contacts (id),
  recipient         text NOT NULL,
  language          text NOT NULL,
  subject           text NOT NULL,
  body              text NOT NULL,
  transport         text NOT NULL CHECK (transport IN ('smtp', 'log-only')),
  message_id        text,
  sent_at           timestamptz NOT NULL
);
CREATE INDEX notifications_sent_case ON notifications_sent (case_number);

-- A notification that failed after its last retry, or at once on a permanent refusal (550).
-- Resending queues it again under a job id of its own and records which.
CREATE TABLE notification_dead_letters (
  id                bigserial PRIMARY KEY,
  job_id            text NOT NULL UNIQUE,
  notification_key  text NOT NULL,
  kind              text NOT NULL,
  case_number       text NOT NULL,
  contact_id        bigint NOT NULL REFERENCES notification_contacts (id),
  -- The job's data as queued (references, no addresses), to queue it again as it was.
  payload           jsonb NOT NULL,
  error             text NOT NULL,
  attempts          integer NOT NULL,
  failed_at         timestamptz NOT NULL,
  resent_at         timestamptz,
  resend_job_id     text
);
CREATE INDEX notification_dead_letters_open ON notification_dead_letters (failed_at) WHERE resent_at IS NULL;
