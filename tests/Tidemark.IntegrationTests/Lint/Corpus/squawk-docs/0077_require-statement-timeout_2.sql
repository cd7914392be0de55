-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-statement-timeout.md (sql example 2)
-- ok, statement timeout configured before ddl operations
set statement_timeout = '5s';
alter table t add column c boolean;
