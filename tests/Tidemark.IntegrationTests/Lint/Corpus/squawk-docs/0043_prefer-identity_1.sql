-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-identity.md (sql example 1)
create table app.users
(
    id  bigserial
)
