CREATE TABLE person (id int PRIMARY KEY, name text, age int);

CREATE VIEW v AS SELECT name, id FROM person;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM v;
