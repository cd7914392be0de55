#!/usr/bin/env bash
# The main job on a built-in default: migrate the sample drizzle folder (samples/quickstart) into
# $DATABASE_URL when set, otherwise into a throwaway local PostgreSQL started (and stopped) here,
# then print `tidemark status`. Usage: scripts/demo.sh [migrations-folder]
# A relative folder is relative to where the script is run from (as for any command).
set -euo pipefail
caller=$(pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
  case "$1" in /*) dir=$1 ;; *) dir="$caller/$1" ;; esac
  [ -d "$dir" ] || { echo "error: migrations folder '$1' not found (looked in $dir)" >&2; exit 2; }
else
  dir="$root/samples/quickstart"
fi
cd "$root"

# TIDEMARK_CLI_DLL: an already built CLI (tests use theirs); otherwise build it here.
cli=${TIDEMARK_CLI_DLL:-$root/src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli.dll}
[ -n "${TIDEMARK_CLI_DLL:-}" ] || dotnet build src/Tidemark.Cli -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
tidemark() { dotnet "$cli" "$@"; }

if [ -n "${DATABASE_URL:-}" ]; then
  url=$DATABASE_URL
  echo "Using \$DATABASE_URL"
else
  pgdir=$(mktemp -d /tmp/tidemark-demo-XXXXXX); rmdir "$pgdir"
  trap '"$root/scripts/pg-local.sh" stop "$pgdir" >/dev/null 2>&1 || true' EXIT
  url=$("$root/scripts/pg-local.sh" start "$pgdir")
  echo "Started a throwaway PostgreSQL at $url (stopped when this script ends)"
fi


echo
echo "\$ tidemark migrate --dir $dir"
tidemark migrate --dir "$dir" --url "$url"
echo
echo "\$ tidemark status --dir $dir"
tidemark status --dir "$dir" --url "$url"
