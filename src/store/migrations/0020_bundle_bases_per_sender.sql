-- The version of a record last merged, per sending ledger (docs/design/0017-merged-bases-per-peer.md):
-- one per village and record compared a second peer's bundle with the first peer's version,
-- so the first peer's changes looked undone by the second and were. Rows kept so far belong
-- to the sender of the village's last merged bundle.
CREATE TABLE bundle_bases_0020 (
    village_code  TEXT NOT NULL,
    record_key    TEXT NOT NULL,
    sender        TEXT NOT NULL DEFAULT '',
    document      TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    audit_seq     INTEGER NOT NULL DEFAULT 0,
    seen_receiver TEXT,
    seen_sequence INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_code, record_key, sender)
);
INSERT OR IGNORE INTO bundle_bases_0020
    (village_code, record_key, sender, document, updated_at, audit_seq, seen_receiver, seen_sequence)
SELECT b.village_code, b.record_key,
       IFNULL((SELECT r.sender FROM bundles_received r WHERE r.village_code = b.village_code
               ORDER BY r.merged_at DESC, r.rowid DESC LIMIT 1), ''),
       b.document, b.updated_at, b.audit_seq, b.seen_receiver, b.seen_sequence
FROM bundle_bases b;
DROP TABLE bundle_bases;
ALTER TABLE bundle_bases_0020 RENAME TO bundle_bases;
CREATE INDEX IF NOT EXISTS bundle_bases_record ON bundle_bases(record_key);
