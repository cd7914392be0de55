-- found by the diff property run: numeric(12,2) has a bounded width, so the table has no TOAST table and
-- its toast.* parameter is dropped; retyped to numeric it gets one, and the parameter must be set after that.
CREATE TABLE t (id int PRIMARY KEY, amount numeric(12,2)) WITH (toast.autovacuum_enabled = false);
INSERT INTO t VALUES (1, 1.50);
