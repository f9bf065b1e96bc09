# shellcheck shell=bash
# shellcheck disable=SC2034  # PG_STARTED is read by ./marketplace
# A private PostgreSQL 15 cluster in a folder of ours.
# Layout of DIR: DIR/data (cluster), DIR/.s.PGSQL.<port> (socket), DIR/postgres.log.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# 'postgres' user; otherwise to the current user.

# pg_owner DIR: the user that runs (or will run) the cluster in DIR.
pg_owner() {
  if [[ -d $1/data ]]; then
    stat -c %U "$1/data"
  elif is_root; then
    echo postgres
  else
    id -un
  fi
}

# pg_as DIR CMD...: run a PostgreSQL tool as the cluster's owner, from /.
pg_as() {
  local dir=$1; shift
  (cd / && run_as "$(pg_owner "$dir")" "$@")
}

# pg_running DIR: true when the cluster in DIR is running.
pg_running() {
  [[ -f $1/data/postmaster.pid ]] || return 1
  pg_as "$1" "$PG_BIN/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

# pg_init DIR HOST_AUTH: create the cluster once. HOST_AUTH is the method for
# TCP connections: scram-sha-256 (passwords) or trust (throwaway test servers).
# Unix-socket connections are trusted, but the socket is only reachable by
# the owner (folder and socket mode 700).
pg_init() {
  local dir=$1 host_auth=$2
  [[ -f $dir/data/PG_VERSION ]] && return 0
  mkdir -p "$dir"
  local owner; owner=$(pg_owner "$dir")
  [[ $owner == "$(id -un)" ]] || as_root chown "$owner:" "$dir"
  as_root chmod 700 "$dir"
  pg_as "$dir" "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$host_auth" >"$dir.initdb.log" 2>&1 \
    || { cat "$dir.initdb.log" >&2; die "initdb failed in $dir"; }
  rm -f "$dir.initdb.log"
}

# pg_start DIR PORT: start the cluster on 127.0.0.1:PORT (socket in DIR).
# Sets PG_STARTED=1 when it started it, PG_STARTED="" when it already ran.
PG_STARTED=""
pg_start() {
  local dir=$1 port=$2
  PG_STARTED=""
  if pg_running "$dir"; then
    return 0
  fi
  port_open "$port" && die "port $port is already in use by another process; cannot start PostgreSQL from $dir"
  info "starting PostgreSQL on 127.0.0.1:$port ($dir)"
  # Six processes, each with its own connection pool, share one server; tests and benchmarks run
  # dozens of requests at once: Debian's default of 100 connections is too few.
  pg_as "$dir" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c unix_socket_permissions=0700 -c max_connections=400" \
    start >/dev/null \
    || { tail -n 30 "$dir/postgres.log" >&2 || true; die "PostgreSQL did not start (log: $dir/postgres.log)"; }
  PG_STARTED=1
}

# pg_stop DIR: fast shutdown of the cluster in DIR, if it runs.
pg_stop() {
  local dir=$1
  pg_running "$dir" || return 0
  info "stopping PostgreSQL ($dir)"
  pg_as "$dir" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null \
    || warn "pg_ctl stop failed for $dir"
}

# pg_sql DIR PORT: run the SQL on stdin as the superuser, over the socket.
pg_sql() {
  local dir=$1 port=$2
  pg_as "$dir" psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres
}

# pg_ensure_role DIR PORT ROLE PASSWORD: a LOGIN CREATEDB role with that password.
pg_ensure_role() {
  local dir=$1 port=$2 role=$3 password=$4
  [[ $role =~ ^[a-z_][a-z0-9_]*$ && $password =~ ^[A-Za-z0-9._-]+$ ]] || die "unsafe role name or password"
  pg_sql "$dir" "$port" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role;
  END IF;
END
\$\$;
ALTER ROLE $role WITH LOGIN CREATEDB PASSWORD '$password';
SQL
}
