-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/adding-field-with-default.md (sql example 2)
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer DEFAULT 10 NOT NULL;
