CREATE TABLE t (id int PRIMARY KEY, n bigint, f double precision);
