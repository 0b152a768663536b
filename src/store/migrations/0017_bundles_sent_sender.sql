-- The bundles a ledger wrote, under the ledger id it had then (docs/bundles.md, "A ledger
-- restored from a backup"). Restoring a backup gives the ledger a new id: the backup's log
-- of bundles stops where the backup was taken, so numbering on from it would repeat numbers
-- the receiver already merged (and refuses for good: 同一编号只能合并一次). Under the new id
-- numbering starts again at 1, so the log is kept per sender. Rows written so far are of the
-- ledger's current id. (`OR IGNORE`: tests that roll `user_version` back run this again.)
CREATE TABLE bundles_sent_0017 (
    sender       TEXT NOT NULL,
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
    PRIMARY KEY (sender, receiver, sequence)
);
INSERT OR IGNORE INTO bundles_sent_0017
    (sender, receiver, sequence, village_code, full, audit_seq, households, tombstones,
     checksum, created_at, operator)
SELECT IFNULL((SELECT value FROM settings WHERE key = 'ledger_id'), ''), receiver, sequence,
       village_code, full, audit_seq, households, tombstones, checksum, created_at, operator
FROM bundles_sent;
DROP TABLE bundles_sent;
ALTER TABLE bundles_sent_0017 RENAME TO bundles_sent;
