CREATE TABLE t (id int PRIMARY KEY, must text NOT NULL);
