SELECT '\i not a command';
SELECT E'\\set x';
SELECT $$\connect db$$;
SELECT "a\b" FROM t;
