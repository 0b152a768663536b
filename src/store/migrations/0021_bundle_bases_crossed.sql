-- Versions sent as a crossing bundle makes them (docs/design/0017-merged-bases-per-peer.md):
-- a peer's bundle written before it merged ours means that, once it merges ours, it holds
-- both. That merged version is kept per sender of the crossing bundle, and is the base only
-- of that sender's later bundles: which receiver name a sender is cannot always be known
-- (it may have merged none of ours), and a version sent to another peer must stay as sent.
CREATE TABLE IF NOT EXISTS bundle_bases_crossed (
    village_code TEXT NOT NULL,
    record_key   TEXT NOT NULL,
    receiver     TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    sender       TEXT NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (village_code, record_key, receiver, sequence, sender)
);
-- Before 0020 a village merged from several ledgers had one version for all of them; 0020
-- filed it under the last sender only, leaving the others without a base (every difference
-- a conflict). Each other sender of the village gets that version too, as before 0020.
INSERT OR IGNORE INTO bundle_bases
    (village_code, record_key, sender, document, updated_at, audit_seq, seen_receiver, seen_sequence)
SELECT b.village_code, b.record_key, r.sender, b.document, b.updated_at, b.audit_seq, NULL, 0
FROM bundle_bases b
JOIN (SELECT DISTINCT village_code, sender FROM bundles_received) r
  ON r.village_code = b.village_code AND r.sender <> b.sender;
