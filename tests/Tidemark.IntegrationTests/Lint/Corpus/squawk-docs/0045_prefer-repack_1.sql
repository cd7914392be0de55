-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-repack.md (sql example 1)
-- blocks reads and writes
vacuum full t;

-- blocks reads and writes
cluster t using t_pkey;
