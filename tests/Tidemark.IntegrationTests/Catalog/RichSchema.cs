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

/// <summary>Trickier objects for the dump/restore invariant.</summary>
internal static class TrickySchema
{
    public const string Sql = """
        CREATE SCHEMA "Sales";
        CREATE TYPE "Sales".status AS ENUM ('a', 'b');
        CREATE DOMAIN "Sales".tags AS text[] CHECK (cardinality(VALUE) < 10);
        CREATE TABLE "Sales"."select" (
            "ID" integer GENERATED BY DEFAULT AS IDENTITY (START WITH 5 INCREMENT BY 3 MINVALUE 5 MAXVALUE 999 CACHE 2 CYCLE),
            statuses "Sales".status[] DEFAULT '{a}',
            tags "Sales".tags,
            price numeric(8,2) NOT NULL,
            qty integer NOT NULL DEFAULT 1,
            total numeric GENERATED ALWAYS AS (price * qty) STORED,
            at timestamptz DEFAULT '2024-01-01 00:00:00+00',
            CONSTRAINT "select_pkey" PRIMARY KEY ("ID") DEFERRABLE,
            CONSTRAINT qty_positive CHECK (qty > 0) NO INHERIT
        );
        CREATE UNIQUE INDEX select_tags_nnd ON "Sales"."select" (tags) NULLS NOT DISTINCT;
        CREATE INDEX select_expr ON "Sales"."select" ((price * qty) DESC NULLS FIRST, at ASC NULLS FIRST);
        CREATE INDEX select_brin ON "Sales"."select" USING brin (at) WITH (pages_per_range = 16);
        ALTER TABLE "Sales"."select" ADD CONSTRAINT price_sane CHECK (price < 1000000) NOT VALID;

        CREATE TABLE "Sales".m (region text NOT NULL, at date NOT NULL, v int) PARTITION BY LIST (region);
        CREATE TABLE "Sales".m_eu PARTITION OF "Sales".m FOR VALUES IN ('eu') PARTITION BY RANGE (at);
        CREATE TABLE "Sales".m_eu_2024 PARTITION OF "Sales".m_eu FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE "Sales".m_us PARTITION OF "Sales".m FOR VALUES IN ('us', 'ca') WITH (fillfactor = 90);
        ALTER TABLE "Sales".m ADD CONSTRAINT m_pkey PRIMARY KEY (region, at);
        CREATE INDEX m_v ON "Sales".m (v);
        CREATE TABLE "Sales".ref (id int PRIMARY KEY, region text, at date,
            FOREIGN KEY (region, at) REFERENCES "Sales".m (region, at) ON DELETE SET NULL (region) NOT VALID);

        CREATE FUNCTION "Sales".audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
        CREATE TRIGGER m_audit AFTER INSERT ON "Sales".m FOR EACH ROW EXECUTE FUNCTION "Sales".audit();
        CREATE TRIGGER ref_audit AFTER UPDATE OF region ON "Sales".ref FOR EACH ROW WHEN (OLD.region IS DISTINCT FROM NEW.region)
            EXECUTE FUNCTION "Sales".audit();
        ALTER TABLE "Sales".ref ENABLE ALWAYS TRIGGER ref_audit;

        CREATE FUNCTION "Sales".twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
        CREATE FUNCTION "Sales".pair(INOUT a integer, OUT b text) LANGUAGE sql AS $$ SELECT a, 'x' $$;
        CREATE PROCEDURE "Sales".p(IN a integer, OUT b integer) LANGUAGE plpgsql AS $$ BEGIN b := a; END $$;
        CREATE FUNCTION "Sales".rows_of(n integer) RETURNS TABLE (i integer) LANGUAGE sql STABLE AS $$ SELECT generate_series(1, n) $$;

        CREATE VIEW "Sales".v AS SELECT "ID", "Sales".twice(qty) AS q FROM "Sales"."select" WITH CASCADED CHECK OPTION;
        CREATE FUNCTION "Sales".v_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE VIEW "Sales".v2 AS SELECT 1 AS one;
        CREATE TRIGGER v2_ins INSTEAD OF INSERT ON "Sales".v2 FOR EACH ROW EXECUTE FUNCTION "Sales".v_ins();
        CREATE MATERIALIZED VIEW "Sales".mv AS SELECT region, count(*) AS n FROM "Sales".m GROUP BY region WITH NO DATA;

        DO $$ BEGIN CREATE ROLE tidemark_catalog_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        ALTER TABLE "Sales".ref ENABLE ROW LEVEL SECURITY;
        CREATE POLICY r ON "Sales".ref FOR UPDATE TO tidemark_catalog_reader USING (id > 0) WITH CHECK (id < 100);
        COMMENT ON COLUMN "Sales"."select"."ID" IS 'the "id"';
        COMMENT ON CONSTRAINT qty_positive ON "Sales"."select" IS 'positive';
        COMMENT ON FUNCTION "Sales".pair(integer) IS 'pair';
        COMMENT ON PROCEDURE "Sales".p(integer, integer) IS 'proc';
        """;
}
