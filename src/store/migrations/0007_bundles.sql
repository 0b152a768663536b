-- 0007: exchange bundles between ledgers (docs/bundles.md). A sender numbers its bundles
-- per receiver and remembers up to which audit row each one reached; a receiver logs what
-- it merged per sender and receiver; both keep the last exchanged version of each record
-- (the common base of a three-way merge); fields changed on both sides become conflicts.
-- `IF NOT EXISTS`: tests that fake an older ledger roll `user_version` back without
-- dropping these tables; a real older ledger has none of them.

-- Bundles written by this ledger: `audit_seq` is the audit head once the bundle was
-- recorded, so the next one for the same receiver and village takes what came after.
CREATE TABLE IF NOT EXISTS bundles_sent (
    receiver     TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    village_code TEXT NOT NULL,
    full         INTEGER NOT NULL,
    audit_seq    INTEGER NOT NULL,
    households   INTEGER NOT NULL,
    tombstones   INTEGER NOT NULL,
    checksum     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    operator     TEXT NOT NULL,
    PRIMARY KEY (receiver, sequence)
);

-- Bundles merged into this ledger, per sending ledger and the receiver it named.
CREATE TABLE IF NOT EXISTS bundles_received (
    sender          TEXT NOT NULL,
    receiver        TEXT NOT NULL,
    sequence        INTEGER NOT NULL,
    village_code    TEXT NOT NULL,
    checksum        TEXT NOT NULL,
    sent_at         TEXT NOT NULL,
    sent_by         TEXT NOT NULL,
    merged_at       TEXT NOT NULL,
    operator        TEXT NOT NULL,
    added           INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    deleted         INTEGER NOT NULL,
    conflicts       INTEGER NOT NULL,
    PRIMARY KEY (sender, receiver, sequence)
);

-- The last exchanged version of a record (sent or merged), in the exchange shape:
-- `record_key` is `village`, `cadre:<id>` or `household:<id>`.
CREATE TABLE IF NOT EXISTS bundle_bases (
    village_code TEXT NOT NULL,
    record_key   TEXT NOT NULL,
    document     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (village_code, record_key)
);

-- A field changed on both sides: the receiver's value is kept, the sender's kept here.
-- `path` is the field inside the record (JSON list of keys and record ids); `mine` and
-- `theirs` are JSON values, NULL when the record is absent (deleted) on that side.
CREATE TABLE IF NOT EXISTS conflicts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    village_code    TEXT NOT NULL,
    household_id    TEXT,
    household_code  TEXT,
    record_key      TEXT NOT NULL,
    path            TEXT NOT NULL,
    field           TEXT NOT NULL,
    mine            TEXT,
    theirs          TEXT,
    theirs_history  TEXT,
    mine_by         TEXT,
    mine_at         TEXT,
    theirs_by       TEXT NOT NULL,
    theirs_at       TEXT NOT NULL,
    sender          TEXT NOT NULL,
    sequence        INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    resolved_at     TEXT,
    resolution      TEXT CHECK (resolution IN ('mine', 'theirs')),
    resolved_by     TEXT,
    reason          TEXT
);
CREATE INDEX IF NOT EXISTS conflicts_open ON conflicts(village_code) WHERE resolved_at IS NULL;
