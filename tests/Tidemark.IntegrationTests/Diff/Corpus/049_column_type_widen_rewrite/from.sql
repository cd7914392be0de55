CREATE TABLE t (id int PRIMARY KEY, n integer, f real);
