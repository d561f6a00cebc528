#!/usr/bin/env bash
# A throw-away PostgreSQL 15 for the test run's postgres pass (Debian's package; .ci installs it when missing).
#   test-postgres.sh start STATE_DIR PORT   initdb into a temporary directory, start on 127.0.0.1:PORT,
#                                          create role and database "medledger" (password "medledger")
#   test-postgres.sh stop  STATE_DIR PORT   stop it and delete its files
#   test-postgres.sh pause STATE_DIR PORT   stop the server, keeping its files (a database outage)
#   test-postgres.sh resume STATE_DIR PORT  start it again on the same files
# As root (CI) the server runs as the "postgres" system user, which initdb requires.
set -euo pipefail
ACTION="$1"; STATE="$2"; PORT="$3"
BIN="$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)"
[[ -n "$BIN" ]] || BIN="$(dirname "$(command -v initdb 2>/dev/null || echo /missing/initdb)")"
if [[ ! -x "$BIN/initdb" ]]; then
    echo "[test-postgres] PostgreSQL 15 is not installed (apt-get install postgresql-15); .ci/install-prerequisites.sh installs it" >&2
    exit 1
fi
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$ACTION" in
    start)
        if (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
            echo "[test-postgres] port $PORT is taken; run with -Dit.pg.port=<free port>" >&2
            exit 1
        fi
        "$0" stop "$STATE" "$PORT" >/dev/null 2>&1 || true
        mkdir -p "$STATE"
        DATA="$(mktemp -d /tmp/medledger-test-pg.XXXXXX)"
        echo "$DATA" > "$STATE/data-dir"
        [[ $(id -u) -ne 0 ]] || chown postgres "$DATA"
        echo "[test-postgres] initdb into $DATA ..."
        as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >"$STATE/initdb.log" 2>&1 || {
            cat "$STATE/initdb.log" >&2; exit 1; }
        # Test-only settings: no fsync (the data is thrown away), sockets in the data directory.
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
        as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
            -c "CREATE ROLE medledger LOGIN PASSWORD 'medledger'" -c "CREATE DATABASE medledger OWNER medledger"
        echo "[test-postgres] PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$PORT"
        ;;
    stop)
        [[ -f "$STATE/data-dir" ]] || exit 0
        DATA="$(cat "$STATE/data-dir")"
        if [[ -d "$DATA" ]]; then
            as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
            rm -rf "$DATA"
        fi
        rm -f "$STATE/data-dir"
        echo "[test-postgres] stopped"
        ;;
    pause)
        as_owner "$BIN/pg_ctl" -D "$(cat "$STATE/data-dir")" -m fast -w stop >/dev/null
        echo "[test-postgres] paused"
        ;;
    resume)
        DATA="$(cat "$STATE/data-dir")"
        as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" start >/dev/null
        echo "[test-postgres] resumed"
        ;;
    *) echo "usage: $0 start|stop|pause|resume STATE_DIR PORT" >&2; exit 2 ;;
esac
