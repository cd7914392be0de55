-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/identifier-too-long.md (sql example 2)
create table a_shorter_table_name (
  a_shorter_column_name bigint
);
