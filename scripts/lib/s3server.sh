#!/usr/bin/env bash
# shellcheck shell=bash
# An S3-compatible server for tests: S3Proxy (org.gaul:s3proxy, pinned, sha256-checked, from Maven
# Central) on a free 127.0.0.1 port. Source this file for the functions, or run it:
#
#   scripts/lib/s3server.sh start DIR [PORT]   start (or find running) the server recorded in DIR;
#                                              prints endpoint=, access_key=, secret_key=, backend=, pid=
#   scripts/lib/s3server.sh create-bucket DIR NAME   create a bucket (no error if it exists)
#   scripts/lib/s3server.sh pause DIR          stop S3Proxy only; the backend keeps the data, and
#                                              `start DIR` brings S3Proxy back on the same port
#   scripts/lib/s3server.sh stop DIR           stop S3Proxy and its backend (no error when not running)
#
# The backend (S3SERVER_BACKEND) is by default `azureblob` on an in-memory Azurite (azurite.sh; with
# AZURITE_SQL=1 in the environment its metadata lives in MariaDB, for large stores):
# S3Proxy 4.1.0 hands If-None-Match and If-Match on PutObject to that backend, which decides them
# atomically. With its own `transient` and `filesystem` backends S3Proxy 4.1.0 checks If-Match itself,
# before it writes, so two concurrent writers can both win: those backends are for trying things only.

_s3server_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_s3server_lib/maven.sh"
# shellcheck source=azurite.sh
. "$_s3server_lib/azurite.sh"

S3PROXY_VERSION=4.1.0
S3PROXY_SHA256=a4d025969aaf796616ed4b1e2491d87d455ce84bb28cb9db086b2e6aaa68b48d
# Fixed test credentials of the throwaway server (it listens on 127.0.0.1 only).
S3SERVER_ACCESS_KEY=dbt-state-oss-test
S3SERVER_SECRET_KEY=dbt-state-oss-test-secret
: "${S3SERVER_BACKEND:=azureblob}"

_s3server_log() { echo "s3server: $*" >&2; }

_s3server_running() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 1
  pid=$(cat "$dir/pid")
  kill -0 "$pid" 2>/dev/null
}

s3server_env() {
  local dir=$1
  echo "endpoint=http://127.0.0.1:$(cat "$dir/port")"
  echo "access_key=$S3SERVER_ACCESS_KEY"
  echo "secret_key=$S3SERVER_SECRET_KEY"
  echo "backend=$(cat "$dir/backend")"
  echo "pid=$(cat "$dir/pid")"
}

# Writes DIR/s3proxy.properties for PORT and the backend.
_s3server_properties() {
  local dir=$1 port=$2 backend=$3
  {
    echo "s3proxy.endpoint=http://127.0.0.1:$port"
    echo "s3proxy.authorization=aws-v2-or-v4"
    echo "s3proxy.identity=$S3SERVER_ACCESS_KEY"
    echo "s3proxy.credential=$S3SERVER_SECRET_KEY"
    case "$backend" in
      azureblob)
        local az
        az=$(azurite_start "$dir/azurite") || return 1
        echo "jclouds.provider=azureblob"
        echo "jclouds.identity=$AZURITE_ACCOUNT"
        echo "jclouds.credential=$AZURITE_KEY"
        echo "jclouds.endpoint=$(printf '%s\n' "$az" | sed -n 's/^endpoint=//p')"
        ;;
      transient)
        echo "jclouds.provider=transient"
        echo "jclouds.identity=unused"
        echo "jclouds.credential=unused"
        ;;
      filesystem)
        mkdir -p "$dir/data" || return 1
        echo "jclouds.provider=filesystem"
        echo "jclouds.filesystem.basedir=$dir/data"
        echo "jclouds.identity=unused"
        echo "jclouds.credential=unused"
        ;;
      *) _s3server_log "unknown S3SERVER_BACKEND '$backend' (azureblob, transient or filesystem)"; return 2 ;;
    esac
  } >"$dir/s3proxy.properties"
}

# s3server_start DIR [PORT]: starts S3Proxy (and its backend) unless the one recorded in DIR runs.
s3server_start() {
  local dir=$1 port=${2:-}
  [ -n "$dir" ] || { _s3server_log "usage: s3server_start DIR [PORT]"; return 2; }
  mkdir -p "$dir" || return 1
  dir=$(cd "$dir" && pwd)
  if _s3server_running "$dir"; then s3server_env "$dir"; return 0; fi
  local jar
  jar=$(maven_fetch org.gaul s3proxy "$S3PROXY_VERSION" -jar-with-dependencies.jar "$S3PROXY_SHA256") || return 1
  command -v java >/dev/null 2>&1 || [ -n "${JAVA_HOME:-}" ] || { _s3server_log "Java is needed to run S3Proxy"; return 1; }
  local java=java
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  local backend=$S3SERVER_BACKEND
  # A paused server comes back on its port and backend, so clients keep their endpoint.
  [ -z "$port" ] && [ -f "$dir/port" ] && port=$(cat "$dir/port")
  [ -f "$dir/backend" ] && backend=$(cat "$dir/backend")
  local fixed=$port attempt pid
  for attempt in 1 2 3; do
    [ -n "$fixed" ] || port=$(_azurite_free_port) || { _s3server_log "cannot pick a free port (python3 missing?)"; return 1; }
    _s3server_properties "$dir" "$port" "$backend" || return 1
    echo "$port" >"$dir/port"
    echo "$backend" >"$dir/backend"
    LOG_LEVEL=warn JETTY_LOG_LEVEL=warn nohup "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -jar "$jar" --properties "$dir/s3proxy.properties" >"$dir/s3proxy.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$dir/pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
        s3server_env "$dir"; return 0
      fi
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      _s3server_log "S3Proxy did not answer on 127.0.0.1:$port within 60 s; see $dir/s3proxy.log"
      s3server_stop "$dir"
      return 1
    fi
    rm -f "$dir/pid"
    # Exited at start, most likely because the port was taken meanwhile: try another free one
    # (not when the port was given or recorded).
    [ -z "$fixed" ] && [ "$attempt" -lt 3 ] && continue
    _s3server_log "S3Proxy exited at start; last log lines:"; tail -n 20 "$dir/s3proxy.log" >&2
    return 1
  done
}

# s3server_create_bucket DIR NAME: creates a bucket on the server recorded in DIR (a SigV4-signed
# PUT by curl; an existing bucket is no error).
s3server_create_bucket() {
  local dir=$1 name=$2 code
  [ -n "$name" ] || { _s3server_log "usage: s3server_create_bucket DIR NAME"; return 2; }
  # curl signs x-amz-* headers but does not add the payload hash S3 asks for: that of an empty body.
  code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
    --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3SERVER_ACCESS_KEY:$S3SERVER_SECRET_KEY" \
    "http://127.0.0.1:$(cat "$dir/port")/$name")
  case "$code" in
    200|409) return 0 ;;
    *) _s3server_log "creating bucket $name failed: HTTP $code"; return 1 ;;
  esac
}

# s3server_pause DIR: stops S3Proxy only (an outage as clients see it); the backend keeps the data.
s3server_pause() {
  local dir=$1 pid
  [ -f "$dir/pid" ] || return 0
  pid=$(cat "$dir/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$dir/pid"
  return 0
}

# s3server_stop DIR: stops S3Proxy and its backend; the data is gone.
s3server_stop() {
  local dir=$1
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  s3server_pause "$dir"
  azurite_stop "$dir/azurite"
  rm -f "$dir/port" "$dir/backend"
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) s3server_start "${2:?usage: s3server.sh start DIR [PORT]}" "${3:-}" ;;
    create-bucket) s3server_create_bucket "${2:?usage: s3server.sh create-bucket DIR NAME}" "${3:-}" ;;
    pause) s3server_pause "${2:?usage: s3server.sh pause DIR}" ;;
    stop) s3server_stop "${2:?usage: s3server.sh stop DIR}" ;;
    *) echo "usage: s3server.sh start DIR [PORT] | create-bucket DIR NAME | pause DIR | stop DIR" >&2; exit 2 ;;
  esac
fi
