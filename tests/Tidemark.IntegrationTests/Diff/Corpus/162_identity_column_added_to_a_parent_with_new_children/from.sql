-- Found by the long property run (shrunk by hand from CsCheck's pair: add column s2.t2.c9; add tables s2.t10, s2.t13).
-- PostgreSQL refuses to add an identity column to a table that has children, so the parent's new column must be
-- added before its new children are created (they then inherit it, as NOT NULL without the identity).
CREATE SCHEMA s2;
CREATE TABLE s2.t2 (id integer NOT NULL, c5 date NOT NULL, CONSTRAINT t2_pkey PRIMARY KEY (id));
INSERT INTO s2.t2 VALUES (1, '2026-01-01'), (2, '2026-01-02');
