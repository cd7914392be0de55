CREATE SCHEMA util;
CREATE FUNCTION util.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT a + b $$;
CREATE FUNCTION util.now_text() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN now()::text;
END
$$;
CREATE FUNCTION util.rows(n int) RETURNS TABLE (i int) LANGUAGE sql AS $$ SELECT generate_series(1, n) $$;
