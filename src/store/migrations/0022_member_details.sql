-- 0022: the monitoring system's finer 与户主关系 (之侄女 …) and 文化程度 (本科及以上, 技师 …),
-- kept beside the national value they belong to (docs/design/0018-finer-values.md). NULL when
-- the national value says it all.
ALTER TABLE members ADD COLUMN relation_detail TEXT;
ALTER TABLE members ADD COLUMN education_detail TEXT;
