CREATE SCHEMA s2;
CREATE TYPE public.mood AS ENUM ('a', 'b');
CREATE DOMAIN s2.posint AS integer CHECK (VALUE > 0);
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION public.plus(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 2';
CREATE SEQUENCE public.seq1 AS bigint INCREMENT BY 3;
CREATE UNLOGGED TABLE public.t2 (id integer NOT NULL, c3 timestamp with time zone, c4 numeric(12,2), c5 date, c6 double precision, ref_r8 integer, c10 uuid NOT NULL, CONSTRAINT t2_pkey PRIMARY KEY (id), CONSTRAINT uq7 UNIQUE (c5)) WITH (toast.autovacuum_enabled=false);
ALTER TABLE public.t2 ADD CONSTRAINT fk9 FOREIGN KEY (ref_r8) REFERENCES public.t2 (id) ON DELETE CASCADE;
