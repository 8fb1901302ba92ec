-- matchday schema, version 2: regulations as data.
--
-- A competition-season's regulations are its preset (competition.rules), its
-- points scheme (competition.points) and what ranks first (rank_by, new here:
-- points, or points per game for a curtailed season).

ALTER TABLE competition ADD COLUMN rank_by TEXT NOT NULL DEFAULT 'points'
    CHECK (rank_by IN ('points', 'points-per-game'));

-- The presets were renamed; the old names still read, but stored rows use the new ones.
UPDATE competition SET rules = 'uefa-club-groups' WHERE rules = 'uefa-group';
UPDATE competition SET rules = 'english-history' WHERE rules = 'classic';

-- An order of teams level on every results criterion, decided off the pitch
-- (fair play, disciplinary points, lots, a ranking) and recorded by a user.
CREATE TABLE decision (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competition(id) ON DELETE CASCADE,
    -- the group of a group stage, '' for a league table
    grp            TEXT NOT NULL DEFAULT '',
    criterion      TEXT NOT NULL CHECK (criterion IN ('fair-play', 'disciplinary-points', 'drawing-of-lots',
                                                      'coefficient', 'qualifying-ranking', 'world-ranking'))
);

CREATE TABLE decision_team (
    decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
    -- 1 for the team placed highest
    place       INTEGER NOT NULL CHECK (place >= 1),
    team_id     INTEGER NOT NULL REFERENCES team(id),
    PRIMARY KEY (decision_id, place),
    UNIQUE (decision_id, team_id)
);
