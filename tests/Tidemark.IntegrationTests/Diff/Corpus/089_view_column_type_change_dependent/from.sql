CREATE TABLE person (id int PRIMARY KEY, name varchar(20), age int);
CREATE VIEW adult AS SELECT id, name, age FROM person WHERE age >= 18;
CREATE VIEW adult_names AS SELECT name FROM adult;
