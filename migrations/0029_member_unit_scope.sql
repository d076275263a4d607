-- 成员单位用户按单位划分 / A member unit's users act for their own unit.
-- A member_unit user's scope is the id of his unit in the directory (member_units.id): he takes
-- that unit's opinion task in the comprehensive review (group member-unit-<id>) and no other's,
-- and the unit's supplementary drafts are his. Until now member-unit users had no scope.
--
-- Those users are kept, with no unit: they cannot sign in until the provincial office names their
-- unit (jingpin users add --replace … --scope <id>; sign-in answers 403 saying so, docs/api.md).
-- The tokens and web sessions they hold end here, so none of them acts on without a unit.
UPDATE users SET token_generation = token_generation + 1 WHERE role = 'member_unit' AND scope IS NULL;
UPDATE web_sessions SET ended_at = now()
 WHERE ended_at IS NULL AND user_id IN (SELECT id FROM users WHERE role = 'member_unit' AND scope IS NULL);

-- Every new or changed user row follows the rule: NOT VALID only spares the unit-less users above.
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_scope_check
  CHECK ((role IN ('city_office', 'county_office', 'expert', 'certification_body', 'enterprise', 'member_unit')) = (scope IS NOT NULL)) NOT VALID;
-- The same rule as member_units.id.
ALTER TABLE users ADD CONSTRAINT users_member_unit_scope_check CHECK (role <> 'member_unit' OR scope ~ '^[A-Za-z0-9-]{1,40}$');
