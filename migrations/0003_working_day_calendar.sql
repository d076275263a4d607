-- Holiday arrangements the office loaded from State Council notices (`jingpin calendar load`),
-- for years the bundled chinese-days data does not cover, or to correct one it does. One row per
-- year; the working-day calendar reads them all. The dates were checked before loading (every
-- date inside the year, none both off and working, make-up days on weekends); the constraints
-- here keep what SQL can check cheaply.
CREATE TABLE working_day_calendar_years (
  year             integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  -- Days off: the statutory holidays and the weekend days moved next to them.
  holidays         date[] NOT NULL CHECK (cardinality(holidays) > 0),
  -- Weekend days that are working days (调休上班).
  makeup_workdays  date[] NOT NULL DEFAULT '{}',
  -- Holiday names by ISO date, as the file gave them: {"2027-01-01": "元旦"}.
  day_names        jsonb NOT NULL DEFAULT '{}',
  -- The notice the days come from, e.g. 国办发明电〔2025〕7号.
  notice           text NOT NULL CHECK (btrim(notice) <> ''),
  loaded_at        timestamptz NOT NULL,
  loaded_by        text NOT NULL CHECK (btrim(loaded_by) <> ''),
  CHECK (NOT (holidays && makeup_workdays))
);
