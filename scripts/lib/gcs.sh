#!/usr/bin/env bash
# shellcheck shell=bash
# A Google Cloud Storage (JSON API) server for tests: fake-gcs-server (the Go module
# github.com/fsouza/fake-gcs-server, pinned, built with `go install` from the Go module proxy into the
# cache) on a free 127.0.0.1 port, plain HTTP, objects kept in files under DIR/data so that a restart
# keeps them. Source this file for the functions, or run it:
#
#   scripts/lib/gcs.sh start DIR [PORT]        start (or find running) the server recorded in DIR,
#                                              on its former port when restarted; prints endpoint=, pid=
#   scripts/lib/gcs.sh create-bucket DIR NAME  create a bucket (no error if it exists)
#   scripts/lib/gcs.sh stop DIR                stop it (no error when it is not running; the data stays)
#
# Needs go (1.24 or newer; GOPROXY as configured, by default proxy.golang.org), curl and python3.

_gcs_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_gcs_lib/maven.sh"

FAKE_GCS_VERSION=v1.56.1

_gcs_log() { echo "gcs: $*" >&2; }

_gcs_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Prints the path of the fake-gcs-server binary, building it when missing (one build at a time).
gcs_install() { cache_locked "fake-gcs-server-$FAKE_GCS_VERSION" _gcs_install; }
_gcs_install() {
  local dir="$DBTSTATE_CACHE/fake-gcs-server/$FAKE_GCS_VERSION"
  local bin="$dir/fake-gcs-server"
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  local go; go=$(command -v go || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; }) \
    || { _gcs_log "the Go toolchain is needed to build fake-gcs-server: install it (https://go.dev/dl/, or Debian: apt-get install golang)"; return 1; }
  mkdir -p "$dir" || { _gcs_log "cannot create $dir (set DBTSTATE_CACHE to a writable place)"; return 1; }
  _gcs_log "building github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION into $dir (a few minutes the first time)"
  if ! GOBIN="$dir" GOFLAGS=-buildvcs=false "$go" install "github.com/fsouza/fake-gcs-server@$FAKE_GCS_VERSION" >"$dir/install.log" 2>&1; then
    _gcs_log "go install failed; see $dir/install.log:"; tail -n 20 "$dir/install.log" >&2; return 1
  fi
  [ -x "$bin" ] || { _gcs_log "go install succeeded but $bin is missing"; return 1; }
  echo "$bin"
}

_gcs_running() {
  local dir=$1
  [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null
}

gcs_env() {
  local dir=$1
  echo "endpoint=http://127.0.0.1:$(cat "$dir/port")"
  echo "pid=$(cat "$dir/pid")"
}

# _gcs_launch DIR BIN PORT: 0 when it answers, 3 when it exited at start (port taken?), 1 otherwise.
_gcs_launch() {
  local dir=$1 bin=$2 port=$3 pid
  nohup "$bin" -scheme http -host 127.0.0.1 -port "$port" -external-url "http://127.0.0.1:$port" \
    -public-host "127.0.0.1:$port" -backend filesystem -filesystem-root "$dir/data" -log-level warn \
    >"$dir/server.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/pid"
  echo "$port" >"$dir/port"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/pid"; return 3; }
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/storage/v1/b"; then return 0; fi
    sleep 0.2
  done
  _gcs_log "fake-gcs-server did not answer on 127.0.0.1:$port within 30 s; see $dir/server.log"
  gcs_stop "$dir"
  return 1
}

# gcs_start DIR [PORT]: starts the server unless the one recorded in DIR runs.
gcs_start() {
  local dir=$1 port=${2:-}
  [ -n "$dir" ] || { _gcs_log "usage: gcs_start DIR [PORT]"; return 2; }
  mkdir -p "$dir/data" || return 1
  dir=$(cd "$dir" && pwd)
  if _gcs_running "$dir"; then gcs_env "$dir"; return 0; fi
  local bin; bin=$(gcs_install) || return 1
  # A restarted server comes back on its port, so clients keep their endpoint (and its files).
  [ -z "$port" ] && [ -f "$dir/port" ] && port=$(cat "$dir/port")
  local fixed=$port attempt rc
  for attempt in 1 2 3; do
    [ -n "$fixed" ] || port=$(_gcs_free_port) || { _gcs_log "cannot pick a free port (python3 missing?)"; return 1; }
    rc=0
    _gcs_launch "$dir" "$bin" "$port" || rc=$?
    [ "$rc" -eq 0 ] && { gcs_env "$dir"; return 0; }
    [ "$rc" -eq 3 ] && [ -z "$fixed" ] && [ "$attempt" -lt 3 ] && continue
    [ "$rc" -eq 3 ] && { _gcs_log "fake-gcs-server exited at start; last log lines:"; tail -n 20 "$dir/server.log" >&2; }
    return 1
  done
}

# gcs_create_bucket DIR NAME: creates a bucket in the server recorded in DIR (409, it exists, is no error).
gcs_create_bucket() {
  local dir=$1 name=$2 code
  [ -n "$name" ] || { _gcs_log "usage: gcs_create_bucket DIR NAME"; return 2; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "{\"name\":\"$name\"}" "http://127.0.0.1:$(cat "$dir/port")/storage/v1/b?project=test") || return 1
  case "$code" in
    200|409) return 0 ;;
    *) _gcs_log "creating bucket $name failed: HTTP $code"; return 1 ;;
  esac
}

# gcs_stop DIR: stops the server recorded in DIR (its files stay in DIR/data).
gcs_stop() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$dir/pid"
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) gcs_start "${2:?usage: gcs.sh start DIR [PORT]}" "${3:-}" ;;
    create-bucket) gcs_create_bucket "${2:?usage: gcs.sh create-bucket DIR NAME}" "${3:-}" ;;
    stop) gcs_stop "${2:?usage: gcs.sh stop DIR}" ;;
    *) echo "usage: gcs.sh start DIR [PORT] | create-bucket DIR NAME | stop DIR" >&2; exit 2 ;;
  esac
fi
