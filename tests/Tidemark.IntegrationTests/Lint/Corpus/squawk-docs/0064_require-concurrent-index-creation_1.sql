-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/require-concurrent-index-creation.md (sql example 1)
-- blocks writes to table while index is built
CREATE INDEX "email_idx" ON "app_user" ("email");
