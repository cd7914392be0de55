CREATE TABLE person (id int PRIMARY KEY, name text, age int);

CREATE VIEW adult WITH (security_barrier = true) AS SELECT id, name FROM person WHERE age >= 18 WITH CASCADED CHECK OPTION;
