-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-concurrent-reindex.md (sql example 2)
-- avoids blocking reads and writes
REINDEX TABLE CONCURRENTLY foo;
REINDEX INDEX CONCURRENTLY foo_idx;
