#!/usr/bin/env bash
# Runs the CLI tests (the classes that start the CLI as a process) against one CLI, then tests the npm package end
# to end. Usable alone (TIDEMARK_TEST_URL from scripts/pg-local.sh start):
#   TIDEMARK_TEST_URL=postgres://… scripts/test-native.sh [results-dir]
#       builds the Native AOT binary, runs the CLI tests against it, then the npm package
#   CLI=managed NO_BUILD=1 TIDEMARK_TEST_URL=… scripts/test-native.sh [results-dir]
#       what scripts/test.sh does (its suites already ran every CLI process natively): the CLI tests against the
#       managed CLI (the dotnet tool), each command once (MANAGED_ALL=1: every case), then the npm package with the
#       binary already built
# Writes .trx files (dotnet) and a node-test summary into results-dir so test.sh counts them.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results="${1:-$root/.tmp/test-results}"
mkdir -p "$results"
: "${TIDEMARK_TEST_URL:?set TIDEMARK_TEST_URL (scripts/pg-local.sh start prints one)}"

status=0
if [ -z "${NO_BUILD:-}" ] && ! "$root/scripts/build-native.sh"; then
  echo "native build failed" >&2
  echo "<Counters total=\"1\" executed=\"1\" passed=\"0\" failed=\"1\" />" > "$results/native-build.trx"
  exit 1
fi
rid=$(ls "$root/artifacts/native" | head -1)
if [ "${CLI:-native}" = managed ]; then
  export TIDEMARK_CLI=""
  under_test="the managed CLI (Tidemark.Cli.dll)"
else
  export TIDEMARK_CLI="$root/artifacts/native/$rid/tidemark"
  under_test="$TIDEMARK_CLI"
fi

# The tests that run the CLI as a process (CliProcess).
filter='FullyQualifiedName~Tidemark.IntegrationTests.Cli.|FullyQualifiedName~.ProcessTests.|FullyQualifiedName~.NewCommandTests.|FullyQualifiedName~.RepairResolveTests.|FullyQualifiedName~.ExistingCliTests.|FullyQualifiedName~.LayoutCliTests.'
if [ "${CLI:-native}" = managed ] && [ "${MANAGED_ALL:-0}" != 1 ]; then
  # After scripts/test.sh ran every CLI test with the native binary, the managed CLI (the same code, JIT-compiled:
  # 0.9 s of CPU a process against 0.25) runs each command these tests cover once, not every case again: of the two
  # classes of many-process cases, only the tests marked [Trait("ManagedCli", "each-command")] (what they alone
  # cover: generate, push, the version, the terminal). MANAGED_ALL=1 runs them all.
  filter="(($filter)&FullyQualifiedName!~.DesiredStateCommandTests.&FullyQualifiedName!~.FinishedCliTests.)|ManagedCli=each-command"
fi
echo "CLI tests against $under_test" >&2
dotnet test tests/Tidemark.IntegrationTests -c Release --no-build -nologo --filter "$filter" \
  --logger "trx;LogFileName=cli.trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" --blame-hang-timeout 5m --blame-hang-dump-type none || status=1

# npm: pack, install into a scratch project, npx tidemark migrate and the JS API against a real database.
if command -v node >/dev/null 2>&1; then
  if "$root/scripts/build-npm.sh"; then
    node --test --test-reporter=tap "$root/tests/npm/" > "$results/npm.tap" 2>&1; npm_status=$?
    # Each test's line and, under a failure, its details (the indented YAML block node prints after "not ok").
    awk '/^not ok/ { print; detail = 1; next } /^(ok|# (pass|fail))/ { print; detail = 0; next } /^[^ ]/ { detail = 0 } detail' \
      "$results/npm.tap" >&2
    p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$results/npm.tap" | tail -1); f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$results/npm.tap" | tail -1)
    p=${p:-0}; f=${f:-0}; [ $npm_status -ne 0 ] && [ "$f" -eq 0 ] && f=1
    echo "<Counters total=\"$((p+f))\" executed=\"$((p+f))\" passed=\"$p\" failed=\"$f\" />" > "$results/npm.trx"
    [ "$f" -eq 0 ] || status=1
  else
    echo "<Counters total=\"1\" executed=\"1\" passed=\"0\" failed=\"1\" />" > "$results/npm.trx"; status=1
  fi
else
  echo "node not found: npm package tests cannot run (apt-get install -y nodejs npm)" >&2
  echo "<Counters total=\"1\" executed=\"1\" passed=\"0\" failed=\"1\" />" > "$results/npm.trx"; status=1
fi
exit $status
