CREATE TABLE person (id int PRIMARY KEY, name text, age int);
CREATE VIEW adult AS SELECT name, id FROM person;
