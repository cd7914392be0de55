CREATE INDEX CONCURRENTLY i1 ON t (a);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i2 ON t (b);
create /* x */ index
  -- y
  concurrently on t (c);
