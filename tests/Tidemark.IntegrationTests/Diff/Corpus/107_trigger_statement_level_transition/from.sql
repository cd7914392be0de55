CREATE TABLE t (id int PRIMARY KEY, v text, updated timestamptz);

CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
