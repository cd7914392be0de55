CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'C' || floor(random() * 1000)::text $$;
CREATE TABLE t (id int PRIMARY KEY, code text DEFAULT next_code());
