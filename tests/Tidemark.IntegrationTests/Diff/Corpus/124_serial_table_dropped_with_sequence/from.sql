CREATE TABLE t (id serial PRIMARY KEY); CREATE TABLE keep (id int);
