-- The embedded engine's state: deployed models, process instances (bpmn-engine state plus our
-- Zeebe-scoped variables), the command inbox that drives them, jobs, user tasks, message
-- subscriptions and buffered messages, incidents and the element history behind the case view.
-- Times are the engine clock's (virtual in tests), never now(), so every timestamp is passed in.

-- Each nextval reserves a block of 1000 keys for one engine process (see key-allocator.ts).
CREATE SEQUENCE engine_keys AS bigint START WITH 2251799813685000 INCREMENT BY 1000;

CREATE TABLE engine_process_definitions (
  key              bigint PRIMARY KEY,
  process_id       text NOT NULL,
  version          integer NOT NULL CHECK (version > 0),
  resource_name    text NOT NULL,
  checksum         text NOT NULL,
  xml              text NOT NULL,
  deployed_at      timestamptz NOT NULL,
  UNIQUE (process_id, version)
);

CREATE TABLE engine_forms (
  key              bigint PRIMARY KEY,
  form_id          text NOT NULL,
  version          integer NOT NULL CHECK (version > 0),
  resource_name    text NOT NULL,
  checksum         text NOT NULL,
  schema           jsonb NOT NULL,
  deployed_at      timestamptz NOT NULL,
  UNIQUE (form_id, version)
);

CREATE TABLE engine_instances (
  key                     bigint PRIMARY KEY,
  process_definition_key  bigint NOT NULL REFERENCES engine_process_definitions (key),
  process_id              text NOT NULL,
  version                 integer NOT NULL,
  business_key            text,
  state                   text NOT NULL CHECK (state IN ('ACTIVE', 'COMPLETED', 'TERMINATED')),
  -- bpmn-engine's getState() without the serialised model; null until the first run.
  engine_state            jsonb,
  -- Zeebe variable scopes: { scopeKey: { parent, variables } }.
  scopes                  jsonb NOT NULL DEFAULT '{}',
  -- Earliest due timer or job retry; the scheduler wakes the instance then.
  next_wake_at            timestamptz,
  lock_version            integer NOT NULL DEFAULT 0,
  parent_instance_key     bigint REFERENCES engine_instances (key),
  parent_element_instance text,
  started_at              timestamptz NOT NULL,
  ended_at                timestamptz
);
CREATE INDEX engine_instances_wake ON engine_instances (next_wake_at) WHERE state = 'ACTIVE' AND next_wake_at IS NOT NULL;
CREATE INDEX engine_instances_business_key ON engine_instances (business_key);
CREATE INDEX engine_instances_parent ON engine_instances (parent_instance_key);

-- Work for one instance, processed in id order, each atomically with the state it produces.
CREATE TABLE engine_commands (
  id            bigserial PRIMARY KEY,
  instance_key  bigint NOT NULL REFERENCES engine_instances (key),
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL
);
CREATE INDEX engine_commands_instance ON engine_commands (instance_key, id);

CREATE TABLE engine_jobs (
  key                   bigint PRIMARY KEY,
  instance_key          bigint NOT NULL REFERENCES engine_instances (key),
  element_id            text NOT NULL,
  element_instance_key  text NOT NULL,
  type                  text NOT NULL,
  retries               integer NOT NULL,
  state                 text NOT NULL CHECK (state IN ('ACTIVATABLE', 'FAILED', 'INCIDENT', 'COMPLETED', 'ERROR_THROWN', 'CANCELED')),
  retry_at              timestamptz,
  error_message         text,
  custom_headers        jsonb NOT NULL DEFAULT '{}',
  created_at            timestamptz NOT NULL,
  ended_at              timestamptz,
  UNIQUE (instance_key, element_instance_key)
);
CREATE INDEX engine_jobs_open ON engine_jobs (type) WHERE state IN ('ACTIVATABLE', 'FAILED');

CREATE TABLE engine_user_tasks (
  key                   bigint PRIMARY KEY,
  instance_key          bigint NOT NULL REFERENCES engine_instances (key),
  process_id            text NOT NULL,
  business_key          text,
  element_id            text NOT NULL,
  element_instance_key  text NOT NULL,
  name                  text,
  assignee              text,
  candidate_groups      text[] NOT NULL DEFAULT '{}',
  candidate_users       text[] NOT NULL DEFAULT '{}',
  due_date              timestamptz,
  follow_up_date        timestamptz,
  form_key              text,
  priority              integer NOT NULL DEFAULT 50,
  state                 text NOT NULL CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
  created_at            timestamptz NOT NULL,
  completed_at          timestamptz,
  UNIQUE (instance_key, element_instance_key)
);
CREATE INDEX engine_user_tasks_open ON engine_user_tasks (state, assignee);
CREATE INDEX engine_user_tasks_groups ON engine_user_tasks USING gin (candidate_groups);

CREATE TABLE engine_message_subscriptions (
  instance_key          bigint NOT NULL REFERENCES engine_instances (key),
  element_instance_key  text NOT NULL,
  element_id            text NOT NULL,
  message_ref           text NOT NULL,
  message_name          text NOT NULL,
  correlation_key       text NOT NULL,
  process_id            text NOT NULL,
  -- Opening order: a message goes to the oldest subscription of each process.
  seq                   bigserial NOT NULL,
  PRIMARY KEY (instance_key, element_instance_key, message_name)
);
CREATE INDEX engine_message_subscriptions_lookup ON engine_message_subscriptions (message_name, correlation_key);

CREATE TABLE engine_messages (
  key              bigint PRIMARY KEY,
  name             text NOT NULL,
  correlation_key  text NOT NULL,
  message_id       text,
  variables        jsonb NOT NULL DEFAULT '{}',
  published_at     timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL
);
CREATE INDEX engine_messages_lookup ON engine_messages (name, correlation_key, expires_at);
-- Zeebe refuses a message whose name, correlation key and id match one still buffered.
CREATE UNIQUE INDEX engine_messages_id ON engine_messages (name, correlation_key, message_id) WHERE message_id IS NOT NULL;

-- A buffered message correlates at most once per process (Zeebe's rule).
CREATE TABLE engine_message_correlations (
  message_key   bigint NOT NULL,
  process_id    text NOT NULL,
  instance_key  bigint NOT NULL,
  PRIMARY KEY (message_key, process_id)
);

CREATE TABLE engine_incidents (
  key                   bigint PRIMARY KEY,
  instance_key          bigint NOT NULL REFERENCES engine_instances (key),
  element_id            text,
  element_instance_key  text,
  job_key               bigint,
  error_type            text NOT NULL,
  error_message         text NOT NULL,
  state                 text NOT NULL CHECK (state IN ('ACTIVE', 'RESOLVED')),
  -- The command that failed, replayed on resolution (null for job incidents: the job is retried).
  failed_command        jsonb,
  created_at            timestamptz NOT NULL,
  resolved_at           timestamptz
);
CREATE INDEX engine_incidents_instance ON engine_incidents (instance_key, state);

CREATE TABLE engine_element_history (
  instance_key          bigint NOT NULL REFERENCES engine_instances (key),
  element_instance_key  text NOT NULL,
  element_id            text NOT NULL,
  element_type          text NOT NULL,
  -- The element instance it runs inside (a sub-process, a multi-instance body) or 'root'.
  scope_key             text NOT NULL DEFAULT 'root',
  state                 text NOT NULL CHECK (state IN ('ACTIVE', 'COMPLETED', 'TERMINATED')),
  started_at            timestamptz NOT NULL,
  ended_at              timestamptz,
  seq                   bigserial NOT NULL,
  PRIMARY KEY (instance_key, element_instance_key)
);
