-- 0024: the monitoring system's finer 在校生状况 (硕士生及以上), kept beside the national value it
-- belongs to (大专及以上; docs/design/0018-finer-values.md). NULL when the national value says it all.
ALTER TABLE members ADD COLUMN schooling_detail TEXT;
