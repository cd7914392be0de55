CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE t (id int NOT NULL, a int, p int, q int, r int4range);
