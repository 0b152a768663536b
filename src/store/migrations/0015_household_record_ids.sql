-- Record ids derived per household (docs/design/0015-household-record-ids.md).
-- The ids an earlier build derived for records that came without one are re-derived in
-- Rust after this file (`store/rederive.rs`): a SHA-256 cannot be computed in SQL. It
-- renames them in the merge bases and conflicts of each household, which it finds by
-- these two indexes (without them, a scan of both tables for every household).
CREATE INDEX IF NOT EXISTS bundle_bases_record ON bundle_bases(record_key);
CREATE INDEX IF NOT EXISTS conflicts_household ON conflicts(household_id);
