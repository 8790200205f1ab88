#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: initdb in a temporary folder, a server on
# a free loopback port (fsync off; it is thrown away), a database kcluster_test, and
# KC_TEST_PG=postgresql://postgres@127.0.0.1:PORT/kcluster_test exported for the command.
# The server is stopped and its folder removed when the command ends, whatever its outcome.
#   scripts/with-postgres.sh make test
#   scripts/with-postgres.sh bash          (an interactive shell with KC_TEST_PG set)
# Needs postgresql-15 (scripts/install-deps.sh installs it). Works as root (the server then
# runs as the postgres user, since initdb refuses root) or as an ordinary user.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [[ ! -x "$PGBIN/initdb" ]]; then
    echo "with-postgres: $PGBIN/initdb not found: install postgresql-15 (scripts/install-deps.sh)" >&2
    exit 1
fi

PGDATA=$(mktemp -d /tmp/kc-pg.XXXXXX)
# A free port: ask the kernel for one.
PGPORT=${KC_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$PGDATA"; fi

cleanup() {
    as_owner "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA"
}
trap cleanup EXIT

as_owner "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c max_connections=200" \
    start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE kcluster_test"
export KC_TEST_PG="postgresql://postgres@127.0.0.1:$PGPORT/kcluster_test"
echo "with-postgres: throwaway PostgreSQL at $KC_TEST_PG"
set +e
"$@"
status=$?
set -e
exit $status
