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

# The CLI tests again, against the Native AOT binary (scripts/build-native.sh), then the npm package
# (scripts/build-npm.sh) installed into a scratch Node project that migrates this run's database.
# TIDEMARK_SKIP_NATIVE=1 leaves both out (e.g. on a machine without clang and no apt).
if [ "${TIDEMARK_SKIP_NATIVE:-0}" != 1 ]; then
  "$root/scripts/test-native.sh" "$results" || status=1
fi

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
