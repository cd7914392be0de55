CREATE FUNCTION f(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x::bigint $$;
CREATE VIEW v AS SELECT f(1) AS one;
