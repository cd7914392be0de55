CREATE TABLE t (id int PRIMARY KEY, w numeric, h numeric);
