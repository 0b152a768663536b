-- The last exchanged version of a record, kept per direction (docs/bundles.md, "Bases").
-- Until now one base per record was overwritten both when a bundle was merged and when one
-- was sent; but a version sent is common ground only once the peer has merged it. When
-- bundles cross on the way (the township sends a correction back while the laptop, not
-- having merged it, writes its next bundle), the base was the township's own correction and
-- the laptop's older value came through as the laptop's change, silently undoing it.
-- Now `bundle_bases` holds what was last merged from the peer, and this table what this
-- ledger sent in each bundle until the peer says (a bundle's `seen`) it has merged it; each
-- row carries the audit row it was written at, to tell the newer of the two.
ALTER TABLE bundle_bases ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS bundle_bases_sent (
    village_code TEXT NOT NULL,
    record_key   TEXT NOT NULL,
    receiver     TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    document     TEXT NOT NULL,
    audit_seq    INTEGER NOT NULL,
    PRIMARY KEY (village_code, record_key, receiver, sequence)
);
