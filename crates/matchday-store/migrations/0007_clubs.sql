-- matchday schema, version 7: clubs. A club is one club across files and eras;
-- it may have several teams (its men's and its women's sides). Each team keeps
-- the club form of its name (matchday_core::club_key, '' for a team stored by
-- another program); teams of one club form share a `club` row, which names the
-- club. A team with no other team of its club has none: it is its own club.
-- The migration step for 0007 fills the forms of the teams already stored.

CREATE TABLE club (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- the club form its teams share
    key  TEXT NOT NULL UNIQUE
);

ALTER TABLE team ADD COLUMN club_key TEXT NOT NULL DEFAULT '';
ALTER TABLE team ADD COLUMN club_id INTEGER REFERENCES club(id);
CREATE INDEX team_by_club_key ON team (club_key);
CREATE INDEX team_by_club ON team (club_id);
