CREATE TABLE t (id int PRIMARY KEY, amount numeric) WITH (toast.autovacuum_enabled = false);
