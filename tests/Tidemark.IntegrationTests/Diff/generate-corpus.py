import os, textwrap, shutil
# Regenerates Corpus/ (every case folder is rewritten). Run: python3 generate-corpus.py
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Corpus")
cases = []
unsupported = {}
def case(name, frm, to, hazards="", unsup=None):
    cases.append((name, textwrap.dedent(frm).strip() + "\n", textwrap.dedent(to).strip() + "\n", hazards.split()))
    if unsup: unsupported[name] = unsup

RICH = """
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
"""

# ---------- identical ----------
case("identical_empty", "", "")
case("identical_rich", RICH, RICH)

# ---------- schemas ----------
case("schema_create", "", "CREATE SCHEMA sales;")
case("schema_drop", "CREATE SCHEMA sales;", "", "Breaking")
case("schema_with_table_create", "", """
CREATE SCHEMA "Billing";
CREATE TABLE "Billing"."Order" (id int PRIMARY KEY, "Total" numeric(10,2));
""")

# ---------- extensions ----------
case("extension_create_citext", "CREATE TABLE account (id int PRIMARY KEY);", """
CREATE EXTENSION citext;
CREATE TABLE account (id int PRIMARY KEY, login citext NOT NULL);
""")
case("extension_drop_pgcrypto", "CREATE EXTENSION pgcrypto;", "", "Breaking")
case("extension_in_schema", "", """
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
CREATE TABLE doc (id int PRIMARY KEY, body text);
CREATE INDEX doc_body_trgm ON doc USING gin (body ext.gin_trgm_ops);
""")

# ---------- enums ----------
ENUM_TBL = "CREATE TABLE ticket (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');"
case("enum_create", "", "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n" + ENUM_TBL)
case("enum_add_value_end", "CREATE TYPE mood AS ENUM ('sad', 'ok');\n" + ENUM_TBL,
     "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n" + ENUM_TBL)
case("enum_add_value_middle", "CREATE TYPE mood AS ENUM ('sad', 'happy', 'ok');\n" + ENUM_TBL,
     "CREATE TYPE mood AS ENUM ('sad', 'meh', 'happy', 'ok');\n" + ENUM_TBL)
case("enum_add_values_everywhere", "CREATE TYPE mood AS ENUM ('sad', 'ok');\n" + ENUM_TBL,
     "CREATE TYPE mood AS ENUM ('awful', 'sad', 'meh', 'ok', 'great', 'ecstatic');\n" + ENUM_TBL)
case("enum_remove_value", "CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok');\n" + ENUM_TBL,
     "CREATE TYPE mood AS ENUM ('sad', 'ok');\n" + ENUM_TBL, "DataLoss TableRewrite AccessExclusiveLock")
case("enum_reorder", "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n" + ENUM_TBL,
     "CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');\n" + ENUM_TBL, "DataLoss TableRewrite AccessExclusiveLock")
case("enum_drop", "CREATE TYPE mood AS ENUM ('sad', 'ok');", "", "DataLoss")
case("enum_mixed_case_values", "", """
CREATE SCHEMA "Kinds";
CREATE TYPE "Kinds"."Level" AS ENUM ('Low', 'it''s high', 'select');
""")

# ---------- domains ----------
case("domain_create", "", """
CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE TABLE stock (id int PRIMARY KEY, qty positive_int);
""")
case("domain_default_change", "CREATE DOMAIN code AS varchar(10) DEFAULT 'x';",
     "CREATE DOMAIN code AS varchar(10) DEFAULT 'y';")
case("domain_add_check", "CREATE DOMAIN code AS varchar(10);",
     "CREATE DOMAIN code AS varchar(10) CONSTRAINT code_upper CHECK (VALUE = upper(VALUE));", "FullTableScan")
case("domain_drop_check_and_not_null", "CREATE DOMAIN code AS varchar(10) NOT NULL CONSTRAINT code_upper CHECK (VALUE = upper(VALUE));",
     "CREATE DOMAIN code AS varchar(10);")
case("domain_set_not_null", "CREATE DOMAIN code AS text;", "CREATE DOMAIN code AS text NOT NULL;", "FullTableScan")
case("domain_drop", "CREATE DOMAIN code AS text;", "", "DataLoss")
case("domain_collation", "", "CREATE DOMAIN ci_code AS text COLLATE \"C\";")

# ---------- composite types ----------
case("composite_create", "", """
CREATE TYPE address AS (street text, city varchar(80), zip char(5));
CREATE TABLE shop (id int PRIMARY KEY, addr address);
""")
case("composite_add_attribute", "CREATE TYPE address AS (street text, city text);",
     "CREATE TYPE address AS (street text, city text, country text);")
case("composite_drop_attribute", "CREATE TYPE address AS (street text, city text, zip text);",
     "CREATE TYPE address AS (street text, city text);", "DataLoss")
case("composite_drop", "CREATE TYPE address AS (street text);", "", "DataLoss")

# ---------- sequences ----------
case("sequence_create", "", """
CREATE SEQUENCE counter AS integer START WITH 10 INCREMENT BY 2 MINVALUE 10 MAXVALUE 1000000 CYCLE CACHE 1;
""")
case("sequence_owned_by", "CREATE SEQUENCE order_no; CREATE TABLE orders (id int PRIMARY KEY, no bigint);", """
CREATE TABLE orders (id int PRIMARY KEY, no bigint);
CREATE SEQUENCE order_no OWNED BY orders.no;
""")
case("sequence_drop", "CREATE SEQUENCE counter;", "", "DataLoss")
case("sequence_default_new_table", "", """
CREATE SCHEMA s;
CREATE SEQUENCE s.ids START 100;
CREATE TABLE s.thing (id bigint PRIMARY KEY DEFAULT nextval('s.ids'), name text);
""")
case("serial_column_add", "CREATE TABLE item (name text);", "CREATE TABLE item (name text, id serial NOT NULL);",
     "TableRewrite AccessExclusiveLock")

# ---------- tables ----------
case("table_create", "", """
CREATE TABLE product (
  id integer NOT NULL,
  sku varchar(32) NOT NULL,
  price numeric(10,2) DEFAULT 0,
  tags text[],
  payload jsonb,
  created timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT product_pkey PRIMARY KEY (id)
);
""")
case("table_drop", "CREATE TABLE product (id int PRIMARY KEY);", "", "DataLoss Breaking")
case("table_set_unlogged", "CREATE TABLE cache (k text PRIMARY KEY, v text);",
     "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);", "TableRewrite AccessExclusiveLock")
case("table_create_unlogged", "", "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);")
case("table_rls_enable_force", "CREATE TABLE secret (id int PRIMARY KEY);", """
CREATE TABLE secret (id int PRIMARY KEY);
ALTER TABLE secret ENABLE ROW LEVEL SECURITY;
ALTER TABLE secret FORCE ROW LEVEL SECURITY;
""")
case("table_rls_disable", """
CREATE TABLE secret (id int PRIMARY KEY);
ALTER TABLE secret ENABLE ROW LEVEL SECURITY;
""", "CREATE TABLE secret (id int PRIMARY KEY);")
case("table_reloptions", "CREATE TABLE hot (id int PRIMARY KEY) WITH (fillfactor = 90, autovacuum_enabled = false);",
     "CREATE TABLE hot (id int PRIMARY KEY) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);")
case("partitioned_range_create", "", """
CREATE TABLE measurement (id bigint NOT NULL, logdate date NOT NULL, peak int) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurement_2025 PARTITION OF measurement FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX measurement_logdate_idx ON measurement (logdate);
""")
case("partition_add_list", """
CREATE TABLE city (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE city_east PARTITION OF city FOR VALUES IN ('east');
""", """
CREATE TABLE city (id int NOT NULL, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE city_east PARTITION OF city FOR VALUES IN ('east');
CREATE TABLE city_west PARTITION OF city FOR VALUES IN ('west', 'north');
CREATE TABLE city_other PARTITION OF city DEFAULT;
""")
case("partition_drop", """
CREATE TABLE ev (id int NOT NULL, k int NOT NULL) PARTITION BY HASH (k);
CREATE TABLE ev_0 PARTITION OF ev FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE ev_1 PARTITION OF ev FOR VALUES WITH (MODULUS 2, REMAINDER 1);
""", """
CREATE TABLE ev (id int NOT NULL, k int NOT NULL) PARTITION BY HASH (k);
CREATE TABLE ev_0 PARTITION OF ev FOR VALUES WITH (MODULUS 2, REMAINDER 0);
""", "DataLoss Breaking")
case("partitioned_add_column", """
CREATE TABLE m (id int NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
""", """
CREATE TABLE m (id int NOT NULL, d date NOT NULL, note text) PARTITION BY RANGE (d);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM (MINVALUE) TO ('2020-01-01');
""")
case("inheritance_create", "CREATE TABLE animal (id int, name text);", """
CREATE TABLE animal (id int, name text);
CREATE TABLE dog (good boolean DEFAULT true) INHERITS (animal);
""")

# ---------- columns ----------
case("column_add", "CREATE TABLE t (id int PRIMARY KEY);", """
CREATE TABLE t (id int PRIMARY KEY, a text, b int NOT NULL DEFAULT 0, c timestamptz DEFAULT now());
""")
case("column_add_volatile_default", "CREATE TABLE t (id int PRIMARY KEY);",
     "CREATE TABLE t (id int PRIMARY KEY, r double precision DEFAULT random());", "TableRewrite AccessExclusiveLock")
case("column_drop", "CREATE TABLE t (id int PRIMARY KEY, a text, b text);",
     "CREATE TABLE t (id int PRIMARY KEY, b text);", "DataLoss Breaking")
case("column_type_widen_no_rewrite", "CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b varchar(20), c numeric(8,2));",
     "CREATE TABLE t (id int PRIMARY KEY, a varchar(50), b text, c numeric(12,2));")
case("column_type_widen_rewrite", "CREATE TABLE t (id int PRIMARY KEY, n integer, f real);",
     "CREATE TABLE t (id int PRIMARY KEY, n bigint, f double precision);", "TableRewrite AccessExclusiveLock")
case("column_type_narrow", "CREATE TABLE t (id int PRIMARY KEY, a varchar(50), n bigint);",
     "CREATE TABLE t (id int PRIMARY KEY, a varchar(10), n integer);", "DataLoss TableRewrite AccessExclusiveLock")
case("column_type_using", "CREATE TABLE t (id int PRIMARY KEY, code text, flag text);",
     "CREATE TABLE t (id int PRIMARY KEY, code integer, flag boolean);", "DataLoss TableRewrite AccessExclusiveLock")
case("column_type_to_enum", "CREATE TYPE color AS ENUM ('red', 'blue'); CREATE TABLE t (id int PRIMARY KEY, c text DEFAULT 'red');",
     "CREATE TYPE color AS ENUM ('red', 'blue'); CREATE TABLE t (id int PRIMARY KEY, c color DEFAULT 'red');",
     "DataLoss TableRewrite AccessExclusiveLock")
case("column_collation", "CREATE TABLE t (id int PRIMARY KEY, name text);",
     "CREATE TABLE t (id int PRIMARY KEY, name text COLLATE \"C\");")
case("column_not_null_on", "CREATE TABLE t (id int PRIMARY KEY, a text);",
     "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);", "AccessExclusiveLock FullTableScan")
case("column_not_null_off", "CREATE TABLE t (id int PRIMARY KEY, a text NOT NULL);",
     "CREATE TABLE t (id int PRIMARY KEY, a text);")
case("column_defaults", "CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 1, b text, c text DEFAULT 'x');",
     "CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 2, b text DEFAULT 'it''s', c text);")
case("column_identity_add", "CREATE TABLE t (id int NOT NULL, v text);",
     "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 10) NOT NULL, v text);")
case("column_identity_change", "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);",
     "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY 5 MAXVALUE 100000 CYCLE), v text);")
case("column_identity_drop", "CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY, v text);",
     "CREATE TABLE t (id int NOT NULL, v text);")
case("column_generated_add", "CREATE TABLE t (id int PRIMARY KEY, w numeric, h numeric);",
     "CREATE TABLE t (id int PRIMARY KEY, w numeric, h numeric, area numeric GENERATED ALWAYS AS (w * h) STORED);",
     "TableRewrite AccessExclusiveLock")
case("column_generated_change", "CREATE TABLE t (id int PRIMARY KEY, w numeric, area numeric GENERATED ALWAYS AS (w * 2) STORED);",
     "CREATE TABLE t (id int PRIMARY KEY, w numeric, area numeric GENERATED ALWAYS AS (w * 3) STORED);",
     "TableRewrite AccessExclusiveLock")

# ---------- constraints ----------
case("constraint_pk_add", "CREATE TABLE t (id int NOT NULL, v text);",
     "CREATE TABLE t (id int NOT NULL, v text, CONSTRAINT t_pk PRIMARY KEY (id));", "AccessExclusiveLock")
case("constraint_unique_nulls_not_distinct", "CREATE TABLE t (id int PRIMARY KEY, a int, b int);",
     "CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT t_ab_key UNIQUE NULLS NOT DISTINCT (a, b));",
     "AccessExclusiveLock")
case("constraint_unique_deferrable", "CREATE TABLE t (id int PRIMARY KEY, a int);",
     "CREATE TABLE t (id int PRIMARY KEY, a int CONSTRAINT t_a_key UNIQUE DEFERRABLE INITIALLY DEFERRED);",
     "AccessExclusiveLock")
case("constraint_fk_add_full", """
CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE child (id int PRIMARY KEY, pa int, pb int);
""", """
CREATE TABLE parent (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE child (id int PRIMARY KEY, pa int, pb int,
  CONSTRAINT child_parent_fk FOREIGN KEY (pa, pb) REFERENCES parent (a, b) MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED);
""", "FullTableScan")
case("constraint_fk_not_valid", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
""", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE RESTRICT NOT VALID;
""")
case("constraint_fk_actions_change", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int CONSTRAINT child_fk REFERENCES parent ON DELETE CASCADE);
""", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int CONSTRAINT child_fk REFERENCES parent ON DELETE SET NULL ON UPDATE CASCADE);
""", "FullTableScan")
case("constraint_check_add", "CREATE TABLE t (id int PRIMARY KEY, qty int);",
     "CREATE TABLE t (id int PRIMARY KEY, qty int CONSTRAINT qty_positive CHECK (qty > 0));", "AccessExclusiveLock FullTableScan")
case("constraint_check_not_valid", "CREATE TABLE t (id int PRIMARY KEY, qty int);", """
CREATE TABLE t (id int PRIMARY KEY, qty int);
ALTER TABLE t ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;
""")
case("constraint_validate", """
CREATE TABLE t (id int PRIMARY KEY, qty int);
ALTER TABLE t ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;
""", "CREATE TABLE t (id int PRIMARY KEY, qty int CONSTRAINT qty_positive CHECK (qty > 0));", "FullTableScan")
case("constraint_check_change", "CREATE TABLE t (id int PRIMARY KEY, qty int CONSTRAINT qty_ok CHECK (qty > 0));",
     "CREATE TABLE t (id int PRIMARY KEY, qty int CONSTRAINT qty_ok CHECK (qty >= 0 AND qty < 1000));", "AccessExclusiveLock FullTableScan")
case("constraint_exclude", "CREATE TABLE booking (id int PRIMARY KEY, during tsrange);",
     "CREATE TABLE booking (id int PRIMARY KEY, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (id > 0));",
     "AccessExclusiveLock")
case("constraint_drop_all_kinds", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE t (id int CONSTRAINT t_pkey PRIMARY KEY, a int CONSTRAINT t_a_key UNIQUE, p int CONSTRAINT t_p_fk REFERENCES parent,
  q int CONSTRAINT t_q_check CHECK (q <> 0), r int4range, CONSTRAINT t_r_excl EXCLUDE USING gist (r WITH &&));
""", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE t (id int NOT NULL, a int, p int, q int, r int4range);
""")
case("constraint_pk_change_columns", "CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a));",
     "CREATE TABLE t (a int NOT NULL, b int NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a, b));", "AccessExclusiveLock")
case("fk_drop_with_referenced_table", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
""", "CREATE TABLE child (id int PRIMARY KEY, parent_id int);", "DataLoss Breaking")
case("fk_cross_schema_create", "", """
CREATE SCHEMA a; CREATE SCHEMA b;
CREATE TABLE b.child (id int PRIMARY KEY, parent_id int);
CREATE TABLE a.parent (id int PRIMARY KEY);
ALTER TABLE b.child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES a.parent (id);
""")
case("fk_self_reference", "", "CREATE TABLE node (id int PRIMARY KEY, parent_id int REFERENCES node(id) ON DELETE SET NULL);")

# ---------- indexes ----------
case("index_create_basic", "CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int);", """
CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int);
CREATE INDEX t_a_idx ON t (a);
CREATE UNIQUE INDEX t_b_c_uidx ON t (b DESC NULLS LAST, c NULLS FIRST);
""")
case("index_expression_partial_include", "CREATE TABLE t (id int PRIMARY KEY, email text, active boolean, n int);", """
CREATE TABLE t (id int PRIMARY KEY, email text, active boolean, n int);
CREATE UNIQUE INDEX t_lower_email ON t (lower(email)) INCLUDE (n) WHERE active;
CREATE INDEX t_expr2 ON t ((n * 2), (email || 'x'));
""")
case("index_methods_opclass_collation", "CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], ts timestamptz, h text);", """
CREATE TABLE t (id int PRIMARY KEY, name text, tags text[], ts timestamptz, h text);
CREATE INDEX t_name_pattern ON t (name text_pattern_ops);
CREATE INDEX t_name_c ON t (name COLLATE "C" DESC);
CREATE INDEX t_tags_gin ON t USING gin (tags);
CREATE INDEX t_ts_brin ON t USING brin (ts) WITH (pages_per_range = 32);
CREATE INDEX t_h_hash ON t USING hash (h);
""")
case("index_unique_nulls_not_distinct", "CREATE TABLE t (id int PRIMARY KEY, a int);", """
CREATE TABLE t (id int PRIMARY KEY, a int);
CREATE UNIQUE INDEX t_a_nnd ON t (a) NULLS NOT DISTINCT;
""")
case("index_change", """
CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_idx ON t (a);
""", """
CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_idx ON t (a, b) WHERE b > 0;
""")
case("index_drop", """
CREATE TABLE t (id int PRIMARY KEY, a int);
CREATE INDEX t_a_idx ON t (a);
""", "CREATE TABLE t (id int PRIMARY KEY, a int);")

# ---------- views ----------
VBASE = "CREATE TABLE person (id int PRIMARY KEY, name text, age int);\n"
case("view_create", VBASE, VBASE + "CREATE VIEW adult AS SELECT id, name FROM person WHERE age >= 18;")
case("view_change_compatible", VBASE + "CREATE VIEW adult AS SELECT id, name FROM person WHERE age >= 18;",
     VBASE + "CREATE VIEW adult AS SELECT id, name, age FROM person WHERE age >= 21;")
case("view_change_incompatible", VBASE + "CREATE VIEW adult AS SELECT id, name FROM person WHERE age >= 18;",
     VBASE + "CREATE VIEW adult AS SELECT name, id FROM person;", "Breaking")
case("view_drop", VBASE + "CREATE VIEW adult AS SELECT id FROM person;", VBASE, "Breaking")
case("view_on_view_chain", VBASE, VBASE + """
CREATE VIEW v1 AS SELECT id, name, age FROM person;
CREATE VIEW v2 AS SELECT id, name FROM v1 WHERE age > 1;
CREATE VIEW v3 AS SELECT count(*) AS n FROM v2;
""")
case("view_column_type_change_dependent", """
CREATE TABLE person (id int PRIMARY KEY, name varchar(20), age int);
CREATE VIEW adult AS SELECT id, name, age FROM person WHERE age >= 18;
CREATE VIEW adult_names AS SELECT name FROM adult;
""", """
CREATE TABLE person (id int PRIMARY KEY, name varchar(20), age bigint);
CREATE VIEW adult AS SELECT id, name, age FROM person WHERE age >= 18;
CREATE VIEW adult_names AS SELECT name FROM adult;
""", "TableRewrite AccessExclusiveLock")
case("view_drop_column_used", """
CREATE TABLE person (id int PRIMARY KEY, name text, nick text);
CREATE VIEW names AS SELECT id, name, nick FROM person;
""", """
CREATE TABLE person (id int PRIMARY KEY, name text);
CREATE VIEW names AS SELECT id, name FROM person;
""", "DataLoss Breaking")
case("view_options", VBASE, VBASE + """
CREATE VIEW adult WITH (security_barrier = true) AS SELECT id, name FROM person WHERE age >= 18 WITH CASCADED CHECK OPTION;
""")
case("matview_create", VBASE, VBASE + """
CREATE MATERIALIZED VIEW age_stats AS SELECT age, count(*) AS n FROM person GROUP BY age;
CREATE UNIQUE INDEX age_stats_age ON age_stats (age);
""")
case("matview_change", VBASE + "CREATE MATERIALIZED VIEW age_stats AS SELECT age, count(*) AS n FROM person GROUP BY age;",
     VBASE + "CREATE MATERIALIZED VIEW age_stats AS SELECT age, count(*) AS n, max(id) AS top FROM person GROUP BY age;", "Breaking")
case("matview_drop", VBASE + "CREATE MATERIALIZED VIEW age_stats AS SELECT age FROM person;", VBASE, "Breaking")
case("matview_index_add", VBASE + "CREATE MATERIALIZED VIEW mv AS SELECT id, age FROM person;",
     VBASE + "CREATE MATERIALIZED VIEW mv AS SELECT id, age FROM person; CREATE INDEX mv_age ON mv (age);")

# ---------- functions / procedures ----------
case("function_create", "", """
CREATE SCHEMA util;
CREATE FUNCTION util.add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT a + b $$;
CREATE FUNCTION util.now_text() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN now()::text;
END
$$;
CREATE FUNCTION util.rows(n int) RETURNS TABLE (i int) LANGUAGE sql AS $$ SELECT generate_series(1, n) $$;
""")
case("function_body_change", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$;",
     "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 2 $$;")
case("function_attributes_change", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT x $$;",
     "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = public AS $$ SELECT x $$;")
case("function_return_type_change", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;",
     "CREATE FUNCTION f(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x::bigint $$;", "Breaking")
case("function_overloads", "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;", """
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
CREATE FUNCTION f(x text) RETURNS text LANGUAGE sql AS $$ SELECT x $$;
""")
case("function_drop", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;", "", "Breaking")
case("function_used_by_default", "CREATE TABLE t (id int PRIMARY KEY);", """
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'C' || floor(random() * 1000)::text $$;
CREATE TABLE t (id int PRIMARY KEY, code text DEFAULT next_code());
""", "TableRewrite AccessExclusiveLock")
case("procedure_create_change_drop", """
CREATE PROCEDURE p_keep(a int) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE '%', a; END $$;
CREATE PROCEDURE p_gone() LANGUAGE sql AS $$ SELECT 1 $$;
""", """
CREATE PROCEDURE p_keep(a int) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'changed %', a; END $$;
CREATE PROCEDURE p_new(INOUT r int) LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN r := r * 2; END $$;
""", "Breaking")

# ---------- triggers ----------
TRG_BASE = """
CREATE TABLE t (id int PRIMARY KEY, v text, updated timestamptz);
"""
TRG_FN = "CREATE FUNCTION set_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated := now(); RETURN NEW; END $$;\n"
case("trigger_create_with_function", TRG_BASE, TRG_BASE + TRG_FN + """
CREATE TRIGGER t_updated BEFORE INSERT OR UPDATE OF v ON t FOR EACH ROW WHEN (NEW.v IS NOT NULL) EXECUTE FUNCTION set_updated();
CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION set_updated();
""")
case("trigger_change", TRG_BASE + TRG_FN + "CREATE TRIGGER t_updated BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_updated();",
     TRG_BASE + TRG_FN + "CREATE TRIGGER t_updated BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION set_updated();")
case("trigger_drop", TRG_BASE + TRG_FN + "CREATE TRIGGER t_updated BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_updated();",
     TRG_BASE + TRG_FN)
case("trigger_statement_level_transition", TRG_BASE + """
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
""", TRG_BASE + """
CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER t_audit AFTER UPDATE ON t REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit();
""")

# ---------- policies ----------
POL_BASE = """
CREATE TABLE doc (id int PRIMARY KEY, owner text, public boolean);
ALTER TABLE doc ENABLE ROW LEVEL SECURITY;
"""
case("policy_create", POL_BASE, POL_BASE + """
CREATE POLICY doc_owner ON doc FOR SELECT TO PUBLIC USING (owner = current_user);
CREATE POLICY doc_insert ON doc AS RESTRICTIVE FOR INSERT TO postgres WITH CHECK (public);
""")
case("policy_change", POL_BASE + "CREATE POLICY doc_owner ON doc FOR ALL USING (owner = current_user);",
     POL_BASE + "CREATE POLICY doc_owner ON doc FOR ALL TO postgres USING (owner = current_user OR public) WITH CHECK (owner = current_user);")
case("policy_command_change", POL_BASE + "CREATE POLICY p ON doc FOR SELECT USING (true);",
     POL_BASE + "CREATE POLICY p ON doc FOR UPDATE USING (true);")
case("policy_drop", POL_BASE + "CREATE POLICY p ON doc USING (true);", POL_BASE)

# ---------- comments ----------
COM_BASE = """
CREATE SCHEMA app;
CREATE TYPE app.kind AS ENUM ('a');
CREATE DOMAIN app.code AS text;
CREATE SEQUENCE app.seq;
CREATE TABLE app.t (id int CONSTRAINT t_pkey PRIMARY KEY, v text CONSTRAINT v_check CHECK (v <> ''));
CREATE INDEX t_v_idx ON app.t (v);
CREATE VIEW app.vw AS SELECT id FROM app.t;
CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.t;
CREATE FUNCTION app.fn(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_trg BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
CREATE POLICY t_pol ON app.t USING (true);
"""
case("comments_on_everything", COM_BASE, COM_BASE + """
COMMENT ON SCHEMA app IS 'application';
COMMENT ON TYPE app.kind IS 'kind of thing';
COMMENT ON DOMAIN app.code IS 'a code';
COMMENT ON SEQUENCE app.seq IS 'numbers';
COMMENT ON TABLE app.t IS 'the table';
COMMENT ON COLUMN app.t.v IS 'it''s a value';
COMMENT ON CONSTRAINT t_pkey ON app.t IS 'key';
COMMENT ON CONSTRAINT v_check ON app.t IS 'not empty';
COMMENT ON INDEX app.t_v_idx IS 'lookup';
COMMENT ON VIEW app.vw IS 'view';
COMMENT ON MATERIALIZED VIEW app.mv IS 'matview';
COMMENT ON FUNCTION app.fn(int) IS 'identity';
COMMENT ON TRIGGER t_trg ON app.t IS 'trigger';
COMMENT ON POLICY t_pol ON app.t IS 'policy';
""")
case("comments_change_and_remove", COM_BASE + """
COMMENT ON TABLE app.t IS 'old';
COMMENT ON COLUMN app.t.v IS 'old';
COMMENT ON FUNCTION app.fn(int) IS 'old';
""", COM_BASE + """
COMMENT ON TABLE app.t IS 'new';
""")

# ---------- names ----------
case("mixed_case_reserved_names", "", """
CREATE SCHEMA "Select";
CREATE TABLE "Order" ("Id" int PRIMARY KEY, "from" text, "Group" int);
CREATE TABLE "user" (id int PRIMARY KEY, "order" int REFERENCES "Order" ("Id"));
CREATE TABLE "Select"."select" ("where" int CONSTRAINT "Check It" CHECK ("where" > 0));
CREATE INDEX "Order By" ON "Order" ("from", "Group");
CREATE VIEW "Select"."View" AS SELECT "where" AS "Where" FROM "Select"."select";
CREATE TYPE "Select"."Enum" AS ENUM ('A');
CREATE FUNCTION "Select"."Fn"("In" int) RETURNS int LANGUAGE sql AS $$ SELECT "In" $$;
""")
case("mixed_case_alter", """
CREATE TABLE "Order" ("Id" int PRIMARY KEY, "from" text);
CREATE TABLE "user" (id int PRIMARY KEY);
""", """
CREATE TABLE "Order" ("Id" bigint PRIMARY KEY, "from" text NOT NULL DEFAULT 'x', "To" int);
CREATE TABLE "user" (id int PRIMARY KEY, "select" boolean);
COMMENT ON COLUMN "Order"."from" IS 'origin';
""", "TableRewrite AccessExclusiveLock FullTableScan")

# ---------- whole schemas ----------
case("create_everything", "", RICH)
case("drop_everything", RICH, "", "DataLoss Breaking")
case("rich_nonpublic_alter", RICH, RICH.replace("note text", "note text, paid boolean NOT NULL DEFAULT false")
     .replace("('new', 'active', 'closed')", "('new', 'active', 'suspended', 'closed')")
     .replace("'people who pay'", "'customers'"))
case("type_dependency_chain", "", """
CREATE TYPE level AS ENUM ('low', 'high');
CREATE DOMAIN level_not_null AS level NOT NULL;
CREATE TYPE reading AS (lvl level, at timestamptz);
CREATE TABLE sensor (id int PRIMARY KEY, lvl level_not_null, last reading, history reading[]);
""")

# ---------- extra edge cases ----------
case("trigger_and_function_dropped", TRG_BASE + TRG_FN + "CREATE TRIGGER t_updated BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION set_updated();",
     TRG_BASE, "Breaking")
case("view_reads_recreated_function", """
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x $$;
CREATE VIEW v AS SELECT f(1) AS one;
""", """
CREATE FUNCTION f(x int) RETURNS bigint LANGUAGE sql AS $$ SELECT x::bigint $$;
CREATE VIEW v AS SELECT f(1) AS one;
""", "Breaking")
case("table_renamed_is_drop_and_create", "CREATE TABLE old_name (id int PRIMARY KEY);",
     "CREATE TABLE new_name (id int PRIMARY KEY);", "DataLoss Breaking")
case("table_moved_to_other_schema", "CREATE SCHEMA a; CREATE SCHEMA b; CREATE TABLE a.t (id int PRIMARY KEY);",
     "CREATE SCHEMA a; CREATE SCHEMA b; CREATE TABLE b.t (id int PRIMARY KEY);", "DataLoss Breaking")
case("serial_table_dropped_with_sequence", "CREATE TABLE t (id serial PRIMARY KEY); CREATE TABLE keep (id int);",
     "CREATE TABLE keep (id int);", "DataLoss Breaking")
case("column_type_change_with_index_and_check", """
CREATE TABLE t (id int PRIMARY KEY, n int CONSTRAINT n_pos CHECK (n > 0));
CREATE INDEX t_n_idx ON t (n) WHERE n > 10;
""", """
CREATE TABLE t (id int PRIMARY KEY, n bigint CONSTRAINT n_pos CHECK (n > 0));
CREATE INDEX t_n_idx ON t (n) WHERE n > 10;
""", "TableRewrite AccessExclusiveLock")
case("enum_recreate_with_dependent_view", RICH, RICH.replace("('new', 'active', 'closed')", "('new', 'active')"),
     "DataLoss TableRewrite AccessExclusiveLock")
case("partitioned_table_drop", """
CREATE TABLE m (id int NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE m_2 PARTITION OF m FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
""", "", "DataLoss Breaking")
case("inheritance_drop", "CREATE TABLE animal (id int); CREATE TABLE dog (good boolean) INHERITS (animal);", "", "DataLoss Breaking")
case("inheritance_add_parent_column", "CREATE TABLE animal (id int); CREATE TABLE dog (good boolean) INHERITS (animal);",
     "CREATE TABLE animal (id int, name text); CREATE TABLE dog (good boolean) INHERITS (animal);")
case("fk_target_key_recreated", """
CREATE TABLE parent (a int NOT NULL, b int NOT NULL, CONSTRAINT parent_key UNIQUE (a));
CREATE TABLE child (id int PRIMARY KEY, a int CONSTRAINT child_a_fk REFERENCES parent (a));
""", """
CREATE TABLE parent (a int NOT NULL, b int NOT NULL, CONSTRAINT parent_key UNIQUE (a) WITH (fillfactor = 80));
CREATE TABLE child (id int PRIMARY KEY, a int CONSTRAINT child_a_fk REFERENCES parent (a));
""", "AccessExclusiveLock FullTableScan")
case("fk_both_columns_widened", """
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent);
""", """
CREATE TABLE parent (id bigint PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id bigint REFERENCES parent);
""", "TableRewrite AccessExclusiveLock")
case("fk_cycle_create_and_drop", "CREATE TABLE keep (id int);", """
CREATE TABLE keep (id int);
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b;
""")
case("fk_cycle_drop", """
CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);
ALTER TABLE a ADD CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b;
""", "", "DataLoss Breaking")
case("index_and_check_use_function", "", """
CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(trim(t)) $$;
CREATE TABLE u (id int PRIMARY KEY, email text CONSTRAINT email_norm CHECK (norm(email) <> ''));
CREATE UNIQUE INDEX u_email_norm ON u (norm(email));
""")
case("table_set_logged", "CREATE UNLOGGED TABLE c (k text PRIMARY KEY);", "CREATE TABLE c (k text PRIMARY KEY);",
     "TableRewrite AccessExclusiveLock")
case("matview_on_changed_view", VBASE + """
CREATE VIEW v AS SELECT id, name FROM person;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM v;
""", VBASE + """
CREATE VIEW v AS SELECT name, id FROM person;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM v;
""", "Breaking")
case("extension_type_column_dropped_with_extension", "CREATE EXTENSION citext; CREATE TABLE a (id int, login citext);",
     "CREATE TABLE a (id int);", "DataLoss Breaking")
case("domain_typed_columns_and_checks", "CREATE DOMAIN pos AS int; CREATE TABLE s (id int PRIMARY KEY, q pos);", """
CREATE DOMAIN pos AS int CONSTRAINT pos_check CHECK (VALUE > 0) NOT NULL DEFAULT 1;
CREATE TABLE s (id int PRIMARY KEY, q pos);
""", "FullTableScan")
case("identity_table_create", "", """
CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 7 CACHE 20) PRIMARY KEY, v text);
""")
case("partitioned_add_not_null_default_column", """
CREATE TABLE m (id int NOT NULL, d date NOT NULL) PARTITION BY RANGE (d);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
""", """
CREATE TABLE m (id int NOT NULL, d date NOT NULL, flag boolean NOT NULL DEFAULT false) PARTITION BY RANGE (d);
CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE INDEX m_flag ON m (flag);
""")

case("column_added_in_middle_is_appended", "CREATE TABLE t (a int, c int);", "CREATE TABLE t (a int, b int, c int);")
case("sequence_alter_options", "CREATE SEQUENCE counter START WITH 1;",
     "CREATE SEQUENCE counter AS integer START WITH 5 INCREMENT BY 3 MINVALUE 2 MAXVALUE 9000 CYCLE;", "DataLoss")
case("sequence_widen_options", "CREATE SEQUENCE counter AS integer START WITH 5 MAXVALUE 9000;",
     "CREATE SEQUENCE counter AS bigint START WITH 5 INCREMENT BY 2 CACHE 10;")
case("enum_value_added_and_used", "CREATE TYPE st AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY);", """
CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t (id int PRIMARY KEY, s st NOT NULL DEFAULT 'c' CONSTRAINT s_not_b CHECK (s <> 'b'));
""", "AccessExclusiveLock FullTableScan")
case("sql_function_reads_table_used_by_view", "", """
CREATE TABLE t (id int PRIMARY KEY);
CREATE FUNCTION count_t() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM t $$;
CREATE VIEW v AS SELECT count_t() AS n;
""")
case("partitioned_with_fk_trigger_and_partition_index", "CREATE TABLE owner (id int PRIMARY KEY);", """
CREATE TABLE owner (id int PRIMARY KEY);
CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE ev (id int NOT NULL, owner_id int REFERENCES owner, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ev_2024_owner ON ev_2024 (owner_id);
CREATE TRIGGER ev_noop BEFORE INSERT ON ev FOR EACH ROW EXECUTE FUNCTION noop();
""")
case("view_column_comments", VBASE + "CREATE VIEW v AS SELECT id, name FROM person;", VBASE + """
CREATE VIEW v AS SELECT id, name FROM person;
COMMENT ON COLUMN v.name IS 'display name';
COMMENT ON COLUMN person.age IS 'years';
""")
case("not_null_column_added_to_existing_table", "CREATE TABLE t (id int PRIMARY KEY);", "CREATE TABLE t (id int PRIMARY KEY, must text NOT NULL);")
case("subpartitions", "", """
CREATE TABLE sales (id int NOT NULL, region text NOT NULL, at date NOT NULL) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('eu') PARTITION BY RANGE (at);
CREATE TABLE sales_eu_2024 PARTITION OF sales_eu FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX sales_at ON sales (at);
""")
case("instead_of_trigger_on_view", VBASE + """
CREATE VIEW v AS SELECT id, name FROM person;
CREATE FUNCTION v_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO person (id, name) VALUES (NEW.id, NEW.name); RETURN NEW; END $$;
""", VBASE + """
CREATE VIEW v AS SELECT id, name FROM person;
CREATE FUNCTION v_ins() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO person (id, name) VALUES (NEW.id, NEW.name); RETURN NEW; END $$;
CREATE TRIGGER v_ins INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_ins();
""")
case("function_out_args_and_sql_body", "CREATE TABLE t (id int PRIMARY KEY, n int);", """
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE FUNCTION stats(IN lim int, OUT total bigint, OUT biggest int) LANGUAGE sql STABLE AS $$ SELECT count(*), max(n) FROM t WHERE n < lim $$;
CREATE FUNCTION total_n() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT sum(n) FROM t;
END;
""")
case("check_no_inherit", "CREATE TABLE p (id int, v int);", """
CREATE TABLE p (id int, v int, CONSTRAINT p_v_pos CHECK (v > 0) NO INHERIT);
""", "AccessExclusiveLock FullTableScan")
case("aggregate_create_and_drop", """
CREATE FUNCTION add_one(acc int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 1 $$;
CREATE AGGREGATE old_count(int) (SFUNC = add_one, STYPE = int, INITCOND = '0');
""", """
CREATE FUNCTION add_one(acc int, x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT acc + 1 $$;
CREATE AGGREGATE my_count(int) (SFUNC = add_one, STYPE = int, INITCOND = '0');
""", "Breaking")
case("sql_body_function_changes_with_table_column", """
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE FUNCTION total_n() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM t; END;
""", """
CREATE TABLE t (id int PRIMARY KEY, n bigint);
CREATE FUNCTION total_n() RETURNS numeric LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM t; END;
""", "Breaking TableRewrite AccessExclusiveLock")
case("policy_and_trigger_read_retyped_column", TRG_FN + """
CREATE TABLE d (id int PRIMARY KEY, lvl int, v text, updated timestamptz);
ALTER TABLE d ENABLE ROW LEVEL SECURITY;
CREATE POLICY d_lvl ON d USING (lvl > 0);
CREATE TRIGGER d_upd BEFORE UPDATE OF lvl ON d FOR EACH ROW WHEN (NEW.lvl > 5) EXECUTE FUNCTION set_updated();
""", TRG_FN + """
CREATE TABLE d (id int PRIMARY KEY, lvl bigint, v text, updated timestamptz);
ALTER TABLE d ENABLE ROW LEVEL SECURITY;
CREATE POLICY d_lvl ON d USING (lvl > 0);
CREATE TRIGGER d_upd BEFORE UPDATE OF lvl ON d FOR EACH ROW WHEN (NEW.lvl > 5) EXECUTE FUNCTION set_updated();
""", "TableRewrite AccessExclusiveLock")
case("sql_body_function_reads_retyped_column", """
CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE FUNCTION total_n() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM t; END;
COMMENT ON FUNCTION total_n() IS 'sum';
""", """
CREATE TABLE t (id int PRIMARY KEY, n bigint);
CREATE FUNCTION total_n() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT sum(n) FROM t; END;
COMMENT ON FUNCTION total_n() IS 'sum';
""", "TableRewrite AccessExclusiveLock")
if os.path.exists(root):
    shutil.rmtree(root)
for i, (name, frm, to, hz) in enumerate(cases, 1):
    d = os.path.join(root, f"{i:03d}_{name}")
    os.makedirs(d)
    open(os.path.join(d, "from.sql"), "w").write(frm)
    open(os.path.join(d, "to.sql"), "w").write(to)
    open(os.path.join(d, "hazards.txt"), "w").write("".join(h + "\n" for h in sorted(hz)))
    if name in unsupported: open(os.path.join(d, "unsupported.txt"), "w").write(unsupported[name] + "\n")
print(len(cases))
