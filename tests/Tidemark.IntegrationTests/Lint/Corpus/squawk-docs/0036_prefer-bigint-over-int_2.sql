-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-bigint-over-int.md (sql example 2)
CREATE TABLE posts (
  id bigserial primary key
)
