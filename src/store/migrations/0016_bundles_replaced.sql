-- Bundles a later full bundle made unnecessary (docs/bundles.md, "A bundle lost on the way").
-- A bundle lost on the way (a USB stick lost, a file deleted) would leave the receiver
-- refusing every later bundle of its sender with "缺少第N号". The sender then writes a full
-- bundle of the village, which carries every number of that village it sent before
-- (`replaces`); the receiver merges it across the gap and keeps those numbers here, so that
-- they no longer count as missing, and a replaced bundle that turns up later is not merged
-- over the newer state.
CREATE TABLE IF NOT EXISTS bundles_replaced (
    sender      TEXT NOT NULL,
    receiver    TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    by_sequence INTEGER NOT NULL,
    PRIMARY KEY (sender, receiver, sequence)
);
