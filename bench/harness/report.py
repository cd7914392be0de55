"""Markdown report: tables per scenario, ratios to the psql floor and to the best peer, and the issue targets."""
from runners import PEERS



def _fmt(v, digits=0):
    return "—" if v is None else f"{v:,.{digits}f}"


def _ratio(a, b):
    return "—" if a is None or not b else f"{a / b:.2f}×"


def _err(row):
    if row.get("status", "ok") not in ("ok", None) and row.get("status") != "failed":
        return row["status"]
    if row.get("status") == "failed" and not row.get("errors"):
        return "failed"
    e = row.get("errors") or []
    return ("FAILED: " + e[0].replace("\n", " ⏎ ")[:300]) if e and row.get("median") is None else ""


def _timing_table(rows, floor_name, digits=0):
    floor = next((r["median"] for r in rows if r["runner"] == floor_name), None)
    peers = [r["median"] for r in rows if r["runner"] in PEERS and r["median"] is not None]
    best = min(peers) if peers else None
    out = ["| runner | median ms | min–max ms | × psql | × best peer | notes |", "|---|---:|---:|---:|---:|---|"]
    for r in rows:
        rng = "—" if r["median"] is None else f"{_fmt(r['min'], digits)}–{_fmt(r['max'], digits)}"
        note = _err(r)
        if r.get("round_trips"):
            note = (note + " " if note else "") + f"commands sent: {r['round_trips']}"
        out.append(f"| {r['runner']} | {_fmt(r['median'], digits)} | {rng} | {_ratio(r['median'], floor)} | "
                   f"{_ratio(r['median'], best)} | {note} |")
    return out


def markdown(doc):
    rows, meta = doc["rows"], doc["meta"]
    out = [f"Mode **{meta['mode']}** · {meta['date']} · {meta['machine']} · runs: {meta['runs']} after {meta['warmup']} warm-up",
           f"(concurrency scenarios: {meta['conc_runs']} runs each). Wall-clock times of whole processes unless marked "
           "\"timed inside\". Best peer = fastest of " + ", ".join(PEERS) + ".", "",
           f"Tidemark commit `{meta.get('tidemark_commit')}` · .NET SDK {meta.get('dotnet')} · node {meta.get('node')} · "
           f"{(meta.get('postgres') or ['?'])[-1].split(',')[0]} · settings: {', '.join((meta.get('postgres') or [])[:-1])} · "
           f"command `{meta.get('command')}` · {meta.get('elapsed_s')} s", ""]
    for n in sorted({r["n"] for r in rows if r["scenario"] == "fresh"}):
        out += [f"### fresh: apply {n} migrations to an empty database", ""]
        out += _timing_table([r for r in rows if r["scenario"] == "fresh" and r["n"] == n], "psql") + [""]
        out += [f"### noop: start with {n} applied, nothing to do (floor: psql connecting and running `select 1`)", ""]
        out += _timing_table([r for r in rows if r["scenario"] == "noop" and r["n"] == n], "psql -c 'select 1'", 1) + [""]
    for kind in sorted({r["scenario"] for r in rows if r["scenario"].startswith(("concurrent", "upgrade"))}):
        sub = [r for r in rows if r["scenario"] == kind]
        k = kind.split("-")[1]
        what = "a fresh database" if kind.startswith("concurrent") else "a database the same runner half-migrated first"
        out += [f"### {kind}: {k} processes at once on {what} (N = {sub[0]['n']})", "",
                "| runner | failed processes | duplicate history rows | runs with incomplete schema | slowest finisher ms (median, min–max) | fastest ok ms | notes |",
                "|---|---:|---:|---:|---:|---:|---|"]
        for r in sub:
            note = (r["errors"][0].replace("\n", " ⏎ ")[:200]) if r["errors"] else ""
            out.append(f"| {r['runner']} | {r['failures']} / {r['processes']} | {r['duplicate_history_rows']} | "
                       f"{r['incomplete_schema_runs']} | {_fmt(r['median'])} ({_fmt(r['min'])}–{_fmt(r['max'])}) | "
                       f"{_fmt(r['fastest'])} | {note} |")
        out.append("")
    fails = [r for r in rows if r["scenario"] == "fail"]
    if fails:
        out += ["### fail: typo (`txet`) on line 7 of migration 50 (line of all.sql for psql)", "",
                "| runner | exit | names file | names line | database left clean (no partial migration 50) | tables after | history rows after |",
                "|---|---:|:---:|:---:|:---:|---:|---:|"]
        for r in fails:
            yn = lambda b: "yes" if b else "**no**"
            out.append(f"| {r['runner']} | {r['exit_code']} | {yn(r['names_file'])} | {yn(r['names_line'])} | "
                       f"{yn(r['left_clean'])} | {r['tables_after']} | {_fmt(r['history_rows_after'])} |")
        out += ["", "<details><summary>error output of each runner (first lines)</summary>", ""]
        for r in fails:
            out += [f"**{r['runner']}**", "", "```", r["output"] or "(nothing)", "```", ""]
        out += ["</details>", ""]
    for scen, title in (("catalog", "catalog read of a 1 000-table schema (10 000 columns, 2 000 indexes, 1 000 FKs, 100 views, 100 functions)"),
                        ("adopt", "adopt: database built outside Tidemark (psql of all.sql, no history), `tidemark migrate` adopts it"),
                        ("startup", "whole-process CLI start-up")):
        sub = [r for r in rows if r["scenario"] == scen]
        if sub:
            out += [f"### {title}", "", "| what | median ms | min–max ms | notes |", "|---|---:|---:|---|"]
            for r in sub:
                rng = "—" if r["median"] is None else f"{_fmt(r['min'])}–{_fmt(r['max'])}"
                out.append(f"| {r['runner']}{' (N=' + str(r['n']) + ')' if scen == 'adopt' else ''} | {_fmt(r['median'])} | {rng} | {_err(r) or r.get('status', '')} |")
            out.append("")
    out += ["### targets (issues 2, 3, 6)", ""] + targets(rows) + [""]
    return "\n".join(out)


def targets(rows):
    def get(scen, n, runner):
        return next((r for r in rows if r["scenario"] == scen and r["n"] == n and r["runner"] == runner), None)

    ns = sorted({r["n"] for r in rows if r["scenario"] == "fresh"})
    n = 500 if 500 in ns else (ns[-1] if ns else None)
    out = []
    if n is not None:
        tag = "" if n == 500 else f" (measured at N={n}; the target is for N=500)"
        floor = (get("fresh", n, "psql") or {}).get("median")
        for runner in ("tidemark-cli", "tidemark-inproc", "tidemark-inproc-1tx"):
            m = (get("fresh", n, runner) or {}).get("median")
            if m and floor:
                verdict = "meets" if m <= 1.10 * floor else f"misses by {(m / floor - 1.10) * 100:.0f} points"
                out.append(f"- fresh apply ≤ 1.10× psql{tag}: {runner} {m / floor:.2f}× → {verdict}")
            else:
                out.append(f"- fresh apply ≤ 1.10× psql{tag}: {runner} not measured (failed)")
        warm = get("noop", n, "tidemark-inproc: 2nd MigrateAsync (warm, timed inside)")
        if warm and warm["median"] is not None:
            rt = warm.get("round_trips")
            out.append(f"- no-op in-process ≤ 5 ms and one round trip{tag}: {warm['median']:.2f} ms, commands sent {rt} → "
                       f"{'meets' if warm['median'] <= 5 and rt == [1] else 'misses'}")
        else:
            out.append(f"- no-op in-process ≤ 5 ms{tag}: not measured (failed)")
    cat = next((r for r in rows if r["scenario"] == "catalog" and r["runner"].startswith("tidemark")), None)
    if cat:
        out.append(f"- catalog read ≤ 500 ms: " + (f"{cat['median']:.0f} ms → {'meets' if cat['median'] <= 500 else 'misses'}"
                                                  if cat["median"] is not None else cat.get("status", "failed")))
    ad = next((r for r in rows if r["scenario"] == "adopt"), None)
    if ad:
        out.append(f"- adoption of a 200-migration history ≤ 10 s (N={ad['n']} here): " +
                   (f"{ad['median'] / 1000:.1f} s → {'meets' if ad['median'] <= 10000 else 'misses'}"
                    if ad["median"] is not None and ad["status"] == "ok" else ad["status"]))
    drz = next((r for r in rows if r["scenario"] == "catalog" and r["runner"] == "drizzle-kit pull"), None)
    if drz:
        out.append("- drizzle-kit pull of the same schema: " + (f"{drz['median']:,.0f} ms" if drz["median"] is not None else drz.get("status", "failed")))
    out.append("- diff of two 1 000-table models ≤ 100 ms and drift check ≤ 1 catalog read: not measured by this harness yet (no CLI hook)")
    return out
