// Deterministic generator of realistic migration sets for the benchmark.
//   node generate.mjs <out dir> [N ...]        (default N = 100 500 1000)
// For each N writes <out>/n<N>/ and <out>/n<N>-half/ (the first N/2 migrations, same files) with every layout:
//   drizzle/meta/_journal.json + drizzle/NNNN_tag.sql   statements separated by `--> statement-breakpoint`
//   flyway/V<n>__tag.sql                                 Flyway / Evolve
//   plain/NNNN_tag.sql                                   Tidemark plain folder, DbUp, FluentMigrator, EF Core
//   grate/up/NNNN_tag.sql                                grate's folder convention
//   all.sql                                              everything concatenated (the psql floor)
// Also <out>/fail/ (N=100 with a typo on a known line of migration 50, described in fail.json)
// and <out>/catalog.sql (a 1 000-table schema for the catalog-read scenario).
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2] ?? 'work/sets';
const sizes = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [100, 500, 1000];

function rng(seed) { // mulberry32: same sequence on every machine
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nouns = ['account', 'order', 'invoice', 'device', 'shipment', 'customer', 'product', 'ticket', 'payment', 'review',
  'session', 'warehouse', 'supplier', 'coupon', 'address', 'report', 'audit', 'team', 'project', 'task'];
const pad = (n, w = 4) => String(n).padStart(w, '0');

/** Returns [{ tag, statements: [text] }] for n migrations. */
export function generate(n, seed = 42) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const tables = []; const enums = []; const migrations = [];
  for (let i = 1; i <= n; i++) {
    const id = pad(i);
    const roll = r();
    const s = [];
    let tag;
    if (i === 1 || (roll < 0.06 && enums.length < 60)) {
      const e = `status_${id}`; enums.push(e); tag = `enum_${e}`;
      s.push(`CREATE TYPE "public"."${e}" AS ENUM('draft', 'active', 'on_hold', 'archived');`);
      if (i === 1) { s.push(`CREATE TYPE "public"."priority_${id}" AS ENUM('low', 'normal', 'high');`); }
    } else if (tables.length < 3 || roll < 0.62) {
      const t = `t${id}_${pick(nouns)}`; tag = `create_${t}`;
      const cols = [
        `\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL`,
        `\t"name" text NOT NULL`,
        `\t"created_at" timestamp with time zone DEFAULT now() NOT NULL`,
        `\t"updated_at" timestamp with time zone DEFAULT now() NOT NULL`,
      ];
      const extra = [
        `\t"data" jsonb DEFAULT '{}'::jsonb NOT NULL`,
        `\t"amount" numeric(12, 2) DEFAULT '0'`,
        `\t"active" boolean DEFAULT true NOT NULL`,
        `\t"note" text DEFAULT 'n/a; see ''docs'''`,
        `\t"quantity" integer DEFAULT 1 NOT NULL`,
      ];
      const k = 1 + Math.floor(r() * extra.length);
      cols.push(...extra.slice(0, k));
      if (enums.length) { cols.push(`\t"status" "${pick(enums)}" DEFAULT 'draft' NOT NULL`); }
      const parent = tables.length && r() < 0.7 ? pick(tables) : null;
      if (parent) { cols.push(`\t"${parent.name.split('_')[1]}_id" uuid`); }
      s.push(`CREATE TABLE "${t}" (\n${cols.join(',\n')}\n);`);
      if (parent) {
        s.push(`ALTER TABLE "${t}" ADD CONSTRAINT "${t}_parent_fk" FOREIGN KEY ("${parent.name.split('_')[1]}_id") REFERENCES "public"."${parent.name}"("id") ON DELETE cascade ON UPDATE no action;`);
      }
      s.push(`CREATE INDEX "${t}_created_idx" ON "${t}" USING btree ("created_at");`);
      if (r() < 0.5) { s.push(`CREATE UNIQUE INDEX "${t}_name_key" ON "${t}" USING btree (lower("name"));`); }
      s.push(`COMMENT ON TABLE "${t}" IS 'The ${t} records; owner''s notes: keep it small.';`);
      tables.push({ name: t });
    } else if (roll < 0.80) {
      const t = pick(tables).name; tag = `alter_${t}`;
      s.push(`ALTER TABLE "${t}" ADD COLUMN "extra_${id}" text;`);
      s.push(`ALTER TABLE "${t}" ADD COLUMN "score_${id}" integer DEFAULT 0 NOT NULL;`);
      s.push(`CREATE INDEX "${t}_score_${id}_idx" ON "${t}" USING btree ("score_${id}");`);
      s.push(`COMMENT ON COLUMN "${t}"."score_${id}" IS 'Score; added by migration ${id}';`);
    } else if (roll < 0.90) {
      const t = pick(tables).name; tag = `trigger_${t}`;
      s.push(`CREATE OR REPLACE FUNCTION "touch_${id}"() RETURNS trigger\nLANGUAGE plpgsql AS $$\nBEGIN\n\t-- keep updated_at current; semicolons inside are not statement ends\n\tNEW.updated_at := now();\n\tIF NEW.name = '' THEN\n\t\tRAISE EXCEPTION 'name must not be empty; table %', TG_TABLE_NAME;\n\tEND IF;\n\tRETURN NEW;\nEND;\n$$;`);
      s.push(`CREATE TRIGGER "${t}_touch_${id}" BEFORE UPDATE ON "${t}" FOR EACH ROW EXECUTE FUNCTION "touch_${id}"();`);
      s.push(`CREATE OR REPLACE FUNCTION "count_${id}"() RETURNS bigint\nLANGUAGE sql STABLE AS $body$ SELECT count(*) FROM "${t}"; $body$;`);
    } else {
      const t = pick(tables).name; tag = `view_${t}`;
      s.push(`CREATE VIEW "v_${id}" AS SELECT "id", "name", "created_at" FROM "${t}" WHERE "created_at" > now() - interval '30 days';`);
      s.push(`COMMENT ON VIEW "v_${id}" IS 'Recent rows of ${t}';`);
    }
    migrations.push({ tag: `${tag}`.slice(0, 40), statements: s });
  }
  return migrations;
}

function write(file, text) { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, text); }

/** Writes every layout; returns the file text per migration (identical in every layout except drizzle's breakpoints). */
function writeSet(dir, migrations) {
  fs.rmSync(dir, { recursive: true, force: true });
  const entries = []; let all = '';
  migrations.forEach((m, k) => {
    const i = k + 1;
    const plain = m.statements.join('\n') + '\n';
    const drizzle = m.statements.join('--> statement-breakpoint\n') + '\n';
    write(path.join(dir, 'drizzle', `${pad(k)}_${m.tag}.sql`), drizzle);
    write(path.join(dir, 'flyway', `V${i}__${m.tag}.sql`), plain);
    write(path.join(dir, 'plain', `${pad(i)}_${m.tag}.sql`), plain);
    write(path.join(dir, 'grate', 'up', `${pad(i)}_${m.tag}.sql`), plain);
    entries.push({ idx: k, version: '7', when: 1700000000000 + k * 1000, tag: `${pad(k)}_${m.tag}`, breakpoints: true });
    all += `-- migration ${pad(i)}_${m.tag}\n` + plain;
  });
  write(path.join(dir, 'drizzle', 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2));
  write(path.join(dir, 'all.sql'), all);
  write(path.join(dir, 'meta.json'), JSON.stringify({ migrations: migrations.length, tables: migrations.filter(m => m.tag.startsWith('create_')).length }));
}

for (const n of sizes) {
  const m = generate(n);
  writeSet(path.join(out, `n${n}`), m);
  writeSet(path.join(out, `n${n}-half`), m.slice(0, Math.floor(n / 2)));
}

// fail: N=100, migration 50 gets a second statement with a typo ("txet") on a known line.
{
  const m = generate(100);
  const target = 50; const t = `t${pad(target)}_failing`;
  m[target - 1] = { tag: `create_${t}`, statements: [
    `CREATE TABLE "${t}_a" (\n\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,\n\t"name" text NOT NULL\n);`,
    `CREATE TABLE "${t}_b" (\n\t"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,\n\t"name" txet NOT NULL\n);`,
  ] };
  const dir = path.join(out, 'fail');
  writeSet(dir, m);
  const plainLine = 7; // line of `"name" txet` in the migration file (statement 2, third line)
  const before = fs.readFileSync(path.join(dir, 'all.sql'), 'utf8').split('\n');
  const allLine = before.findIndex(l => l.includes('"name" txet')) + 1;
  write(path.join(dir, 'fail.json'), JSON.stringify({
    migration: target, tag: `create_${t}`, line: plainLine, all_sql_line: allLine,
    partial_table: `${t}_a`, applied_before: target - 1,
    files: { plain: `${pad(target)}_create_${t}.sql`, drizzle: `${pad(target - 1)}_create_${t}.sql`, flyway: `V${target}__create_${t}.sql` },
  }, null, 2));
}

// catalog: 1 000 tables × 10 columns, 2 000 indexes (PK + one), ~1 000 foreign keys, 100 views, 100 functions.
{
  const lines = ['CREATE TYPE "public"."cat_status" AS ENUM(\'a\', \'b\', \'c\');'];
  for (let i = 1; i <= 1000; i++) {
    const t = `c${pad(i)}`;
    lines.push(`CREATE TABLE "${t}" ("id" bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "name" text NOT NULL, "created_at" timestamptz NOT NULL DEFAULT now(), "data" jsonb NOT NULL DEFAULT '{}', "amount" numeric(12,2) DEFAULT 0, "active" boolean NOT NULL DEFAULT true, "status" "cat_status" NOT NULL DEFAULT 'a', "note" varchar(200), "qty" integer NOT NULL DEFAULT 0, "ref_id" bigint);`);
    lines.push(`CREATE INDEX "${t}_created_idx" ON "${t}" ("created_at");`);
    if (i > 1) { lines.push(`ALTER TABLE "${t}" ADD CONSTRAINT "${t}_ref_fk" FOREIGN KEY ("ref_id") REFERENCES "c${pad(i - 1)}"("id") ON DELETE SET NULL;`); }
  }
  lines.push(`ALTER TABLE "c0001" ADD CONSTRAINT "c0001_ref_fk" FOREIGN KEY ("ref_id") REFERENCES "c1000"("id");`);
  for (let i = 1; i <= 100; i++) {
    lines.push(`CREATE VIEW "cv${pad(i)}" AS SELECT "id", "name" FROM "c${pad(i * 10)}" WHERE "active";`);
    lines.push(`CREATE FUNCTION "cf${pad(i)}"(p bigint) RETURNS text LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN (SELECT "name" FROM "c${pad(i * 10)}" WHERE "id" = p); END; $$;`);
  }
  write(path.join(out, 'catalog.sql'), lines.join('\n') + '\n');
}
console.log(`generated ${sizes.join(', ')} + fail + catalog into ${out}`);
