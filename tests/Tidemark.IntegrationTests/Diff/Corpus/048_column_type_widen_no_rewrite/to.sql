CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b text, c numeric(12,2));
