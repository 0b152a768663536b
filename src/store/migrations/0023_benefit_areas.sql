-- 0023: whether a member's 低保 and 特困供养 are the rural or the urban scheme (城市低保,
-- 城市特困), as the monitoring system's sheet says (docs/design/0018-finer-values.md). NULL is
-- not recorded, read as rural.
ALTER TABLE members ADD COLUMN dibao_area TEXT;
ALTER TABLE members ADD COLUMN tekun_area TEXT;
