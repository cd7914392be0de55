"""The runners: how each tool is started on a migration set, and how its history table is read.

Every runner is a separate process. `layout` is the folder of the generated set the runner reads;
Tidemark's is one line (TIDEMARK_LAYOUT) so it can move to the drizzle or Flyway layout when those sources land.
"""
import os

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.environ.get("TIDEMARK_ROOT") or os.path.dirname(BENCH)
CLI = os.path.join(ROOT, "src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli.dll")
RUNNER = os.path.join(BENCH, "Runners/bin/Release/net10.0/bench-runner.dll")
GRATE = os.path.join(BENCH, ".tools/grate")
# The Native AOT binary from scripts/build-native.sh (bench/run.sh builds it when missing).
NATIVE = os.environ.get("TIDEMARK_NATIVE") or os.path.join(ROOT, "artifacts/native/linux-x64/tidemark")
NODE = os.path.join(BENCH, "node")

# The layout Tidemark reads: "plain" (0001_x.sql), "drizzle" (meta/_journal.json) or "flyway" (V1__x.sql).
TIDEMARK_LAYOUT = os.environ.get("TIDEMARK_LAYOUT", "plain")

PEERS = ["dbup", "evolve", "fluentmigrator", "efcore", "grate", "drizzle"]


class Runner:
    def __init__(self, name, layout, argv, history=None, key=None, note=""):
        self.name, self.layout, self._argv, self.history, self.key, self.note = name, layout, argv, history, key, note

    def argv(self, cluster, setdir, db, extra=()):
        return self._argv(cluster, os.path.join(setdir, self.layout) if self.layout else setdir, db, list(extra))

    def duplicates_sql(self):
        if not self.history:
            return None
        return f"select count(*) from (select {self.key} from {self.history} group by 1 having count(*) > 1) d"

    def applied_sql(self):
        return f"select count(*) from {self.history}" if self.history else None


def _dotnet(dll, *a):
    return ["dotnet", dll, *a]


RUNNERS = [
    Runner("psql", None,
           lambda c, d, db, x: ["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", os.path.join(d, "all.sql"), c.url(db)],
           note="psql -X -q -1 -v ON_ERROR_STOP=1 -f all.sql: one transaction, no history (the floor)"),
    Runner("tidemark-cli", TIDEMARK_LAYOUT,
           lambda c, d, db, x: _dotnet(CLI, "migrate", "--dir", d, "--url", c.url(db), *x),
           history="tidemark.history", key="version", note=f"tidemark migrate --dir {TIDEMARK_LAYOUT}/ (CLI process)"),
    Runner("tidemark-native", TIDEMARK_LAYOUT,
           lambda c, d, db, x: [NATIVE, "migrate", "--dir", d, "--url", c.url(db), *x],
           history="tidemark.history", key="version", note=f"tidemark migrate --dir {TIDEMARK_LAYOUT}/ (Native AOT binary)"),
    Runner("tidemark-inproc", TIDEMARK_LAYOUT,
           lambda c, d, db, x: _dotnet(RUNNER, "tidemark", d, c.conn(db), *x),
           history="tidemark.history", key="version", note="Migrator.MigrateAsync in a small console app"),
    Runner("tidemark-inproc-1tx", TIDEMARK_LAYOUT,
           lambda c, d, db, x: _dotnet(RUNNER, "tidemark", d, c.conn(db), "--one-transaction", *x),
           history="tidemark.history", key="version",
           note="as tidemark-inproc with TransactionMode.All: all pending migrations in one transaction, like psql -1"),
    Runner("dbup", "plain", lambda c, d, db, x: _dotnet(RUNNER, "dbup", d, c.conn(db)),
           history="public.schemaversions", key="scriptname", note="dbup-postgresql, WithTransactionPerScript"),
    Runner("evolve", "flyway", lambda c, d, db, x: _dotnet(RUNNER, "evolve", d, c.conn(db)),
           history="public.changelog", key="version", note="Evolve, V<n>__x.sql, defaults (cluster-mode lock)"),
    Runner("fluentmigrator", "plain", lambda c, d, db, x: _dotnet(RUNNER, "fluentmigrator", d, c.conn(db)),
           history='public."VersionInfo"', key='"Version"', note="FluentMigrator runner, one migration per file executing its SQL"),
    Runner("efcore", "plain", lambda c, d, db, x: _dotnet(RUNNER, "efcore", d, c.conn(db)),
           history='public."__EFMigrationsHistory"', key='"MigrationId"', note="EF Core Database.MigrateAsync, migrationBuilder.Sql(file)"),
    Runner("grate", "grate",
           lambda c, d, db, x: [GRATE, f"--connectionstring={c.conn(db)}", "--databasetype=PostgreSQL",
                                f"--sqlfilesdirectory={d}", "--silent", "--verbosity=Warning"],
           history='grate."ScriptsRun"', key="script_name", note="grate dotnet tool, up/ folder, its default (no transaction)"),
    Runner("drizzle", "drizzle",
           lambda c, d, db, x: ["node", os.path.join(NODE, "drizzle-migrate.mjs"), d, c.url(db)],
           history="drizzle.__drizzle_migrations", key="hash", note="drizzle-orm/node-postgres migrate()"),
]

BY_NAME = {r.name: r for r in RUNNERS}
