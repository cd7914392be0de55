CREATE TABLE t (id int PRIMARY KEY, qty int CONSTRAINT qty_ok CHECK (qty > 0));
