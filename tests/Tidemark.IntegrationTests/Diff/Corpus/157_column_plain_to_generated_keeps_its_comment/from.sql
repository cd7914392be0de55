CREATE TABLE t2 (id int PRIMARY KEY, c5 smallint);
COMMENT ON COLUMN t2.c5 IS 'about it';
