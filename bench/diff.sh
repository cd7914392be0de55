#!/usr/bin/env bash
# Declarative diff speed (issue 11), outside the main harness:
#   1. `tidemark diff --from <500-migration folder> --to <URL>` as a whole process (target ≤ 3 s): the folder is
#      replayed in a temporary shadow database on the target's server, both schemas are read and compared;
#   2. SchemaDifference.Between on two 1 000-table models (target ≤ 100 ms), timed inside one process (diff/).
# Usage: bench/diff.sh [runs]   (default 5). Installs PostgreSQL and node with apt-get when missing.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
runs=${1:-5}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
command -v node >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }

[ -f "$BENCH/work/sets/n500/meta.json" ] && [ -f "$BENCH/work/sets/catalog.sql" ] || (cd "$BENCH" && node generator/generate.mjs work/sets 500)
dotnet build "$ROOT/src/Tidemark.Cli" -c Release -v q -nologo -clp:ErrorsOnly
dotnet build "$BENCH/diff" -c Release -v q -nologo -clp:ErrorsOnly
pg="$BENCH/work/pg-diff"
"$ROOT/scripts/pg-local.sh" stop "$pg" >/dev/null 2>&1 || true
url=$("$ROOT/scripts/pg-local.sh" start "$pg")
trap '"$ROOT/scripts/pg-local.sh" stop "$pg" >/dev/null 2>&1 || true' EXIT
base=${url%/postgres}
psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }
psql "$url" -c "CREATE DATABASE target500" -c "CREATE DATABASE cat_a" -c "CREATE DATABASE cat_b"
psql "$base/target500" -f "$BENCH/work/sets/n500/all.sql" >/dev/null
psql "$base/cat_a" -f "$BENCH/work/sets/catalog.sql" >/dev/null
psql "$base/cat_b" -f "$BENCH/work/sets/catalog.sql" >/dev/null
# B differs from A in a few places all over the schema (columns, a type change, an index, a view, a table).
psql "$base/cat_b" >/dev/null <<'SQL'
ALTER TABLE c0010 ADD COLUMN extra text; ALTER TABLE c0500 DROP COLUMN note; ALTER TABLE c0900 ALTER COLUMN qty TYPE bigint;
CREATE INDEX c0100_name_idx ON c0100 (name); DROP VIEW cv0050; CREATE TABLE c1001 (id int PRIMARY KEY);
SQL

cli="$ROOT/src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli.dll"
echo "== diff --from <500-migration folder> --to <URL> (whole process, $runs runs)"
times=()
for i in $(seq "$runs"); do
  s=$(date +%s.%N)
  dotnet "$cli" diff --from "$BENCH/work/sets/n500/plain" --to "$base/target500" > "$BENCH/work/diff500.sql"
  e=$(date +%s.%N)
  times+=("$(echo "$e - $s" | bc)")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s (min %.2f, max %.2f)\n", a[int((NR+1)/2)], a[1], a[NR]}'
echo "   output: $(grep -c . "$BENCH/work/diff500.sql") line(s): $(head -c 120 "$BENCH/work/diff500.sql")"

echo "== SchemaDifference.Between on two 1 000-table models"
dotnet "$BENCH/diff/bin/Release/net10.0/diff-bench.dll" "$base/cat_a" "$base/cat_b" 9
