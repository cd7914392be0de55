CREATE TABLE t (id int PRIMARY KEY, a varchar(50), n bigint);
