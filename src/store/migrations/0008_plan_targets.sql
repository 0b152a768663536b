-- 0008: the yearly plan targets of a village or a township (规划脱贫户数/人数 by year, as in
-- the township plans of 2014–2017), with the document they come from; the township's view
-- sets them against the exits the ledger records. `area` is the 12-digit village code or
-- the 9-digit township code (the first nine digits of its villages' codes). One row per
-- area and year; setting it again replaces it (audited). `IF NOT EXISTS`: tests that fake an
-- older ledger roll `user_version` back without dropping it; a real older ledger has none.
CREATE TABLE IF NOT EXISTS plan_targets (
    area        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    households  INTEGER NOT NULL CHECK (households >= 0),
    persons     INTEGER NOT NULL CHECK (persons >= 0),
    doc         TEXT,
    recorded_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    PRIMARY KEY (area, year)
);
