CREATE TABLE person (id int PRIMARY KEY, name text, age int);

CREATE MATERIALIZED VIEW age_stats AS SELECT age, count(*) AS n FROM person GROUP BY age;
CREATE UNIQUE INDEX age_stats_age ON age_stats (age);
