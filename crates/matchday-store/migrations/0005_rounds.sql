-- matchday schema: a match's stage and knockout round as typed columns,
-- so the round is read as it was stored instead of re-parsed from its label
-- (the label stays, for display and for the match's identity).
--
-- stage:        'group' or 'knockout'; NULL for a league's matchdays (its
--               play-off rounds are typed) and for a cup label that names no
--               stage (reading such a match reports it).
-- round_kind:   the knockout round; NULL outside the knockout stage.
-- round_number: n of 'Round n' ('numbered') or of 'Round of n' ('round_of').
--
-- The existing rows are filled from their labels straight after this file, in
-- the same transaction, by the store's migration step for 0005 (see
-- migrate.rs): the label grammar is core's `Round` parser, the one imports
-- use, so a re-import finds the columns it would write and changes nothing.

ALTER TABLE match ADD COLUMN stage TEXT
    CHECK (stage IN ('group', 'knockout'));
ALTER TABLE match ADD COLUMN round_kind TEXT
    CHECK (round_kind IS NULL
           OR (round_kind IN ('numbered', 'playoff', 'round_of', 'quarter_final', 'semi_final', 'third_place', 'final')
               AND stage = 'knockout'));
ALTER TABLE match ADD COLUMN round_number INTEGER
    CHECK (CASE WHEN round_kind IN ('numbered', 'round_of') THEN round_number IS NOT NULL AND round_number >= 1 ELSE round_number IS NULL END);
