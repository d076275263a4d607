-- The city office submits its recommendations together (the notice's unified city submission):
-- one batch per submission, with the member units' opinions, and the declarations it decided.
-- Each declaration keeps its own city task in the engine; the batch completes those tasks and
-- records which it completed, so Attachment 4 (the summary table) is generated from these rows.
CREATE TABLE city_recommendation_batches (
  id             bigserial PRIMARY KEY,
  campaign_year  integer NOT NULL REFERENCES campaigns (year),
  city_code      text NOT NULL CHECK (city_code ~ '^32[0-9]{2}00$'),
  submitted_by   text NOT NULL,
  submitted_at   timestamptz NOT NULL,
  note           text
);
CREATE INDEX city_recommendation_batches_city ON city_recommendation_batches (city_code, campaign_year);

-- 成员单位意见: each member unit's opinion on the batch, in the order the city gave them.
CREATE TABLE city_batch_member_opinions (
  batch_id  bigint NOT NULL REFERENCES city_recommendation_batches (id),
  position  integer NOT NULL CHECK (position >= 1),
  unit      text NOT NULL,
  opinion   text NOT NULL,
  PRIMARY KEY (batch_id, position)
);

-- A declaration is decided in one batch at most. `completed_at` is set when its city task was
-- completed: a batch whose engine calls stopped half-way shows which tasks it did complete.
CREATE TABLE city_batch_declarations (
  batch_id            bigint NOT NULL REFERENCES city_recommendation_batches (id),
  position            integer NOT NULL CHECK (position >= 1),
  declaration_number  text NOT NULL UNIQUE REFERENCES declarations (number),
  recommended         boolean NOT NULL,
  reason              text NOT NULL,
  user_task_key       text NOT NULL,
  completed_at        timestamptz,
  PRIMARY KEY (batch_id, position)
);
