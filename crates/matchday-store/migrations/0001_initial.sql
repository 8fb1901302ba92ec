-- matchday schema, version 1. Migrations are only ever added, never edited.

CREATE TABLE team (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- the normal form of the name (matchday_core::normalize_name); one team per form
    key  TEXT NOT NULL UNIQUE
);

CREATE TABLE team_alias (
    team_id INTEGER NOT NULL REFERENCES team(id) ON DELETE CASCADE,
    alias   TEXT NOT NULL,
    key     TEXT NOT NULL,
    PRIMARY KEY (team_id, key)
);

CREATE TABLE competition (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL,
    name         TEXT NOT NULL,
    season       TEXT NOT NULL,
    season_start INTEGER NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('league', 'knockout', 'groups-knockout')),
    rules        TEXT NOT NULL,
    points       TEXT NOT NULL,
    away_goals   INTEGER NOT NULL DEFAULT 0 CHECK (away_goals IN (0, 1)),
    UNIQUE (slug, season)
);

CREATE TABLE zone (
    competition_id INTEGER NOT NULL REFERENCES competition(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    first          INTEGER NOT NULL CHECK (first >= 1),
    last           INTEGER NOT NULL CHECK (last >= first),
    PRIMARY KEY (competition_id, name)
);

-- Teams taking part, so a league table lists clubs that have not played yet.
CREATE TABLE entrant (
    competition_id INTEGER NOT NULL REFERENCES competition(id) ON DELETE CASCADE,
    team_id        INTEGER NOT NULL REFERENCES team(id),
    PRIMARY KEY (competition_id, team_id)
);

CREATE TABLE match (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competition(id) ON DELETE CASCADE,
    date           TEXT NOT NULL,
    kickoff        TEXT,
    home_id        INTEGER NOT NULL REFERENCES team(id),
    away_id        INTEGER NOT NULL REFERENCES team(id),
    venue          TEXT NOT NULL CHECK (venue IN ('home', 'neutral')),
    round          TEXT NOT NULL DEFAULT '',
    grp            TEXT NOT NULL DEFAULT '',
    leg            INTEGER NOT NULL DEFAULT 0 CHECK (leg BETWEEN 0 AND 2),
    replay         INTEGER NOT NULL DEFAULT 0 CHECK (replay IN (0, 1)),
    status         TEXT NOT NULL
        CHECK (status IN ('scheduled', 'played', 'postponed', 'abandoned', 'cancelled', 'awarded')),
    ft_home  INTEGER, ft_away  INTEGER,
    ht_home  INTEGER, ht_away  INTEGER,
    et_home  INTEGER, et_away  INTEGER,
    pen_home INTEGER, pen_away INTEGER,
    CHECK (home_id <> away_id),
    CHECK ((status IN ('played', 'awarded')) = (ft_home IS NOT NULL AND ft_away IS NOT NULL)),
    CHECK (ft_home >= 0 AND ft_away >= 0)
);

-- A match is the same match when the same two teams meet in the same round,
-- leg and replay of a competition: re-importing a file updates it in place.
CREATE UNIQUE INDEX match_identity
    ON match (competition_id, home_id, away_id, round, leg, replay);
CREATE INDEX match_by_date ON match (competition_id, date);

CREATE TABLE deduction (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competition(id) ON DELETE CASCADE,
    team_id        INTEGER NOT NULL REFERENCES team(id),
    points         INTEGER NOT NULL CHECK (points <> 0),
    effective      TEXT NOT NULL,
    reason         TEXT NOT NULL,
    UNIQUE (competition_id, team_id, effective, points)
);
