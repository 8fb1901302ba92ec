-- matchday schema, version 10: the history of the European Cup and the League Cup.
--
-- 1. Three more knockout rounds, played before the competition proper:
--    'preliminary' ("Preliminary round"), 'qualifying' with its number
--    ("First qualifying round" is 1) and 'qualifying_playoff' (the Champions
--    League's play-off round for the group stage). Labels that named them were
--    stored with no typed stage; the store's step for 0009 (see migrate.rs)
--    types them from their labels straight after this file, in the same
--    transaction, with the parser imports use.
-- 2. `settlement`: what settled a match level after play when its kicks are
--    not known: a shoot-out won by one side with its kicks not recorded
--    ('penalties_home', 'penalties_away'), the drawing of lots ('lot_home',
--    'lot_away'; the European Cup of the 1950s and 60s), or a winner known
--    without how, in extra time or on penalties ('unrecorded_home',
--    'unrecorded_away'; engsoccerdata's League Cup records neither). A shoot-out
--    with its kicks stays in pen_home/pen_away, so a row holds one or the other,
--    never both.
--
-- SQLite cannot alter a CHECK constraint; the round_kind and round_number
-- constraints are rewritten in place, as migrations 0004 and 0008 did, which
-- changes no stored row (every stored round_kind is in the new list), and the
-- runner bumps the schema version afterwards so the change is read.
ALTER TABLE match ADD COLUMN settlement TEXT
    CHECK (settlement IS NULL
           OR ((settlement = 'penalties_home' OR settlement = 'penalties_away'
                OR settlement = 'lot_home' OR settlement = 'lot_away'
                OR settlement = 'unrecorded_home' OR settlement = 'unrecorded_away')
               AND pen_home IS NULL AND pen_away IS NULL
               AND (status = 'played' OR status = 'awarded')));
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(replace(sql,
       '(round_kind = ''numbered'' OR round_kind = ''playoff'' OR round_kind = ''round_of''',
       '(round_kind = ''preliminary'' OR round_kind = ''qualifying'' OR round_kind = ''qualifying_playoff''
                OR round_kind = ''numbered'' OR round_kind = ''playoff'' OR round_kind = ''round_of'''),
       'CASE WHEN round_kind = ''numbered'' OR round_kind = ''round_of'' THEN',
       'CASE WHEN round_kind = ''numbered'' OR round_kind = ''round_of'' OR round_kind = ''qualifying'' THEN')
 WHERE type = 'table' AND name = 'match';
PRAGMA writable_schema = OFF;
-- Fail, rather than go on with the old constraints, if any text was not found (a later
-- table rebuild that spells a constraint differently must update this).
CREATE TEMP TABLE migration_0010_done (rewritten INTEGER NOT NULL CHECK (rewritten = 1));
INSERT INTO migration_0010_done
    SELECT count(*) FROM sqlite_schema
     WHERE type = 'table' AND name = 'match'
       AND sql LIKE '%round_kind = ''qualifying_playoff''%'
       AND sql LIKE '%OR round_kind = ''round_of'' OR round_kind = ''qualifying'' THEN%';
DROP TABLE migration_0010_done;
