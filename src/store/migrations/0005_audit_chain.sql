-- 0005: the audit trail as a hash chain. Each row's `hash` is SHA-256 over the previous
-- row's hash and this row's fields (see src/store/chain.rs): an edit or deletion made
-- outside the program breaks the chain at that row, and `audit verify` reports it.
-- Rows written before this version are sealed once, in order, by the migration.
ALTER TABLE audit ADD COLUMN hash TEXT;
