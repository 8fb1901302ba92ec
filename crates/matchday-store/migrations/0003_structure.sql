-- matchday schema, version 3: a competition-season's structure (its stages and
-- who goes on from each), as the JSON of matchday_core::Structure. NULL for a
-- competition stored before: its structure is the one of its format.
ALTER TABLE competition ADD COLUMN structure TEXT;
