-- Each objection is taken up by its own handling (the `objectionCase` sub-process of
-- declaration.bpmn). The job that took it up is kept, so a retried job takes up the same
-- objection again instead of a second one, and no objection is taken up twice.
ALTER TABLE objections
  ADD COLUMN taken_up_by text UNIQUE,
  ADD COLUMN taken_up_at timestamptz;
