#!/usr/bin/env bash
# The differ's property test on generated schemas (tests/.../Diff/Property), outside the normal suite's budget.
#   scripts/diff-property.sh            -> 150 random pairs (CI runs 150 pairs from fixed seeds)
#   scripts/diff-property.sh --long     -> 20,000 pairs on 2 threads, progress every 1,000 pairs in .tmp/diff-property.log,
#                                          the smallest failing pair written to Diff/Corpus
#   PAIRS=5000 THREADS=1 SEED=... scripts/diff-property.sh   -> any size, a fixed seed to replay a failure
# Uses TIDEMARK_TEST_URL when set, else starts a throwaway PostgreSQL (scripts/pg-local.sh, installs it if missing).
# The test binaries are copied to .tmp/diff-property-bin first, so rebuilding the repo does not disturb a long run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pairs=${PAIRS:-150}
threads=${THREADS:-1}
if [ "${1:-}" = "--long" ]; then pairs=${PAIRS:-20000}; threads=${THREADS:-2}; export TIDEMARK_DIFF_PROPERTY_CORPUS=1; fi

if [ -z "${TIDEMARK_TEST_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/tidemark-prop-XXXXXX); rmdir "$pgdir"
  trap '"$root/scripts/pg-local.sh" stop "$pgdir" >/dev/null 2>&1 || true' EXIT
  TIDEMARK_TEST_URL=$("$root/scripts/pg-local.sh" start "$pgdir")
  export TIDEMARK_TEST_URL
fi

[ -n "${NO_BUILD:-}" ] || dotnet build tests/Tidemark.IntegrationTests -c Release -nologo -v q -clp:ErrorsOnly
bin="$root/.tmp/diff-property-bin"
rm -rf "$bin"; mkdir -p "$bin"
cp -r tests/Tidemark.IntegrationTests/bin/Release/net10.0/. "$bin/"
mkdir -p .tmp
log="$root/.tmp/diff-property.log"
: > "$log"
echo "$(date -u +%H:%M:%S) start: $pairs pairs on $threads thread(s)" | tee -a "$log"
TIDEMARK_DIFF_PROPERTY_PAIRS=$pairs TIDEMARK_DIFF_PROPERTY_THREADS=$threads TIDEMARK_DIFF_PROPERTY_LOG="$log" \
TIDEMARK_DIFF_PROPERTY_SEED=${SEED:-} \
  dotnet test "$bin/Tidemark.IntegrationTests.dll" --filter "FullyQualifiedName~DiffPropertyTests" --logger "console;verbosity=normal" \
  && echo "$(date -u +%H:%M:%S) passed" | tee -a "$log" \
  || { echo "$(date -u +%H:%M:%S) FAILED (see the output above; the shrunk pair is in Diff/Corpus when --long)" | tee -a "$log"; exit 1; }
