#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL cluster and ends with "N passed, M failed".
# Installs PostgreSQL (apt-get) when missing. Usage: scripts/test.sh [extra dotnet test args]
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet SDK not found: install the .NET 10 SDK first" >&2
  exit 1
fi

pgdir=$(mktemp -d /tmp/tidemark-test-XXXXXX)
rmdir "$pgdir"
cleanup() { "$root/scripts/pg-local.sh" stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
url=$("$root/scripts/pg-local.sh" start "$pgdir") || { echo "could not start PostgreSQL" >&2; echo "0 passed, 1 failed"; exit 1; }
export TIDEMARK_TEST_URL="$url"
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

dotnet build Tidemark.slnx -c Release -nologo -v q -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Tidemark.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@"
status=$?

# Other PostgreSQL majors: the core (Runner), catalog/diff and existing-database suites on each of
# them, with server binaries from npm (scripts/pg-major.sh). TIDEMARK_PG_MAJORS="" skips them.
majors_filter="FullyQualifiedName~Tidemark.IntegrationTests.Runner.|FullyQualifiedName~Tidemark.IntegrationTests.Catalog.|FullyQualifiedName~Tidemark.IntegrationTests.Diff.|FullyQualifiedName~Tidemark.IntegrationTests.Existing."
run_on_major() {
  local major=$1 dir url
  dir=$(mktemp -d /tmp/tidemark-pg$major-XXXXXX); rmdir "$dir"
  if ! url=$("$root/scripts/pg-major.sh" "$major" start "$dir"); then
    echo "PostgreSQL $major did not start" >&2; status=1; return
  fi
  echo "PostgreSQL $major: $url"
  local filter="$majors_filter"
  # pg_dump round trips need a pg_dump as new as the server; Debian's is 15 and the npm packages ship none.
  [ "$major" -gt 15 ] && filter="($majors_filter)&FullyQualifiedName!~Tidemark.IntegrationTests.Catalog.FingerprintTests."
  TIDEMARK_TEST_URL="$url" dotnet test tests/Tidemark.IntegrationTests/Tidemark.IntegrationTests.csproj -c Release --no-build -nologo \
    --filter "$filter" --logger "trx;LogFileName=pg$major.trx" --results-directory "$results" \
    --logger "console;verbosity=minimal" || status=1
  "$root/scripts/pg-major.sh" "$major" stop "$dir" >/dev/null 2>&1 || true
}
for major in ${TIDEMARK_PG_MAJORS-13 14 16 17 18}; do run_on_major "$major"; done

passed=0; failed=0
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(echo "$c" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); p=${p:-0}
  x=$(echo "$c" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p'); x=${x:-0}
  passed=$((passed + p)); failed=$((failed + x))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
