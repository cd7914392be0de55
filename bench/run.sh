#!/usr/bin/env bash
# One command for the whole benchmark (see bench/README.md):
#   bench/run.sh            full run (N = 100, 500, 1000; 5 runs after a warm-up)
#   bench/run.sh --quick    smoke run (N = 100, 2 runs)
# Extra options go to bench/harness/bench.py (--runners, --scenarios, --sizes, --runs, --timeout ...).
# TIDEMARK_ROOT=<checkout> benchmarks another Tidemark tree (default: this repository).
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
export TIDEMARK_ROOT=${TIDEMARK_ROOT:-$(dirname "$BENCH")}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
quick=0; for a in "$@"; do [ "$a" = "--quick" ] && quick=1; done

need() { command -v "$1" >/dev/null 2>&1; }
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! need psql; then
  echo "installing PostgreSQL (apt-get)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! need node; then
  echo "installing node (apt-get)"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

echo "== build (Release): Tidemark CLI from $TIDEMARK_ROOT, bench runners"
dotnet build "$TIDEMARK_ROOT/src/Tidemark.Cli" -c Release -v q -nologo | grep -E "error|Warn|Elapsed" || true
dotnet build "$BENCH/Runners" -c Release -v q -nologo "-p:TidemarkRoot=$TIDEMARK_ROOT/" | grep -E "error|Warn|Elapsed" || true
[ -x "${TIDEMARK_NATIVE:-$TIDEMARK_ROOT/artifacts/native/linux-x64/tidemark}" ] || "$TIDEMARK_ROOT/scripts/build-native.sh" \
  || echo "the native binary could not be built: its runner will report the failure"
[ -d "$BENCH/node/node_modules/drizzle-kit" ] || (cd "$BENCH/node" && npm ci --no-audit --no-fund --loglevel=error)
[ -x "$BENCH/.tools/grate" ] || dotnet tool install grate --version 2.2.0 --tool-path "$BENCH/.tools" \
  || echo "grate could not be installed: its runner will report the failure"

echo "== generate migration sets"
if [ $quick = 1 ]; then sizes="100"; else sizes="100 200 500 1000"; fi
(cd "$BENCH" && node generator/generate.mjs work/sets $sizes)

echo "== run"
exec python3 "$BENCH/harness/bench.py" "$@"
