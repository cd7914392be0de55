CREATE TABLE person (id int PRIMARY KEY, name text, age int);
