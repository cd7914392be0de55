-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/ban-truncate-cascade.md (sql example 1)
truncate a cascade;
