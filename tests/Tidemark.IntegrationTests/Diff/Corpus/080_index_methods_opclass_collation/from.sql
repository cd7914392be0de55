CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], ts timestamptz, h text);
