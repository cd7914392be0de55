CREATE TABLE person (id int PRIMARY KEY, name text, age int);
CREATE MATERIALIZED VIEW mv AS SELECT id, age FROM person; CREATE INDEX mv_age ON mv (age);
