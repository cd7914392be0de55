namespace Tidemark.IntegrationTests.Catalog;

/// <summary>A schema using every object kind and attribute the catalog models, with awkward names.</summary>
internal static class RichSchema
{
    public const string Sql = """
        CREATE SCHEMA app;
        COMMENT ON SCHEMA app IS 'application schema';
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

        CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
        ALTER TYPE app.mood ADD VALUE 'meh' BEFORE 'ok';
        COMMENT ON TYPE app.mood IS 'how it feels';
        CREATE DOMAIN app.positive_int AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
        COMMENT ON DOMAIN app.positive_int IS 'strictly positive';
        CREATE DOMAIN app.code AS text COLLATE "C";
        ALTER DOMAIN app.code ADD CONSTRAINT code_len CHECK (length(VALUE) <= 10) NOT VALID;
        CREATE TYPE app.address AS (street text, city text COLLATE "C", zip app.code);
        COMMENT ON TYPE app.address IS 'postal address';

        CREATE SEQUENCE app.ticket_seq AS integer START 100 INCREMENT 5 MINVALUE 100 MAXVALUE 100000 CACHE 10 CYCLE;
        COMMENT ON SEQUENCE app.ticket_seq IS 'tickets';

        CREATE TABLE public."user" (
            id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 2) PRIMARY KEY,
            email text NOT NULL,
            "displayName" varchar(200) COLLATE "C",
            mood app.mood DEFAULT 'ok',
            created_at timestamptz NOT NULL DEFAULT now(),
            email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
            address app.address,
            score numeric(10,2) DEFAULT 0 CHECK (score >= 0),
            CONSTRAINT user_email_key UNIQUE NULLS NOT DISTINCT (email)
        );
        COMMENT ON TABLE public."user" IS 'people';
        COMMENT ON COLUMN public."user".email IS 'login e-mail';
        COMMENT ON CONSTRAINT user_email_key ON public."user" IS 'one account per address';

        CREATE TABLE app."Order" (
            id serial PRIMARY KEY,
            user_id bigint NOT NULL,
            "limit" app.positive_int,
            ticket integer DEFAULT nextval('app.ticket_seq'),
            status text NOT NULL DEFAULT 'new',
            during tstzrange,
            note text,
            CONSTRAINT order_user_fk FOREIGN KEY (user_id) REFERENCES public."user"(id) MATCH FULL
                ON UPDATE RESTRICT ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
            CONSTRAINT status_check CHECK (status IN ('new', 'paid', 'shipped')) NOT VALID,
            CONSTRAINT no_overlap EXCLUDE USING gist (user_id WITH =, during WITH &&)
        ) WITH (fillfactor = 70);
        ALTER TABLE app."Order" ADD CONSTRAINT note_len CHECK (length(note) < 1000) NOT VALID;
        ALTER SEQUENCE app.ticket_seq OWNED BY app."Order".ticket;
        COMMENT ON INDEX app."Order_pkey" IS 'pk index';
        CREATE INDEX order_open_idx ON app."Order" (user_id DESC NULLS LAST, status) INCLUDE (note) WHERE status <> 'shipped';
        CREATE INDEX order_note_trgm ON app."Order" USING gin (note public.gin_trgm_ops);
        CREATE INDEX order_lower_note ON app."Order" (lower(note) COLLATE "C" text_pattern_ops) WITH (fillfactor = 80);
        COMMENT ON INDEX app.order_open_idx IS 'open orders';

        CREATE UNLOGGED TABLE app.cache (k text PRIMARY KEY, v jsonb);

        CREATE TABLE app.events (id bigint NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
        CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE app.events_default PARTITION OF app.events DEFAULT;
        ALTER TABLE app.events ADD PRIMARY KEY (id, at);
        CREATE INDEX events_payload_idx ON app.events USING gin (payload);

        CREATE TABLE app.base (id int, label text);
        CREATE TABLE app.child (extra int) INHERITS (app.base);

        CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.note := coalesce(NEW.note, ''); RETURN NEW; END $$;
        COMMENT ON FUNCTION app.touch() IS 'trigger fn';
        CREATE FUNCTION app.add(a integer, b integer DEFAULT 1) RETURNS integer
            LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT a + b';
        CREATE FUNCTION app.secret() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = app, pg_temp AS $$ SELECT 'x' $$;
        CREATE PROCEDURE app.cleanup(IN days integer) LANGUAGE sql AS $$ DELETE FROM app.cache WHERE false $$;
        CREATE AGGREGATE app.total(integer) (SFUNC = int4pl, STYPE = integer, INITCOND = '0');

        CREATE TRIGGER order_touch BEFORE INSERT OR UPDATE ON app."Order" FOR EACH ROW EXECUTE FUNCTION app.touch();
        ALTER TABLE app."Order" DISABLE TRIGGER order_touch;
        COMMENT ON TRIGGER order_touch ON app."Order" IS 'fills note';

        ALTER TABLE app."Order" ENABLE ROW LEVEL SECURITY;
        ALTER TABLE app."Order" FORCE ROW LEVEL SECURITY;
        CREATE POLICY own_orders ON app."Order" AS RESTRICTIVE FOR SELECT TO PUBLIC USING (user_id > 0);
        CREATE POLICY insert_orders ON app."Order" FOR INSERT WITH CHECK (status = 'new');
        COMMENT ON POLICY own_orders ON app."Order" IS 'rls';

        CREATE VIEW app.open_orders WITH (security_barrier = true) AS
            SELECT o.id, o.user_id, u.email, app.add(o.id, 1) AS next_id
            FROM app."Order" o JOIN public."user" u ON u.id = o.user_id WHERE o.status <> 'shipped';
        COMMENT ON VIEW app.open_orders IS 'not shipped';
        COMMENT ON COLUMN app.open_orders.email IS 'customer e-mail';
        CREATE MATERIALIZED VIEW app.order_counts AS SELECT user_id, count(*) AS n FROM app."Order" GROUP BY user_id;
        CREATE UNIQUE INDEX order_counts_user ON app.order_counts (user_id);
        COMMENT ON MATERIALIZED VIEW app.order_counts IS 'counts';
        """;
}
