-- Carry-over as the notice has it: last year's key-cultivation enterprises that were not announced
-- are offered a draft with last year's materials; each states its intention by updating and
-- submitting it (the county and city then review it like any declaration) or by declining it.
ALTER TABLE declaration_drafts DROP CONSTRAINT declaration_drafts_channel_check;
ALTER TABLE declaration_drafts ADD CONSTRAINT declaration_drafts_channel_check CHECK (channel IN ('COUNTY', 'MEMBER_UNIT', 'CARRY_OVER'));
ALTER TABLE declaration_drafts DROP CONSTRAINT declaration_drafts_status_check;
ALTER TABLE declaration_drafts ADD CONSTRAINT declaration_drafts_status_check CHECK (status IN ('DRAFT', 'SUBMITTED', 'DECLINED'));

-- Last year's declaration a carry-over draft continues; one offer per declaration and year.
ALTER TABLE declaration_drafts ADD COLUMN carried_from text REFERENCES declarations (number);
ALTER TABLE declaration_drafts ADD CONSTRAINT declaration_drafts_carried_from_check CHECK ((channel = 'CARRY_OVER') = (carried_from IS NOT NULL));
CREATE UNIQUE INDEX declaration_drafts_carried_once ON declaration_drafts (campaign_year, carried_from) WHERE carried_from IS NOT NULL;

-- Why the enterprise declined (it does not intend to seek certification this year).
ALTER TABLE declaration_drafts ADD COLUMN declined_reason text CHECK (length(declined_reason) BETWEEN 1 AND 500);
ALTER TABLE declaration_drafts ADD CONSTRAINT declaration_drafts_declined_check CHECK ((status = 'DECLINED') = (declined_reason IS NOT NULL));
