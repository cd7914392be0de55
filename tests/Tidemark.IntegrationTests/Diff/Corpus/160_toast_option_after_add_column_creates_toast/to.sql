CREATE TABLE t (id int PRIMARY KEY, n bigint, body text) WITH (toast.autovacuum_enabled = false, fillfactor = 90);
