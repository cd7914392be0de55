CREATE TABLE hot (id int PRIMARY KEY) WITH (fillfactor = 90, autovacuum_enabled = false);
