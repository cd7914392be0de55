#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL cluster: prints each test project as it finishes (counts and
# time), a line a minute while projects run, and ends with a summary whose last line is "N passed, M failed".
# Installs PostgreSQL (apt-get) when missing. Usage: scripts/test.sh [extra dotnet test args, e.g. --filter ...]
# Expected duration on a quiet 2-core machine: about 21 minutes (build ~1.5 min, native binary ~1.5, PostgreSQL 15 ~8,
# each other major ~1.5, the CLI tests with the managed CLI and the npm package ~2).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK not found: install the .NET 10 SDK first" >&2
  exit 1
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$SECONDS
elapsed() { local s=$(( $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

pgdir=$(mktemp -d /tmp/tidemark-test-XXXXXX)
rmdir "$pgdir"
cleanup() { "$root/scripts/pg-local.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
url=$("$root/scripts/pg-local.sh" start "$pgdir") || { echo "could not start PostgreSQL" >&2; echo "0 passed, 1 failed"; exit 1; }
echo "PostgreSQL for this run: $url"

# PgBouncer for the pooler tests (Debian package).
if ! [ -x /usr/sbin/pgbouncer ] && [ "$(id -u)" = 0 ]; then
  (export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq pgbouncer >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq pgbouncer >/dev/null; }) \
    || echo "warning: could not install pgbouncer; pooler tests will fail" >&2
fi

# drizzle's own migrator, for interoperability tests (npm registry).
if command -v npm >/dev/null 2>&1; then
  (cd "$root/tests/js" && npm ci --no-audit --no-fund --silent >/dev/null 2>&1) || echo "warning: npm ci in tests/js failed; drizzle interop tests will fail" >&2
else
  echo "warning: node/npm not found; drizzle interop tests will fail (apt-get install -y nodejs npm)" >&2
fi

results="$root/.tmp/test-results"
rm -rf "$results"; mkdir -p "$results"

printf 'Building the solution ... '
t0=$SECONDS
if ! dotnet build Tidemark.slnx -c Release -nologo -v q -clp:ErrorsOnly > "$results/build.log" 2>&1; then
  echo "failed:"; cat "$results/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "done ($(elapsed $((SECONDS - t0))))"

total_passed=0; total_failed=0; summary=()
extra_args=("$@")

# The Native AOT binary (scripts/build-native.sh) runs every CLI process the suites start: it starts in a
# fraction of the managed CLI's CPU time (no JIT), and the suites start hundreds. The managed CLI (the dotnet
# tool) gets the CLI tests of its own at the end. TIDEMARK_SKIP_NATIVE=1: the managed CLI everywhere, no npm.
native_cli=""
if [ "${TIDEMARK_SKIP_NATIVE:-0}" != 1 ]; then
  printf 'Building the native binary ... '
  t0=$SECONDS
  if "$root/scripts/build-native.sh" > "$results/native-build.log" 2>&1; then
    native_cli="$root/artifacts/native/$(ls "$root/artifacts/native" | head -1)/tidemark"
    echo "done ($(elapsed $((SECONDS - t0))))"
  else
    echo "failed (log: $results/native-build.log); the suites run the managed CLI"
    tail -20 "$results/native-build.log"
    total_failed=$((total_failed + 1)); summary+=("native: the build failed")
  fi
fi
export TIDEMARK_CLI="$native_cli"

# run_suite LABEL SERVER_URL PROJECT...: runs the test projects in parallel against the PostgreSQL at SERVER_URL,
# printing a line a minute while they run and one line per project when it finishes; adds to the totals.
# (Further servers, e.g. other PostgreSQL majors, are one more call with another URL.)
run_suite() {
  local label=$1 server=$2; shift 2
  local pids=() names=() logs=() trxs=() starts=()
  for project in "$@"; do
    local name; name=$(basename "$project" .csproj)
    local log="$results/$label-$name.log" trx="$label-$name.trx"
    TIDEMARK_TEST_URL="$server" dotnet test "$project" -c Release --no-build -nologo -v q \
      --logger "trx;LogFileName=$trx" --results-directory "$results" \
      --logger "console;verbosity=normal" --blame-hang-timeout 5m --blame-hang-dump-type none \
      "${extra_args[@]}" > "$log" 2>&1 &
    pids+=($!); names+=("$name"); logs+=("$log"); trxs+=("$results/$trx"); starts+=($SECONDS)
  done
  local remaining=${#pids[@]} done_flags=() last_tick=$SECONDS
  for i in "${!pids[@]}"; do done_flags[i]=0; done
  while [ "$remaining" -gt 0 ]; do
    sleep 2
    for i in "${!pids[@]}"; do
      [ "${done_flags[i]}" = 1 ] && continue
      if ! kill -0 "${pids[i]}" 2>/dev/null; then
        wait "${pids[i]}"; local rc=$?
        done_flags[i]=1; remaining=$((remaining - 1))
        local c p f
        c=$(grep -o '<Counters [^>]*>' "${trxs[i]}" 2>/dev/null | head -1)
        p=$(echo "$c" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); p=${p:-0}
        f=$(echo "$c" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p'); f=${f:-0}
        if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
        local line; line=$(printf '%-34s %5d passed %4d failed  %s' "$label/${names[i]}" "$p" "$f" "$(elapsed $((SECONDS - starts[i])))")
        summary+=("$line")
        echo "  finished $line"
        if [ "$f" -ne 0 ]; then
          echo "    failures (full log: ${logs[i]}):"
          grep -E -A 12 '^\s+Failed [^ ]' "${logs[i]}" | sed 's/^/    /' | head -150
          if [ $rc -ne 0 ] && ! grep -qE '^\s+Failed [^ ]' "${logs[i]}"; then tail -20 "${logs[i]}" | sed 's/^/    /'; fi
        fi
      fi
    done
    if [ "$remaining" -gt 0 ] && [ $((SECONDS - last_tick)) -ge 60 ]; then
      last_tick=$SECONDS
      local running=()
      for i in "${!pids[@]}"; do
        [ "${done_flags[i]}" = 1 ] && continue
        local n; n=$(grep -cE '^\s+(Passed|Failed|Skipped) [^ ]' "${logs[i]}" 2>/dev/null); n=${n:-0}
        running+=("${names[i]}: $n tests done")
      done
      local IFS=';'
      echo "  ... $(elapsed $((SECONDS - started))) elapsed; running: ${running[*]}"
    fi
  done
}

echo "Running the tests on PostgreSQL 15 (expected: about 8 minutes on a quiet 2-core machine; a line a minute meanwhile):"
run_suite pg "$url" tests/Tidemark.Tests/Tidemark.Tests.csproj tests/Tidemark.Hosting.Tests/Tidemark.Hosting.Tests.csproj \
  tests/Tidemark.IntegrationTests/Tidemark.IntegrationTests.csproj

# Other PostgreSQL majors: the core (Runner), catalog/diff and existing-database suites on each, with server
# binaries from npm (scripts/pg-major.sh). TIDEMARK_PG_MAJORS="13 18" picks majors; TIDEMARK_PG_MAJORS="" skips them.
majors_filter="FullyQualifiedName~Tidemark.IntegrationTests.Runner.|FullyQualifiedName~Tidemark.IntegrationTests.Catalog.|FullyQualifiedName~Tidemark.IntegrationTests.Diff.|FullyQualifiedName~Tidemark.IntegrationTests.Existing."
for major in ${TIDEMARK_PG_MAJORS-13 14 16 17 18}; do
  majordir=$(mktemp -d /tmp/tidemark-pg$major-XXXXXX); rmdir "$majordir"
  if ! majorurl=$("$root/scripts/pg-major.sh" "$major" start "$majordir"); then
    echo "  PostgreSQL $major did not start"; total_failed=$((total_failed + 1)); summary+=("pg$major: the server did not start"); continue
  fi
  # The generated diff properties (CsCheck) run once, on the main server: the corpus covers each major's catalog.
  filter="($majors_filter)&FullyQualifiedName!~Tidemark.IntegrationTests.Diff.Property."
  # pg_dump round trips need a pg_dump as new as the server; Debian's is 15 and the npm packages ship none.
  [ "$major" -gt 15 ] && filter="$filter&FullyQualifiedName!~Tidemark.IntegrationTests.Catalog.FingerprintTests."
  saved_args=("${extra_args[@]}"); extra_args=(--filter "$filter")
  run_suite "pg$major" "$majorurl" tests/Tidemark.IntegrationTests/Tidemark.IntegrationTests.csproj
  extra_args=("${saved_args[@]}")
  "$root/scripts/pg-major.sh" "$major" stop "$majordir" >/dev/null 2>&1 || true
done

# The CLI tests again with the managed CLI (the dotnet tool), then the npm package (scripts/build-npm.sh, carrying
# the native binary) installed into a scratch Node project that migrates this run's database.
if [ -n "$native_cli" ]; then
  native_results="$results/native"; mkdir -p "$native_results"; native_start=$SECONDS
  echo "Managed CLI and npm package:"
  TIDEMARK_TEST_URL="$url" CLI=managed NO_BUILD=1 "$root/scripts/test-native.sh" "$native_results" > "$results/native.log" 2>&1; native_rc=$?
  np=0; nf=0
  for f in "$native_results"/*.trx; do
    [ -f "$f" ] || continue
    c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
    p=$(echo "$c" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); p=${p:-0}
    x=$(echo "$c" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p'); x=${x:-0}
    np=$((np + p)); nf=$((nf + x))
  done
  if [ $native_rc -ne 0 ] && [ $nf -eq 0 ]; then nf=1; fi
  total_passed=$((total_passed + np)); total_failed=$((total_failed + nf))
  line=$(printf '%-34s %5d passed %4d failed  %s' "managed-cli+npm" "$np" "$nf" "$(elapsed $((SECONDS - native_start)))")
  summary+=("$line"); echo "  finished $line"
  if [ $nf -ne 0 ]; then echo "    failures (full log: $results/native.log):"; grep -E -A 12 '^\s+Failed [^ ]|^not ok' "$results/native.log" | sed 's/^/    /' | head -150; tail -20 "$results/native.log" | sed 's/^/    /'; fi
fi

echo
echo "Summary ($(elapsed $((SECONDS - started))) in all):"
for line in "${summary[@]}"; do echo "  $line"; done
echo "$total_passed passed, $total_failed failed"
[ $total_failed -eq 0 ]
