-- The campaign rule sets the provincial office loads (`jingpin rules load`, POST /rule-sets):
-- one row per year and version, the document as checked against docs/rule-set.schema.json.
-- A correction is a new version, never an edit: once a campaign has used a version, its row
-- cannot change or go, so every verdict can be traced to the figures it was judged by.
CREATE TABLE rule_sets (
  year        integer NOT NULL CHECK (year BETWEEN 2018 AND 2100),
  version     integer NOT NULL CHECK (version >= 1),
  content     json NOT NULL,   -- json, not jsonb: kept as the office wrote it, key order and all
  loaded_by   text NOT NULL CHECK (btrim(loaded_by) <> ''),
  loaded_at   timestamptz NOT NULL,
  -- Set when a campaign of the year first runs under this version (opened with it, or loaded
  -- while the campaign runs); from then on the row is frozen.
  used_since  timestamptz,
  PRIMARY KEY (year, version),
  CHECK ((content ->> 'campaignYear')::integer = year AND (content ->> 'version')::integer = version)
);

-- The version the campaign was opened with (null for campaigns opened before rule sets were data).
ALTER TABLE campaigns ADD COLUMN rule_set_version integer;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_rule_set FOREIGN KEY (year, rule_set_version) REFERENCES rule_sets (year, version);

-- The application refuses these changes with a message of its own; this keeps anyone with SQL
-- from changing a used version underneath the verdicts.
CREATE FUNCTION rule_sets_frozen_once_used() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.used_since IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.content::text IS DISTINCT FROM OLD.content::text OR NEW.year <> OLD.year OR NEW.version <> OLD.version) THEN
    RAISE EXCEPTION '% 年度规则集第 % 版已被申报年度使用，不能修改；请导入新版本 / version % of the % rule set is used by a campaign and cannot be changed: load a new version',
      OLD.year, OLD.version, OLD.version, OLD.year USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER rule_sets_frozen_once_used BEFORE UPDATE OR DELETE ON rule_sets
  FOR EACH ROW EXECUTE FUNCTION rule_sets_frozen_once_used();
