CREATE TABLE t (id int NOT NULL, v text, CONSTRAINT t_pk PRIMARY KEY (id));
