-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-repack.md (sql example 2)
-- repack without ordering (equivalent to vacuum full)
repack (concurrently) t;

-- repack with ordering (equivalent to cluster)
repack (concurrently) t using index t_pkey;
