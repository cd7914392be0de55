CREATE TABLE t (id int PRIMARY KEY, b text);
