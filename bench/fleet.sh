#!/usr/bin/env bash
# Fan-out benchmark (issue 14): 200 databases and 200 tenant schemas, 20 migrations each, --parallel 8.
# Wall time and peak memory (max RSS of the tidemark process, /usr/bin/time -v) of the first run and of the rerun.
#   bench/fleet.sh [targets=200] [parallel=8]
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd); ROOT=$(dirname "$BENCH")
n=${1:-200}; parallel=${2:-8}
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
dotnet build "$ROOT/src/Tidemark.Cli" -c Release -v q -nologo | grep -E " error |rror\(s\)" || true
cli=(dotnet "$ROOT/src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli.dll")
work=$(mktemp -d /tmp/tidemark-fleet-bench-XXXXXX); chmod 755 "$work"; pg="$work/pg"
url=$("$ROOT/scripts/pg-local.sh" start "$pg"); trap '"$ROOT/scripts/pg-local.sh" stop "$pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
mkdir -p "$work/m"
for i in $(seq 1 20); do
  printf 'CREATE TABLE t%d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, at timestamptz DEFAULT now());\nCREATE INDEX t%d_name_idx ON t%d (name);\nINSERT INTO t%d (name) VALUES (current_schema());\n' $i $i $i $i > "$work/m/$(printf %04d $i)_t$i.sql"
done
base=${url%/postgres}
: > "$work/targets.txt"
for i in $(seq 1 "$n"); do
  psql -q "$url" -c "CREATE DATABASE fleet_$i" >/dev/null
  echo "tenant$i=$base/fleet_$i" >> "$work/targets.txt"
done
psql -q "$url" -c "CREATE TABLE tenants (s text); INSERT INTO tenants SELECT 'tenant_' || g FROM generate_series(1, $n) g" >/dev/null

measure() { # label, args...
  local label=$1; shift
  /usr/bin/time -v "${cli[@]}" migrate --dir "$work/m" "$@" --parallel "$parallel" --json > "$work/out.json" 2> "$work/time.txt" || true
  local wall rss ok applied
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  ok=$(python3 -c "import json;d=json.load(open('$work/out.json'));print(sum(t['ok'] for t in d['targets']), '/', len(d['targets']))")
  applied=$(python3 -c "import json;d=json.load(open('$work/out.json'));print(sum(t['appliedCount'] for t in d['targets']))")
  echo "| $label | $wall | $((rss / 1024)) MB | $ok ok | $applied |"
}
echo "| run ($n targets × 20 migrations, --parallel $parallel) | wall | peak RSS | targets | migrations applied |"
echo "| --- | --- | --- | --- | --- |"
measure "databases, first run" --targets "$work/targets.txt"
measure "databases, rerun (nothing to do)" --targets "$work/targets.txt"
measure "tenant schemas, first run" --url "$url" --tenant-schemas "SELECT s FROM tenants ORDER BY 1"
measure "tenant schemas, rerun (nothing to do)" --url "$url" --tenant-schemas "SELECT s FROM tenants ORDER BY 1"
echo "(load average during the run: $(cut -d' ' -f1-3 /proc/loadavg))"
