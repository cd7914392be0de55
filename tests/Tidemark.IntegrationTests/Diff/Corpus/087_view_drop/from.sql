CREATE TABLE person (id int PRIMARY KEY, name text, age int);
CREATE VIEW adult AS SELECT id FROM person;
