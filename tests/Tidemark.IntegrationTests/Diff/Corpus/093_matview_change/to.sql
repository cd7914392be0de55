CREATE TABLE person (id int PRIMARY KEY, name text, age int);
CREATE MATERIALIZED VIEW age_stats AS SELECT age, count(*) AS n, max(id) AS top FROM person GROUP BY age;
