-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/identifier-too-long.md (sql example 1)
-- table name is 65 bytes and will be silently truncated to 63
create table table_very_long_very_long_very_long_very_long_very_long_very_long (
  -- column name is 66 bytes and will also be silently truncated
  column_very_long_very_long_very_long_very_long_very_long_very_long bigint
);
