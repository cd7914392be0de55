CREATE TABLE person (id int PRIMARY KEY, name text, age int);

CREATE VIEW v1 AS SELECT id, name, age FROM person;
CREATE VIEW v2 AS SELECT id, name FROM v1 WHERE age > 1;
CREATE VIEW v3 AS SELECT count(*) AS n FROM v2;
