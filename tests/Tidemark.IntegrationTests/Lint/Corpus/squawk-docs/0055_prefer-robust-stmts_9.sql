-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/prefer-robust-stmts.md (sql example 9)
-- instead of:
DROP INDEX "foo_idx";

-- use:
DROP INDEX IF EXISTS "foo_idx";
