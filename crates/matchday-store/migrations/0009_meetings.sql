-- matchday schema, version 9: a match is not known by its pairing and round label alone.
--
-- Version 1 made (competition, home, away, round, leg, replay) unique, so a league
-- match without a round label could be stored once per pairing: football-data's
-- Scottish Premiership, where clubs meet three or four times, kept the last meeting
-- and lost the others, and a UEFA knockout play-off replaced the league-phase match
-- of the same clubs. Which stored match a file's match is is now decided by the import
-- from the pairing and the meeting (its day), within the match's stage
-- (matchday_core::same_matches); a plain index on the pairing stays for looking up
-- a pairing's meetings.
DROP INDEX match_identity;
CREATE INDEX match_meetings ON match (competition_id, home_id, away_id);
