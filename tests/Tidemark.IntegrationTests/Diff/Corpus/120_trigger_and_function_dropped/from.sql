CREATE TABLE t (id int PRIMARY KEY, v text, updated timestamptz);
CREATE FUNCTION set_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;
CREATE TRIGGER t_updated BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_updated();
