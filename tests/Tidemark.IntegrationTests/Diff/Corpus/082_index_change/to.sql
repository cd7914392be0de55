CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_idx ON t (a, b) WHERE b > 0;
