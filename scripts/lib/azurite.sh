#!/usr/bin/env bash
# shellcheck shell=bash
# Azurite, the Azure Storage emulator, for tests: installed from npm (pinned version) into the cache
# and run as `azurite-blob --inMemoryPersistence` on a free 127.0.0.1 port. Source this file for the
# functions, or run it:
#
#   scripts/lib/azurite.sh start DIR [PORT]   start (or find running) the emulator recorded in DIR,
#                                             on its former port when restarted; prints endpoint=,
#                                             account=, key=, connection_string=, pid=
#   scripts/lib/azurite.sh create-container DIR NAME   create a container (no error if it exists)
#   scripts/lib/azurite.sh stop DIR           stop it (no error when it is not running)
#
# Needs node and npm (as root they are installed from Debian's packages when missing), curl and openssl.
#
# AZURITE_SQL=1 keeps the emulator's metadata in MariaDB instead of its in-memory LokiJS tables (whose
# lookups scan every blob, so each request costs time in proportion to the blobs held): a private
# mariadbd (Debian's mariadb-server, installed as root when missing) with its own datadir in a temporary directory,
# on another free 127.0.0.1 port, run as the dedicated user dbtstate-mariadb when started as root; Azurite
# then keeps blob contents in files under DIR/workspace. `stop` stops both and deletes that data.
# The account and key are the emulator's fixed, publicly documented development credentials.

_azurite_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_azurite_lib/maven.sh"

AZURITE_VERSION=3.35.0
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

_azurite_log() { echo "azurite: $*" >&2; }

_azurite_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Prints the path of the installed azurite-blob launcher, installing it when missing (one install at a time).
azurite_install() { cache_locked "azurite-$AZURITE_VERSION" _azurite_install; }
_azurite_install() {
  local dir="$DBTSTATE_CACHE/azurite/$AZURITE_VERSION"
  local bin="$dir/node_modules/.bin/azurite-blob"
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      _azurite_log "node and npm are needed to run Azurite: install them (Debian: apt-get install nodejs npm)"; return 1
    fi
    _azurite_log "installing node and npm from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends nodejs npm >/dev/null; } \
      || { _azurite_log "apt-get install nodejs npm failed"; return 1; }
  fi
  mkdir -p "$dir" || { _azurite_log "cannot create $dir (set DBTSTATE_CACHE to a writable place)"; return 1; }
  _azurite_log "installing azurite@$AZURITE_VERSION from npm into $dir"
  if ! npm install --prefix "$dir" --no-audit --no-fund --ignore-scripts --loglevel=error "azurite@$AZURITE_VERSION" >"$dir/npm.log" 2>&1; then
    _azurite_log "npm install azurite@$AZURITE_VERSION failed; see $dir/npm.log:"; tail -n 20 "$dir/npm.log" >&2; return 1
  fi
  [ -x "$bin" ] || { _azurite_log "azurite installed but $bin is missing"; return 1; }
  echo "$bin"
}

# _azurite_mariadb_start DIR: starts the private MariaDB of DIR (unless it runs) and prints the
# AZURITE_DB connection string.
_azurite_mariadb_start() {
  local dir port pid runas=() owner
  # Its files live in a directory of their own (recorded in DIR/mariadb-home): DIR may sit below
  # directories the dedicated user cannot enter, and a socket path must stay short.
  if [ -f "$1/mariadb-home" ]; then dir=$(cat "$1/mariadb-home"); else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/dbtstate-mariadb.XXXXXX") || return 1
    echo "$dir" >"$1/mariadb-home"
  fi
  if ! command -v mariadbd >/dev/null 2>&1 && ! [ -x /usr/sbin/mariadbd ]; then
    [ "$(id -u)" -eq 0 ] || { _azurite_log "AZURITE_SQL=1 needs MariaDB: install it (Debian: apt-get install mariadb-server)"; return 1; }
    _azurite_log "installing mariadb-server from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update >/dev/null && apt-get install -y --no-install-recommends mariadb-server >/dev/null; } \
      || { _azurite_log "apt-get install mariadb-server failed"; return 1; }
  fi
  local mariadbd; mariadbd=$(command -v mariadbd || echo /usr/sbin/mariadbd)
  mkdir -p "$dir" || return 1
  owner=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    owner=dbtstate-mariadb
    id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner" \
      || { _azurite_log "cannot create the user $owner for MariaDB"; return 1; }
    chown "$owner" "$dir" || return 1
    runas=(runuser -u "$owner" --)
  fi
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "mysql://azurite:azurite@127.0.0.1:$(cat "$dir/port")/azurite_blob"; return 0
  fi
  if ! [ -d "$dir/data/mysql" ]; then
    "${runas[@]}" mariadb-install-db --no-defaults --user="$owner" --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1 \
      || { _azurite_log "mariadb-install-db failed; see $dir/install.log"; tail -n 20 "$dir/install.log" >&2; return 1; }
  fi
  port=$(_azurite_free_port) || return 1
  # Durability is not needed for a throwaway test database: no fsync per commit.
  nohup "${runas[@]}" "$mariadbd" --no-defaults --datadir="$dir/data" --socket="$dir/sock" --pid-file="$dir/mariadbd.pid" \
    --bind-address=127.0.0.1 --port="$port" --skip-name-resolve --innodb-flush-log-at-trx-commit=0 \
    --innodb-buffer-pool-size=256M --innodb-doublewrite=0 --sync-binlog=0 --max-connections=200 \
    >"$dir/mariadbd.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/pid"
  echo "$port" >"$dir/port"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { _azurite_log "mariadbd exited at start; see $dir/mariadbd.log"; tail -n 20 "$dir/mariadbd.log" >&2; return 1; }
    if mariadb --no-defaults -S "$dir/sock" -u root -e 'SELECT 1' >/dev/null 2>&1; then
      mariadb --no-defaults -S "$dir/sock" -u root -e "CREATE DATABASE IF NOT EXISTS azurite_blob;
        CREATE USER IF NOT EXISTS 'azurite'@'127.0.0.1' IDENTIFIED BY 'azurite';
        GRANT ALL ON azurite_blob.* TO 'azurite'@'127.0.0.1';" || return 1
      echo "mysql://azurite:azurite@127.0.0.1:$port/azurite_blob"; return 0
    fi
    sleep 0.2
  done
  _azurite_log "MariaDB did not answer on $dir/sock within 30 s; see $dir/mariadbd.log"
  return 1
}

# _azurite_mariadb_stop DIR: stops the private MariaDB of DIR and deletes its data.
_azurite_mariadb_stop() {
  local dir pid
  [ -f "$1/mariadb-home" ] || return 0
  dir=$(cat "$1/mariadb-home")
  rm -f "$1/mariadb-home"
  [ -f "$dir/pid" ] || { rm -rf "$dir"; return 0; }
  pid=$(cat "$dir/pid")
  if kill -0 "$pid" 2>/dev/null; then
    # runuser waits for mariadbd; stop the server itself (its own pid file), then its parent.
    [ -f "$dir/mariadbd.pid" ] && kill "$(cat "$dir/mariadbd.pid")" 2>/dev/null
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -rf "$dir"
  return 0
}

_azurite_running() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 1
  pid=$(cat "$dir/pid")
  kill -0 "$pid" 2>/dev/null
}

# Prints the emulator's settings (one key=value a line) for the instance recorded in DIR.
azurite_env() {
  local dir=$1 port
  port=$(cat "$dir/port") || return 1
  local endpoint="http://127.0.0.1:$port/$AZURITE_ACCOUNT"
  echo "endpoint=$endpoint"
  echo "account=$AZURITE_ACCOUNT"
  echo "key=$AZURITE_KEY"
  echo "connection_string=DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=$endpoint;"
  echo "pid=$(cat "$dir/pid")"
}

# _azurite_launch DIR BIN PORT: 0 when it answers, 3 when it exited at start (port taken?), 1 otherwise.
_azurite_launch() {
  local dir=$1 bin=$2 port=$3
  # --skipApiVersionCheck: the Java SDK may speak a newer service version than this emulator knows.
  # Started from its own directory: it cannot take --location together with --inMemoryPersistence.
  local here=$PWD pid
  cd "$dir/workspace" || return 1
  if [ "${AZURITE_SQL:-0}" = 1 ]; then
    local db; db=$(_azurite_mariadb_start "$dir") || { cd "$here"; return 1; }
    # With SQL metadata Azurite refuses --inMemoryPersistence: contents go to files in the workspace.
    AZURITE_DB=$db nohup "$bin" --location "$dir/workspace" --blobHost 127.0.0.1 --blobPort "$port" \
      --skipApiVersionCheck --disableTelemetry --silent >"$dir/azurite.log" 2>&1 </dev/null &
    pid=$!
  else
    nohup "$bin" --inMemoryPersistence --extentMemoryLimit 512 --blobHost 127.0.0.1 --blobPort "$port" \
      --skipApiVersionCheck --disableTelemetry --silent >"$dir/azurite.log" 2>&1 </dev/null &
    pid=$!
  fi
  cd "$here" || return 1
  echo "$pid" >"$dir/pid"
  echo "$port" >"$dir/port"
  for _ in $(seq 1 150); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/pid"; return 3
    fi
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/$AZURITE_ACCOUNT?comp=list"; then
      return 0
    fi
    sleep 0.2
  done
  _azurite_log "Azurite did not answer on 127.0.0.1:$port within 30 s; see $dir/azurite.log"
  azurite_stop "$dir"
  return 1
}

# azurite_start DIR [PORT]: starts the emulator (in memory) unless the one recorded in DIR runs.
azurite_start() {
  local dir=$1 port=${2:-}
  [ -n "$dir" ] || { _azurite_log "usage: azurite_start DIR [PORT]"; return 2; }
  mkdir -p "$dir/workspace" || return 1
  dir=$(cd "$dir" && pwd)
  if _azurite_running "$dir"; then azurite_env "$dir"; return 0; fi
  local bin; bin=$(azurite_install) || return 1
  # A restarted emulator comes back on its port, so clients keep their endpoint (its data is new).
  [ -z "$port" ] && [ -f "$dir/port" ] && port=$(cat "$dir/port")
  local fixed=$port attempt rc
  for attempt in 1 2 3; do
    [ -n "$fixed" ] || port=$(_azurite_free_port) || { _azurite_log "cannot pick a free port (python3 missing?)"; return 1; }
    rc=0
    _azurite_launch "$dir" "$bin" "$port" || rc=$?
    [ "$rc" -eq 0 ] && { azurite_env "$dir"; return 0; }
    [ "$rc" -eq 3 ] && [ -z "$fixed" ] && [ "$attempt" -lt 3 ] && continue
    [ "$rc" -eq 3 ] && { _azurite_log "Azurite exited at start; last log lines:"; tail -n 20 "$dir/azurite.log" >&2; }
    return 1
  done
}

# azurite_create_container DIR NAME: creates a container in the emulator recorded in DIR (signed
# with the account key, as the Blob service's Create Container call; an existing one is no error).
azurite_create_container() {
  local dir=$1 name=$2
  [ -n "$name" ] || { _azurite_log "usage: azurite_create_container DIR NAME"; return 2; }
  local port version=2021-08-06 date sts hexkey sig code
  port=$(cat "$dir/port") || return 1
  date=$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')
  sts=$(printf 'PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:%s\nx-ms-version:%s\n/%s/%s/%s\nrestype:container' \
    "$date" "$version" "$AZURITE_ACCOUNT" "$AZURITE_ACCOUNT" "$name")
  hexkey=$(printf '%s' "$AZURITE_KEY" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  sig=$(printf '%s' "$sts" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64 -w0) || return 1
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Content-Length: 0" -H "x-ms-date: $date" \
    -H "x-ms-version: $version" -H "Authorization: SharedKey $AZURITE_ACCOUNT:$sig" \
    "http://127.0.0.1:$port/$AZURITE_ACCOUNT/$name?restype=container")
  case "$code" in
    201|409) return 0 ;;
    *) _azurite_log "creating container $name failed: HTTP $code"; return 1 ;;
  esac
}

# azurite_stop DIR: stops the emulator recorded in DIR, and its MariaDB if any (the data is gone).
azurite_stop() {
  local dir=$1 pid
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
    fi
    rm -f "$dir/pid"
  fi
  _azurite_mariadb_stop "$dir"
  [ -d "$dir/workspace" ] && [ "${AZURITE_SQL:-0}" = 1 ] && rm -rf "$dir/workspace"
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) azurite_start "${2:?usage: azurite.sh start DIR [PORT]}" "${3:-}" ;;
    create-container) azurite_create_container "${2:?usage: azurite.sh create-container DIR NAME}" "${3:-}" ;;
    stop) azurite_stop "${2:?usage: azurite.sh stop DIR}" ;;
    *) echo "usage: azurite.sh start DIR [PORT] | create-container DIR NAME | stop DIR" >&2; exit 2 ;;
  esac
fi
