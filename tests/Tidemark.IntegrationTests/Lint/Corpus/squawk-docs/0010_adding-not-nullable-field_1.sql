-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/adding-not-nullable-field.md (sql example 1)
ALTER TABLE "recipe" ALTER COLUMN "view_count" SET NOT NULL;
