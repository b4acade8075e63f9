#!/usr/bin/env bash
# A throwaway PostgreSQL for the cluster tests, on 127.0.0.1 with trust auth.
#   scripts/test-postgres.sh            start one on a free port; prints its connection string
#   scripts/test-postgres.sh stop PORT  stop it (data kept)      scripts/test-postgres.sh start PORT  start it again
#   scripts/test-postgres.sh destroy PORT  stop it and delete its data
# The data folder is derived from the port, so the tests can stop and restart the server they were given.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  (apt-get update && apt-get install -y postgresql) >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
root=${TMPDIR:-/tmp}
folder() { echo "$root/minrnn-pg-$1"; }
# root cannot run postgres: everything runs as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl_() { as_pg "$bin/pg_ctl" -D "$(folder "$1")/data" -l "$(folder "$1")/log" -w -t 30 "${@:2}" >&2; }

case "${1:-up}" in
  stop) pg_ctl_ "$2" stop -m fast; exit 0 ;;
  start) pg_ctl_ "$2" start -o "-p $2 -k $(folder "$2")"; exit 0 ;;
  destroy) pg_ctl_ "$2" stop -m immediate || true; rm -rf "$(folder "$2")"; exit 0 ;;
  up) ;;
  *) echo "usage: $0 [stop|start|destroy PORT]" >&2; exit 2 ;;
esac

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(folder "$port")
mkdir -p "$dir"
chown postgres "$dir" 2>/dev/null || true
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
max_connections = 300
fsync = off                 # throwaway test data: durability is not what is under test
full_page_writes = off
CONF
pg_ctl_ "$port" start -o "-p $port -k $dir"
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
