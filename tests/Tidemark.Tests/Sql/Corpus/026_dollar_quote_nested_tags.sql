CREATE FUNCTION g() RETURNS void AS $outer$
BEGIN
  EXECUTE $inner$ SELECT 1; $inner$;
  EXECUTE $$ SELECT 2; $$;
END
$outer$ LANGUAGE plpgsql;
SELECT 3;
