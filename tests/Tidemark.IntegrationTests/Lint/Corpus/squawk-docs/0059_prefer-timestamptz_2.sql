-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-timestamptz.md (sql example 2)
create table app.users
(
    created_ts   timestamptz,
    modified_ts  timestamptz
)
