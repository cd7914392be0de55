#!/usr/bin/env bash
# The main job on a built-in default: migrate the sample drizzle folder (samples/quickstart) into
# $DATABASE_URL when set, otherwise into a throwaway local PostgreSQL started (and stopped) here,
# then print `tidemark status`. Usage: scripts/demo.sh [migrations-folder]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

dotnet build src/Tidemark.Cli -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
tidemark() { dotnet "$root/src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli.dll" "$@"; }

if [ -n "${DATABASE_URL:-}" ]; then
  url=$DATABASE_URL
  echo "Using \$DATABASE_URL"
else
  pgdir=$(mktemp -d /tmp/tidemark-demo-XXXXXX); rmdir "$pgdir"
  trap '"$root/scripts/pg-local.sh" stop "$pgdir" >/dev/null 2>&1 || true' EXIT
  url=$("$root/scripts/pg-local.sh" start "$pgdir")
  echo "Started a throwaway PostgreSQL at $url (stopped when this script ends)"
fi

dir=${1:-samples/quickstart}

echo
echo "\$ tidemark migrate --dir $dir"
tidemark migrate --dir "$dir" --url "$url"
echo
echo "\$ tidemark status --dir $dir"
tidemark status --dir "$dir" --url "$url"
