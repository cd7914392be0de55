CREATE TABLE t (id int PRIMARY KEY, w numeric, area numeric GENERATED ALWAYS AS (w * 2) STORED);
