-- origin: https://github.com/sbdchd/squawk/blob/5125ddf5ad42c85e6ed90173ff084e9866daeb85/docs/docs/adding-field-with-default.md (sql example 5)
ALTER TABLE "core_recipe" ADD COLUMN "foo" integer;

-- backfill column in batches

-- add a trigger to match the generated column behavior
CREATE FUNCTION foo_update_trigger()
RETURNS trigger AS '
BEGIN
NEW.foo := NEW.bar + NEW.baz;
RETURN NEW;
END' LANGUAGE 'plpgsql';

CREATE TRIGGER update_foo_column
BEFORE INSERT ON core_recipe
FOR EACH ROW
EXECUTE PROCEDURE foo_update_trigger();
