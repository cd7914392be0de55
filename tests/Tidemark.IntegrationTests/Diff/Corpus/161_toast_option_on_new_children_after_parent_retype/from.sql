-- Found by the long property run (shrunk by CsCheck): type public.t1.c2 numeric(12,2) -> numeric; add check public.t1;
-- add table s2.t4; add table s2.t7. The new children inherit c2; they get a TOAST table only when the parent's c2 becomes
-- unbounded numeric, so their toast.* parameter must be set after that retype or PostgreSQL drops it silently.
CREATE SCHEMA s2;
CREATE TYPE public.mood AS ENUM ('a', 'b', 'c');
CREATE DOMAIN s2.posint AS integer CHECK (VALUE > 0);
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE FUNCTION public.plus(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 2';
CREATE TABLE public.t1 (id integer NOT NULL, c2 numeric(12,2), CONSTRAINT t1_pkey PRIMARY KEY (id)) WITH (toast.autovacuum_enabled=false);
CREATE TRIGGER t1_touch BEFORE INSERT OR UPDATE ON public.t1 FOR EACH ROW EXECUTE FUNCTION public.touch();
