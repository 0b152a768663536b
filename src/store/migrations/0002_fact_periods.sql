-- 0002: dated facts. A fact (one field of a household, member, village or cadre) keeps
-- its earlier values as periods: the value held from `valid_from` until the next period
-- of the same field. The record's own column holds the latest period's value (so lists
-- and search read the present without joins). `recorded_from` is the date the ledger
-- first knew a record's facts: before it a household's status is derived from its years.

CREATE TABLE fact_periods (
    id           INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL CHECK (scope IN ('household', 'member', 'village', 'cadre')),
    record_id    TEXT NOT NULL,
    household_id TEXT REFERENCES households(id),
    field        TEXT NOT NULL,
    valid_from   TEXT,
    value        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('recorded', 'change', 'correction')),
    reason       TEXT,
    doc          TEXT,
    recorded_at  TEXT NOT NULL,
    operator     TEXT NOT NULL
);
CREATE UNIQUE INDEX fact_periods_key ON fact_periods(scope, record_id, field, ifnull(valid_from, ''));
CREATE INDEX fact_periods_household ON fact_periods(household_id);
CREATE INDEX fact_periods_record ON fact_periods(record_id);

ALTER TABLE households ADD COLUMN recorded_from TEXT;
ALTER TABLE members ADD COLUMN recorded_from TEXT;
ALTER TABLE villages ADD COLUMN recorded_from TEXT;
ALTER TABLE cadres ADD COLUMN recorded_from TEXT;

-- Records written before this version: their facts were known from their last change.
UPDATE households SET recorded_from = substr(updated_at, 1, 10);
UPDATE members SET recorded_from = substr(updated_at, 1, 10);
UPDATE villages SET recorded_from = substr(updated_at, 1, 10);
UPDATE cadres SET recorded_from = substr(updated_at, 1, 10);
