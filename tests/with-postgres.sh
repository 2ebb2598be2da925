#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: initdb in a temporary directory, start it on
# a free loopback port, export DATABASE_URL, run "$@", then stop the cluster and delete it.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
    echo "PostgreSQL server binaries not found: install the Debian package 'postgresql'." >&2
    exit 1
fi
workdir=$(mktemp -d "${TMPDIR:-/tmp}/hub-pg.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_owner=()
if [ "$(id -u)" = 0 ]; then  # initdb refuses to run as root
    owner=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
    chown "$owner" "$workdir"
    as_owner=(runuser -u "$owner" --)
fi
pg() { (cd "$workdir" && "${as_owner[@]}" "$@"); }  # from a directory the owner may enter

cleanup() {
    pg "$pg_bin/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

pg "$pg_bin/initdb" -D "$workdir/data" -U hub --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U hub hub  # for commands that use DATABASE_URL itself
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $workdir)"

export DATABASE_URL="postgres://hub@127.0.0.1:$port/hub"
"$@"
