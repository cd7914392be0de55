#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests and demos.
#   scripts/pg-local.sh start <dir>   -> initdb + pg_ctl start on a free port, prints the URL
#   scripts/pg-local.sh stop <dir>    -> stops it and removes <dir>
# Installs PostgreSQL from Debian's packages when no server binaries are found.
set -euo pipefail
cmd=${1:?usage: pg-local.sh start|stop <dir>}
dir=${2:?usage: pg-local.sh start|stop <dir>}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found; installing with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) >&2
  bin=$(find_bin)
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
      || echo $((20000 + RANDOM % 20000)))
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # One role authenticates with a password, so tests can check wrong-password errors; the rest is trust (local throwaway only).
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
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
