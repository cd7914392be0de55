CREATE TABLE t (id int PRIMARY KEY, email text, active boolean, n int);
