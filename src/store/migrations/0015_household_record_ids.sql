-- Record ids derived per household (docs/design/0015-household-record-ids.md).
-- The ids an earlier build derived for records that came without one are re-derived in
-- Rust after this file (`store/rederive.rs`): a SHA-256 cannot be computed in SQL. This
-- file only marks the step; nothing in the schema changes.
SELECT 1;
