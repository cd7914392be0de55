SELECT a$b, c$$d, e$1 FROM t$$;
SELECT 2;
