CREATE TABLE person (id int PRIMARY KEY, name text, nick text);
CREATE VIEW names AS SELECT id, name, nick FROM person;
