-- The instance's bpmn-engine state and its variable scopes are written on every run and only ever
-- read whole: nothing queries inside them. `json` keeps the text as sent (PostgreSQL checks its
-- syntax), where `jsonb` decomposed it on every save, and lz4 compresses the large states several
-- times faster than the default pglz.
ALTER TABLE engine_instances
  ALTER COLUMN engine_state TYPE json USING engine_state::json,
  ALTER COLUMN scopes DROP DEFAULT,
  ALTER COLUMN scopes TYPE json USING scopes::json,
  ALTER COLUMN scopes SET DEFAULT '{}'::json;

ALTER TABLE engine_instances ALTER COLUMN engine_state SET COMPRESSION lz4, ALTER COLUMN scopes SET COMPRESSION lz4;
