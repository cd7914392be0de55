CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], ts timestamptz, h text);
CREATE INDEX t_name_pattern ON t (name text_pattern_ops);
CREATE INDEX t_name_c ON t (name COLLATE "C" DESC);
CREATE INDEX t_tags_gin ON t USING gin (tags);
CREATE INDEX t_ts_brin ON t USING brin (ts) WITH (pages_per_range = 32);
CREATE INDEX t_h_hash ON t USING hash (h);
