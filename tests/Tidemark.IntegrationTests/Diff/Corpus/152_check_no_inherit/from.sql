CREATE TABLE p (id int, v int);
