CREATE TABLE t (id int PRIMARY KEY, n bigint CONSTRAINT n_pos CHECK (n > 0));
CREATE INDEX t_n_idx ON t (n) WHERE n > 10;
