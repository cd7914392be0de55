CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b varchar(20), c numeric(8,2));
