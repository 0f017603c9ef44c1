# Sourced by scripts/test.sh: a throwaway PostgreSQL 15 cluster on a free
# loopback port, data in a temporary directory, no durability (tests only).
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_cluster_start() {
  PG_DIR=$(mktemp -d /tmp/ouverture-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -E UTF8 --locale=C.UTF-8 --no-sync -U postgres >/dev/null
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/log" \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  "${as[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE ROLE ouverture LOGIN CREATEDB PASSWORD 'ouverture'" >/dev/null
  "${as[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres -O ouverture ouverture
  PG_URL="postgres://ouverture:ouverture@127.0.0.1:$PG_PORT/ouverture"
  PG_AS=("${as[@]}")
  echo "PostgreSQL prêt sur le port $PG_PORT"
}

pg_cluster_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
