-- matchday schema, version 13: the market's closing odds.
--
-- A match may carry the closing 1X2 odds its import gave (football-data.co.uk's files do):
-- the decimal prices on a home win, a draw and an away win exactly as given, with whose
-- they are. At most one row per match; the row goes with its match (deleting a match, or
-- its competition, deletes its odds). A row has its own id, so that an import adds rows
-- above the largest as the change log's bulk writes need (see 0008_faster_imports.sql).
-- The prices are stored with the margin in; the backtest takes it out when it reads them.
CREATE TABLE match_odds (
    id INTEGER PRIMARY KEY,
    match_id INTEGER NOT NULL UNIQUE REFERENCES match(id) ON DELETE CASCADE,
    source TEXT NOT NULL
        CHECK (source = 'pinnacle' OR source = 'market_average' OR source = 'bet365'),
    home REAL NOT NULL CHECK (home > 1 AND home < 1e308),
    draw REAL NOT NULL CHECK (draw > 1 AND draw < 1e308),
    away REAL NOT NULL CHECK (away > 1 AND away < 1e308)
);
