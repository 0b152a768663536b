-- 0004: a cadre's term in the village (帮扶干部花名册): when they started and, once they
-- leave, when they ended. A cadre who has left keeps their pairings and visits.
ALTER TABLE cadres ADD COLUMN start TEXT;
ALTER TABLE cadres ADD COLUMN end TEXT;
