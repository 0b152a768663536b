-- Which of this ledger's own bundles the peer had merged when it wrote the bundle a merged
-- version came from (docs/bundles.md, "Bases"). A version this ledger sent is the newer common
-- ground exactly when its number is above that one; comparing by the order in which the two
-- were kept here (0018) misjudged a peer's bundle written before it merged ours but merged
-- here after we sent it. 0 (and no receiver): the bundle said nothing (an earlier build, or a
-- peer that had merged nothing of ours).
ALTER TABLE bundle_bases ADD COLUMN seen_receiver TEXT;
ALTER TABLE bundle_bases ADD COLUMN seen_sequence INTEGER NOT NULL DEFAULT 0;
