-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-timestamptz.md (sql example 3)
alter table app.users
    alter column created_ts type timestamp,
    alter column modified_ts type timestamp without time zone
