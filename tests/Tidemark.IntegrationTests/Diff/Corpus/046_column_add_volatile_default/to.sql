CREATE TABLE t (id int PRIMARY KEY, r double precision DEFAULT random());
