-- matchday schema, version 12: live scores.
--
-- A match in play keeps its status 'scheduled' (it has no result, and every query of
-- fixtures and results by status goes on treating it as still to play) and holds its
-- score so far in `live_home` and `live_away`, with the minute of play in `live_minute`
-- when it was given (1 to 130: 120 minutes and stoppage time). Only a provisional
-- table counts it; entering the match's result clears the live columns. A build of
-- version 11 would not see the live score and could write a result beside it, so it must
-- refuse the file as newer. The columns are added with their checks, which every stored
-- row passes (all three are NULL).
ALTER TABLE match ADD COLUMN live_home INTEGER
    CHECK (live_home IS NULL OR (live_home >= 0 AND status = 'scheduled'));
ALTER TABLE match ADD COLUMN live_away INTEGER
    CHECK ((live_away IS NULL) = (live_home IS NULL) AND (live_away IS NULL OR live_away >= 0));
ALTER TABLE match ADD COLUMN live_minute INTEGER
    CHECK (live_minute IS NULL OR (live_home IS NOT NULL AND live_minute BETWEEN 1 AND 130));
