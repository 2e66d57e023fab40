# shellcheck shell=bash
# Throwaway PostgreSQL clusters for tests. Source this file; it defines:
#
#   pg_start DIR   install PostgreSQL from Debian packages if missing, initdb a private cluster
#                  in DIR/data, start it on a free 127.0.0.1 port with track_commit_timestamp=on
#                  and trust auth, create role/database "dbt", and export PGHOST PGPORT PGUSER
#                  PGPASSWORD PGDATABASE PG_BIN (the server's bin directory).
#   pg_stop DIR    stop the cluster started in DIR (no error if it is not running).
#   pg_env DIR     re-export the variables of a running cluster started in DIR.
#
# Never touches a system cluster. As root, the cluster runs as the dedicated system user
# ${PG_TEST_OS_USER:-dbtstate_pg} (initdb refuses to run as root); DIR and its parents must
# then be traversable by that user (a mktemp -d directory needs chmod 755).

: "${PG_TEST_OS_USER:=dbtstate_pg}"
: "${PG_TEST_ROLE:=dbt}"
: "${PG_TEST_PASSWORD:=dbt}"
: "${PG_TEST_DB:=dbt}"

_pg_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_pg_lib/maven.sh"

_pg_log() { echo "pg: $*" >&2; }

# Prints the newest /usr/lib/postgresql/<major>/bin that has initdb and pg_ctl.
_pg_find_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    if [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ] || [ ! -x "$d/postgres" ]; then continue; fi
    best=$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n 1)
  done
  [ -n "$best" ] && echo "$best"
}

# Installs the Debian postgresql package when no server binaries are present.
_pg_ensure_installed() {
  local bin
  if bin=$(_pg_find_bin); then echo "$bin"; return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    _pg_log "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin and not root; install the 'postgresql' package"
    return 1
  fi
  _pg_log "installing PostgreSQL from Debian packages (apt-get install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get update >/dev/null; then _pg_log "apt-get update failed"; return 1; fi
  if ! apt-get install -y --no-install-recommends postgresql >/dev/null; then
    _pg_log "apt-get install postgresql failed"; return 1
  fi
  if ! bin=$(_pg_find_bin); then _pg_log "postgresql installed but no server binaries found"; return 1; fi
  echo "$bin"
}

# Runs a command as the cluster's OS user (or as the current user when not root).
_pg_as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u "$PG_TEST_OS_USER" -- "$@"
    else
      su -s /bin/sh "$PG_TEST_OS_USER" -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

_pg_ensure_os_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id "$PG_TEST_OS_USER" >/dev/null 2>&1 && return 0
  _pg_log "creating system user $PG_TEST_OS_USER"
  if command -v useradd >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_TEST_OS_USER"
  else
    adduser --system --no-create-home --disabled-login "$PG_TEST_OS_USER"
  fi
}

_pg_free_port() {
  python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

pg_env() {
  local dir=$1
  [ -f "$dir/port" ] || { _pg_log "no cluster recorded in $dir"; return 1; }
  PG_BIN=$(cat "$dir/bin")
  export PG_BIN
  export PGHOST=127.0.0.1
  PGPORT=$(cat "$dir/port"); export PGPORT
  export PGUSER="$PG_TEST_ROLE" PGPASSWORD="$PG_TEST_PASSWORD" PGDATABASE="$PG_TEST_DB"
}

pg_start() {
  local dir=$1
  [ -n "$dir" ] || { _pg_log "usage: pg_start DIR"; return 2; }
  local bin
  # One install (apt-get) and one useradd at a time, when several runs start together.
  bin=$(cache_locked postgresql-install _pg_ensure_installed) || return 1
  cache_locked postgresql-install _pg_ensure_os_user || { _pg_log "cannot create system user $PG_TEST_OS_USER"; return 1; }
  mkdir -p "$dir" || return 1
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown "$PG_TEST_OS_USER" "$dir" || return 1
    if ! _pg_as_user test -w "$dir"; then
      _pg_log "user $PG_TEST_OS_USER cannot write $dir: make its parent directories traversable (chmod o+x)"
      return 1
    fi
  fi
  local data="$dir/data" logf="$dir/postgres.log"
  if [ -f "$data/postmaster.pid" ] && _pg_as_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    _pg_log "cluster in $dir already running"
    pg_env "$dir"; return 0
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    if ! _pg_as_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1; then
      _pg_log "initdb failed; see $dir/initdb.log:"; tail -n 20 "$dir/initdb.log" >&2; return 1
    fi
  fi
  echo "$bin" >"$dir/bin"
  local port attempt
  for attempt in 1 2 3; do
    port=$(_pg_free_port) || { _pg_log "cannot pick a free port (python3 missing?)"; return 1; }
    if _pg_as_user "$bin/pg_ctl" -D "$data" -l "$logf" -w -t 60 \
        -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir' -c track_commit_timestamp=on -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      break
    fi
    port=""
    _pg_log "start attempt $attempt failed"
  done
  if [ -z "$port" ]; then
    _pg_log "could not start PostgreSQL; last log lines:"; tail -n 20 "$logf" >&2; return 1
  fi
  local psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$PG_TEST_ROLE'" | grep -q 1; then
    "${psql[@]}" -c "CREATE ROLE \"$PG_TEST_ROLE\" LOGIN CREATEDB PASSWORD '$PG_TEST_PASSWORD'" || return 1
  fi
  if ! "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_TEST_DB'" | grep -q 1; then
    "${psql[@]}" -c "CREATE DATABASE \"$PG_TEST_DB\" OWNER \"$PG_TEST_ROLE\"" || return 1
  fi
  pg_env "$dir"
  _pg_log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT (data $data)"
}

pg_stop() {
  local dir=$1
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  local bin
  bin=$(cat "$dir/bin" 2>/dev/null) || bin=$(_pg_find_bin) || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    _pg_as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || _pg_as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || { _pg_log "could not stop the cluster in $dir"; return 1; }
  fi
  return 0
}
