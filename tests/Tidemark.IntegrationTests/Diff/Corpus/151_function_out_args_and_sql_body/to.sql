CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE FUNCTION stats(IN lim int, OUT total bigint, OUT biggest int) LANGUAGE sql STABLE AS $$ SELECT count(*), max(n) FROM t WHERE n < lim $$;
CREATE FUNCTION total_n() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT sum(n) FROM t;
END;
