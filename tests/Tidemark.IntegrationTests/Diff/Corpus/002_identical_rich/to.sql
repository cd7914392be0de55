CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'active', 'closed');
CREATE DOMAIN app.email AS text CHECK (VALUE LIKE '%@%');
CREATE TYPE app.money_pair AS (amount numeric(12,2), currency char(3));
CREATE SEQUENCE app.invoice_no START 1000 INCREMENT 5;
CREATE TABLE app.customer (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email app.email NOT NULL UNIQUE,
  status app.status NOT NULL DEFAULT 'new',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE app.invoice (
  id integer PRIMARY KEY DEFAULT nextval('app.invoice_no'),
  customer_id bigint NOT NULL REFERENCES app.customer(id) ON DELETE CASCADE,
  total app.money_pair,
  note text
);
CREATE INDEX invoice_customer_idx ON app.invoice (customer_id);
CREATE VIEW app.active_customer AS SELECT id, email FROM app.customer WHERE status = 'active';
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := coalesce(NEW.note, ''); RETURN NEW; END $$;
CREATE TRIGGER invoice_touch BEFORE INSERT ON app.invoice FOR EACH ROW EXECUTE FUNCTION app.touch();
COMMENT ON TABLE app.customer IS 'people who pay';
