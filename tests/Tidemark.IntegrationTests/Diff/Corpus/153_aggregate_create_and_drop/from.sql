CREATE FUNCTION add_one(acc int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 1 $$;
CREATE AGGREGATE old_count(int) (SFUNC = add_one, STYPE = int, INITCOND = '0');
