-- matchday schema, version 4: a played match keeps only the scores that were
-- given, so its 90-minute score may be absent when the score after extra time
-- is there ("1-0 aet"). The only change is to one CHECK constraint, which
-- SQLite cannot alter; rewriting its text in the schema is the procedure the
-- SQLite documentation gives for changes that leave the stored rows as they
-- are (https://www.sqlite.org/lang_altertable.html, "otheralter"). The
-- migration runner bumps the schema version afterwards so the change is read.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql,
       'CHECK ((status IN (''played'', ''awarded'')) = (ft_home IS NOT NULL AND ft_away IS NOT NULL))',
       'CHECK ((status IN (''played'', ''awarded'')) = ((ft_home IS NOT NULL AND ft_away IS NOT NULL) OR (et_home IS NOT NULL AND et_away IS NOT NULL)))')
 WHERE type = 'table' AND name = 'match';
PRAGMA writable_schema = OFF;
-- Fail, rather than go on with the old constraint, if the text was not found
-- (a later table rebuild that spells the constraint differently must update this).
CREATE TEMP TABLE migration_0004_done (rewritten INTEGER NOT NULL CHECK (rewritten = 1));
INSERT INTO migration_0004_done
    SELECT count(*) FROM sqlite_schema
     WHERE type = 'table' AND name = 'match'
       AND sql LIKE '%OR (et_home IS NOT NULL AND et_away IS NOT NULL)))%';
DROP TABLE migration_0004_done;
