CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int);
CREATE INDEX t_a_idx ON t (a);
CREATE UNIQUE INDEX t_b_c_uidx ON t (b DESC NULLS LAST, c NULLS FIRST);
