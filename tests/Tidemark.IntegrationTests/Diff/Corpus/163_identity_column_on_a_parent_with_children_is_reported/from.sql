-- Found by the long property run (mutations: add column s2.t2.c16 to a table with an INHERITS child). PostgreSQL
-- refuses to add an identity column to a table that has children ("cannot recursively add identity column"), and
-- there is no one-statement way round it: the differ reports it as unsupported and emits nothing for the column.
CREATE SCHEMA s2;
CREATE TABLE s2.t2 (id integer NOT NULL, c3 uuid, CONSTRAINT t2_pkey PRIMARY KEY (id));
CREATE TABLE public.t14 (c15 numeric(12,2)) INHERITS (s2.t2);
INSERT INTO s2.t2 (id) VALUES (1), (2);
INSERT INTO public.t14 (id, c15) VALUES (3, 3);
