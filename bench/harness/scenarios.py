"""The scenarios. Each returns result rows: dicts with scenario, n, runner and the figures."""
import json
import os
import re
import shutil
import tempfile

import proc
from runners import BY_NAME, CLI, NATIVE, NODE, RUNNER, ROOT, BENCH

TABLES_SQL = "select count(*) from pg_tables where schemaname = 'public' and tablename like 't%'"


def _meta(setdir):
    with open(os.path.join(setdir, "meta.json"), encoding="utf-8") as f:
        return json.load(f)


def _parse_inproc(text):
    for line in (text or "").splitlines():
        if line.startswith("{") and "cold_ms" in line:
            return json.loads(line)
    return None


def fresh_and_noop(ctx, n, warmup=None):
    """fresh: apply all N to an empty database; noop: run again on that database (the start-up cost)."""
    c, setdir = ctx.cluster, ctx.set(n)
    warmup = ctx.warmup if warmup is None else warmup
    expected = _meta(setdir)["tables"]
    s = {r: {"fresh": [], "noop": [], "cold": [], "warm": [], "inproc_fresh": [], "cmds": [], "errors": []} for r in ctx.runners}
    for it in range(warmup + ctx.runs):
        for name in ctx.runners:
            acc, r = s[name], BY_NAME[name]
            if len(acc["errors"]) >= 2:
                continue  # a runner that failed twice is not retried (its errors are reported)
            db = c.create_db()
            try:
                res = proc.run(r.argv(c, setdir, db), ctx.timeout)
                tables = int(c.psql(TABLES_SQL, db) or 0)
                if not res.ok or tables != expected:
                    acc["errors"].append(f"fresh rc={res.rc} tables={tables}/{expected}: {proc.error_lines(res, 6)}")
                    continue
                measured = it >= warmup
                if measured:
                    acc["fresh"].append(res.ms)
                    j = _parse_inproc(res.out)
                    if j:
                        acc["inproc_fresh"].append(j["cold_ms"])
                if name == "psql":
                    argv = ["psql", "-X", "-q", "-c", "select 1", c.url(db)]
                else:
                    argv = r.argv(c, setdir, db, ["--twice"] if name.startswith("tidemark-inproc") else [])
                res2 = proc.run(argv, ctx.timeout)
                if not res2.ok:
                    acc["errors"].append(f"noop rc={res2.rc}: {proc.error_lines(res2, 6)}")
                    continue
                if measured:
                    acc["noop"].append(res2.ms)
                    j = _parse_inproc(res2.out)
                    if j:
                        acc["cold"].append(j["cold_ms"])
                        acc["warm"].append(j["warm_ms"])
                        acc["cmds"].append(j["warm_commands"])
            finally:
                c.drop_db(db)
    rows = []
    for name, acc in s.items():
        errors = acc["errors"]
        rows.append(dict(scenario="fresh", n=n, runner=name, **proc.stats(acc["fresh"]), errors=errors))
        noop_name = "psql -c 'select 1'" if name == "psql" else name
        rows.append(dict(scenario="noop", n=n, runner=noop_name, **proc.stats(acc["noop"]), errors=errors))
        if acc["inproc_fresh"]:
            rows.append(dict(scenario="fresh", n=n, runner=f"{name}: MigrateAsync (timed inside)",
                             **proc.stats(acc["inproc_fresh"]), errors=[]))
        if acc["cold"] and name == "tidemark-inproc":
            rows.append(dict(scenario="noop", n=n, runner="tidemark-inproc: 1st MigrateAsync (cold, timed inside)",
                             **proc.stats(acc["cold"]), errors=[]))
            rows.append(dict(scenario="noop", n=n, runner="tidemark-inproc: 2nd MigrateAsync (warm, timed inside)",
                             **proc.stats(acc["warm"]), errors=[], round_trips=sorted(set(acc["cmds"]))))
    return rows


def _history_check(c, r, db):
    dup = c.psql(r.duplicates_sql(), db, check=False) if r.history else None
    applied = c.psql(r.applied_sql(), db, check=False) if r.history else None
    return (int(dup) if dup not in (None, "") else None), (int(applied) if applied not in (None, "") else None)


def concurrent(ctx, n, k, upgrade=False):
    """k processes at once on a fresh database (or, for upgrade, on one the runner half-migrated first)."""
    c, setdir = ctx.cluster, ctx.set(n)
    expected = _meta(setdir)["tables"]
    rows = []
    for name in ctx.runners:
        if name == "psql":
            continue
        r = BY_NAME[name]
        slowest, fastest, failures, dups, incomplete, errors, total = [], [], 0, 0, 0, [], 0
        for _ in range(ctx.conc_runs):
            db = c.create_db()
            try:
                if upgrade:
                    pre = proc.run(r.argv(c, ctx.set(n, half=True), db), ctx.timeout)
                    if not pre.ok:
                        errors.append(f"half-migration failed rc={pre.rc}: {proc.error_lines(pre, 4)}")
                        break
                results = proc.run_many([r.argv(c, setdir, db) for _ in range(k)], ctx.timeout)
                total += k
                bad = [x for x in results if not x.ok]
                failures += len(bad)
                if bad:
                    errors.append(proc.error_lines(bad[0], 4))
                slowest.append(max(x.ms for x in results))
                fastest.append(min(x.ms for x in results if x.ok) if len(bad) < k else max(x.ms for x in results))
                dup, _ = _history_check(c, r, db)
                dups = max(dups, dup or 0)
                tables = int(c.psql(TABLES_SQL, db) or 0)
                incomplete += tables != expected
            finally:
                c.drop_db(db)
        rows.append(dict(scenario=("upgrade" if upgrade else "concurrent") + f"-{k}", n=n, runner=name,
                         **proc.stats(slowest), fastest=proc.stats(fastest)["median"], processes=total,
                         failures=failures, duplicate_history_rows=dups, incomplete_schema_runs=incomplete,
                         errors=errors[:3]))
    return rows


def fail(ctx):
    """A typo on a known line of migration 50: does the error name file and line; is the database left clean?"""
    c, setdir = ctx.cluster, os.path.join(ctx.sets, "fail")
    with open(os.path.join(setdir, "fail.json"), encoding="utf-8") as f:
        info = json.load(f)
    rows = []
    for name in ctx.runners:
        r = BY_NAME[name]
        db = c.create_db()
        try:
            res = proc.run(r.argv(c, setdir, db), ctx.timeout)
            text = proc.error_lines(res, 14)  # judged on what the tool reports about the failure, not its progress log
            line = info["all_sql_line"] if name == "psql" else info["line"]
            files = ["all.sql"] if name == "psql" else [info["files"]["plain"], info["files"]["drizzle"],
                                                          info["files"]["flyway"], info["tag"]]
            names_file = any(f in text for f in files)
            names_line = bool(re.search(rf"(line\s*:?\s*{line}\b|:{line}(:|\b))", text, re.I))
            partial = c.psql(f"select to_regclass('public.\"{info['partial_table']}\"') is not null", db) == "t"
            tables = int(c.psql(TABLES_SQL, db) or 0)
            _, applied = _history_check(c, r, db)
            rows.append(dict(scenario="fail", n=100, runner=name, exit_code=res.rc, names_file=names_file,
                             names_line=names_line, expected_line=line, left_clean=not partial,
                             tables_after=tables, history_rows_after=applied, ms=round(res.ms, 1),
                             output=text))
        finally:
            c.drop_db(db)
    return rows


def catalog(ctx):
    """Catalog read of a 1 000-table schema: `tidemark inspect --json` vs `drizzle-kit pull`."""
    c = ctx.cluster
    db = c.create_db("cat")
    c.psql_file(os.path.join(ctx.sets, "catalog.sql"), db)
    rows = []
    out = tempfile.mkdtemp(prefix="pull-", dir=ctx.work)
    try:
        tools = {
            "tidemark inspect --json": ["dotnet", CLI, "inspect", "--url", c.url(db), "--json"],
            "drizzle-kit pull": ["node", os.path.join(NODE, "node_modules/drizzle-kit/bin.cjs"), "pull",
                                 "--dialect=postgresql", f"--url={c.url(db)}", f"--out={out}"],
        }
        help_text = proc.run(["dotnet", CLI, "--help"], 60).text()
        has_inspect = re.search(r"^\s+inspect\b", help_text, re.M) is not None
        for label, argv in tools.items():
            samples, errors = [], []
            if label.startswith("tidemark") and not has_inspect:
                rows.append(dict(scenario="catalog", n=1000, runner=label, **proc.stats([]), errors=[],
                                 status="pending: `tidemark inspect` is not in this build (hook: tidemark inspect --url URL --json)"))
                continue
            status = None
            for it in range(ctx.warmup + ctx.runs):
                res = proc.run(argv, ctx.catalog_timeout, cwd=NODE)
                if res.timed_out:
                    status = f"did not finish within {ctx.catalog_timeout} s (killed): > {ctx.catalog_timeout * 1000:,} ms"
                    break
                if not res.ok:
                    errors.append(f"rc={res.rc} after {res.ms / 1000:.0f} s: {proc.error_lines(res, 4)}")
                    break
                if it >= ctx.warmup or res.ms > 60000:
                    samples.append(res.ms)
                if res.ms > 60000:
                    break  # slow tool: one sample is enough to compare
            rows.append(dict(scenario="catalog", n=1000, runner=label, **proc.stats(samples), errors=errors,
                             status=status or ("ok" if samples else "failed")))
    finally:
        shutil.rmtree(out, ignore_errors=True)
        c.drop_db(db)
    return rows


def adopt(ctx, n):
    """Issue 6: a database built outside Tidemark (psql of all.sql, no history) -> `tidemark migrate` adopts it."""
    c, setdir = ctx.cluster, ctx.set(n)
    samples, errors, adopted = [], [], None
    r = BY_NAME["tidemark-cli"]
    for it in range(ctx.warmup + ctx.runs):
        db = c.create_db()
        try:
            c.psql_file(os.path.join(setdir, "all.sql"), db)
            res = proc.run(r.argv(c, setdir, db), ctx.timeout)
            if not res.ok:
                errors.append(f"rc={res.rc}: {proc.error_lines(res, 5)}")
                break
            adopted = c.psql("select count(*) from tidemark.history where kind = 'adopted'", db, check=False)
            if it >= ctx.warmup:
                samples.append(res.ms)
        finally:
            c.drop_db(db)
    status = "ok" if samples and adopted == str(n) else "pending: adoption (issue 6) not in this build"
    return [dict(scenario="adopt", n=n, runner="tidemark-cli", **proc.stats(samples), adopted_rows=adopted,
                 errors=errors, status=status)]


def startup(ctx):
    """Whole-process start-up: `tidemark --help`, against a bare .NET console app and node."""
    rows = []
    tools = {
        "tidemark --help": ["dotnet", CLI, "--help"],
        "tidemark --help (native)": [NATIVE, "--help"],
        "bare .NET console app (baseline)": ["dotnet", RUNNER, "hello"],
        "node -e 0 (baseline)": ["node", "-e", "0"],
    }
    for label, argv in tools.items():
        samples, errors = [], []
        for it in range(ctx.warmup + ctx.runs):
            res = proc.run(argv, ctx.timeout)
            if not res.ok:
                errors.append(f"rc={res.rc}: {proc.error_lines(res, 3)}")
                break
            if it >= ctx.warmup:
                samples.append(res.ms)
        rows.append(dict(scenario="startup", n=0, runner=label, **proc.stats(samples), errors=errors))
    return rows


__all__ = ["fresh_and_noop", "concurrent", "fail", "catalog", "adopt", "startup", "ROOT", "BENCH"]
