CREATE TABLE t (id int PRIMARY KEY, code integer, flag boolean);
