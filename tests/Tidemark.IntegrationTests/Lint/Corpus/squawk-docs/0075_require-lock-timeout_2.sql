-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-lock-timeout.md (sql example 2)
-- ok, lock timeout configured before ddl operations
set lock_timeout = '1s';
alter table t add column c boolean;
