CREATE INDEX "concurrently" ON t (a);
CREATE INDEX CONCURRENTLY "concurrently" ON t (a);
DROP INDEX "concurrently";
