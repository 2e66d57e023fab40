# shellcheck shell=bash
# jbang_run SCRIPT ARGS...: run a jbang script with jbang from PATH, or with the pinned jbang CLI
# fetched from Maven Central (every jar listed with its sha256 in jbang.lock beside this file).
_jbang_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_jbang_lib/maven.sh"

jbang_require_java() {
  if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    echo "dbt-state-oss: Java 17 or newer is required: install it (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME" >&2
    return 1
  fi
}

# Prints a classpath of the pinned jbang CLI, fetching what is missing.
_jbang_all_files() {
  local IFS=: path
  for path in $1; do [ -f "$path" ] || return 1; done
}

jbang_classpath() {
  # Every jar is sha256-checked once; the checked classpath is then kept beside the cache, keyed by
  # the lock file's own hash, so a warm start does not hash 56 jars again (about 0.4 s).
  local lock_sha stamp cp="" line coord sha g a v path
  lock_sha=$(sha256sum "$_jbang_lib/jbang.lock" | cut -c1-16)
  stamp="$DBTSTATE_CACHE/jbang-classpath-$lock_sha"
  if [ -f "$stamp" ] && cp=$(cat "$stamp") && [ -n "$cp" ] && _jbang_all_files "$cp"; then
    echo "$cp"; return 0
  fi
  cp=""
  while read -r coord sha; do
    [ -z "$coord" ] && continue
    case "$coord" in \#*) continue ;; esac
    IFS=: read -r g a v <<<"$coord"
    path=$(maven_fetch "$g" "$a" "$v" .jar "$sha") || return 1
    cp="${cp:+$cp:}$path"
  done < "$_jbang_lib/jbang.lock"
  printf '%s' "$cp" > "$stamp.$$" && mv -f "$stamp.$$" "$stamp"
  echo "$cp"
}

jbang_run() {
  jbang_require_java || exit 1
  if command -v jbang >/dev/null 2>&1 && [ -z "${DBTSTATE_PINNED_JBANG:-}" ]; then
    exec jbang --quiet "$@"
  fi
  local cp java=java output rc
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  cp=$(jbang_classpath) || exit 1
  # Like jbang's own launcher script: jbang prints the command to run and exits with 255.
  [ -t 0 ] || export JBANG_STDIN_NOTTY=true
  set +e
  # jbang's own JVM only decides what to run: the quick JIT tier and the serial GC halve its start-up.
  output=$(JBANG_RUNTIME_SHELL=bash "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -classpath "$cp" \
    dev.jbang.Main --quiet "$@")
  rc=$?
  set -e
  if [ "$rc" -eq 255 ]; then
    eval "exec $output"
  fi
  [ -n "$output" ] && printf '%s\n' "$output"
  exit "$rc"
}
