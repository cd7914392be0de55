CREATE FUNCTION set_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;

CREATE TABLE d (id int PRIMARY KEY, lvl bigint, v text, updated timestamptz);
ALTER TABLE d ENABLE ROW LEVEL SECURITY;
CREATE POLICY d_lvl ON d USING (lvl > 0);
CREATE TRIGGER d_upd BEFORE UPDATE OF lvl ON d FOR EACH ROW WHEN (NEW.lvl > 5) EXECUTE FUNCTION set_updated();
