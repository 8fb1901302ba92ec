-- matchday schema, version 8: imports at the scale of all of football history. All of
-- English league history is 208,000 matches; two things were most of its import's time.
--
-- 1. A bulk write (an import) logs the rows it added to a table as one run of rowids,
-- rather than a JSON copy of each, which were three quarters of the database. A run is
-- a change_row with `last_row_id` set and neither `before` nor `after`: the change added
-- every row of `tbl` from `row_id` to `last_row_id`, each of them there when it was
-- made. As the change left a row, it is the `before` of the first later change_row of
-- that row, or else the row as it is now. Undoing the change deletes the run's rows, and
-- the undo logs each of them as ever, so a redo puts them back.
--
-- 2. The match table's CHECK constraints test a column against a list with IN, which
-- SQLite looks up in a table it builds for every statement: for a row inserted, a third
-- of its time. They are rewritten as the same tests with = and OR, which hold for
-- exactly the same values (NULL included).
--
-- Neither changes a stored row. SQLite cannot alter a CHECK constraint; the text is
-- rewritten in place, as migration 0004 did, and the runner bumps the schema version
-- afterwards so the change is read.
ALTER TABLE change_row ADD COLUMN last_row_id INTEGER
    CHECK (last_row_id IS NULL OR (before IS NULL AND after IS NULL AND last_row_id >= row_id));
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'CHECK (before IS NOT NULL OR after IS NOT NULL)',
       'CHECK (before IS NOT NULL OR after IS NOT NULL OR last_row_id IS NOT NULL)')
 WHERE type = 'table' AND name = 'change_row';
UPDATE sqlite_schema
   SET sql = replace(replace(replace(replace(replace(replace(replace(sql,
       'CHECK (venue IN (''home'', ''neutral''))',
       'CHECK (venue = ''home'' OR venue = ''neutral'')'),
       'CHECK (replay IN (0, 1))',
       'CHECK (replay = 0 OR replay = 1)'),
       'CHECK (status IN (''scheduled'', ''played'', ''postponed'', ''abandoned'', ''cancelled'', ''awarded''))',
       'CHECK (status = ''scheduled'' OR status = ''played'' OR status = ''postponed'' OR status = ''abandoned''
               OR status = ''cancelled'' OR status = ''awarded'')'),
       'CHECK ((status IN (''played'', ''awarded'')) = (',
       'CHECK ((status = ''played'' OR status = ''awarded'') = ('),
       'CHECK (stage IN (''group'', ''knockout''))',
       'CHECK (stage = ''group'' OR stage = ''knockout'')'),
       'round_kind IN (''numbered'', ''playoff'', ''round_of'', ''quarter_final'', ''semi_final'', ''third_place'', ''final'')',
       '(round_kind = ''numbered'' OR round_kind = ''playoff'' OR round_kind = ''round_of''
                OR round_kind = ''quarter_final'' OR round_kind = ''semi_final'' OR round_kind = ''third_place''
                OR round_kind = ''final'')'),
       'CASE WHEN round_kind IN (''numbered'', ''round_of'') THEN',
       'CASE WHEN round_kind = ''numbered'' OR round_kind = ''round_of'' THEN')
 WHERE type = 'table' AND name = 'match';
PRAGMA writable_schema = OFF;
-- Fail, rather than go on with the old constraints, if any text was not found (a later
-- table rebuild that spells a constraint differently must update this).
CREATE TEMP TABLE migration_0008_done (rewritten INTEGER NOT NULL CHECK (rewritten = 2));
INSERT INTO migration_0008_done
    SELECT (SELECT count(*) FROM sqlite_schema
             WHERE type = 'table' AND name = 'change_row'
               AND sql LIKE '%OR after IS NOT NULL OR last_row_id IS NOT NULL)%')
         + (SELECT count(*) FROM sqlite_schema
             WHERE type = 'table' AND name = 'match' AND sql NOT LIKE '% IN (%'
               AND sql LIKE '%CHECK (stage = ''group'' OR stage = ''knockout'')%');
DROP TABLE migration_0008_done;
