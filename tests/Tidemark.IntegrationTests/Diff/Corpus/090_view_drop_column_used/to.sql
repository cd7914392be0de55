CREATE TABLE person (id int PRIMARY KEY, name text);
CREATE VIEW names AS SELECT id, name FROM person;
