-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-statement-timeout.md (sql example 1)
-- error, missing statement timeout
alter table t add column c boolean;
