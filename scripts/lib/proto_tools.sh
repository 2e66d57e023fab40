# shellcheck shell=bash
# Shared by scripts/check-wire and scripts/gen-proto. Source scripts/lib/maven.sh first.
# Defines fetch_wkt_includes and wire_venv; both print a path, or one line on stderr and return 1.

PROTO_TOOLS_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# protobuf-java carries google/protobuf/*.proto (the protoc binary on Maven Central has no
# include directory). Same version as protoc and the Java runtime.
PROTOBUF_JAVA_VERSION=4.36.2
PROTOBUF_JAVA_SHA256=0773e72eaf375e1285df330575bfec5bda5da674d544d0e142a17f89c8f754da

# fetch_wkt_includes: prints a directory holding google/protobuf/*.proto (for protoc -I).
fetch_wkt_includes() {
  local jar dir tmp
  jar=$(maven_fetch com.google.protobuf protobuf-java "$PROTOBUF_JAVA_VERSION" .jar "$PROTOBUF_JAVA_SHA256") || return 1
  dir="$DBTSTATE_CACHE/protobuf-include/$PROTOBUF_JAVA_VERSION"
  if [ ! -f "$dir/google/protobuf/duration.proto" ]; then
    tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    if ! python3 - "$jar" "$tmp" <<'PY'
import sys, zipfile
jar, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(jar) as z:
    names = [n for n in z.namelist() if n.startswith("google/protobuf/") and n.endswith(".proto")]
    if not names:
        sys.exit(f"no google/protobuf/*.proto in {jar}")
    for n in names:
        z.extract(n, out)
PY
    then
      rm -rf "$tmp"
      echo "cannot extract google/protobuf/*.proto from $jar" >&2
      return 1
    fi
    rm -rf "$dir"
    mv "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"   # another process may have won the race
  fi
  echo "$dir"
}

# wire_venv: prints the python of a venv (under $DBTSTATE_CACHE) with the pinned reference
# wheel from scripts/lib/wire-requirements.txt. Created once per requirements/python version.
wire_venv() {
  local req="$PROTO_TOOLS_LIB/wire-requirements.txt" key venv log
  command -v python3 >/dev/null || { echo "python3 not found (needed for the wire check)" >&2; return 1; }
  key=$({ cat "$req"; python3 -c 'import sys; print(sys.version)'; } | sha256sum | cut -c1-12)
  venv="$DBTSTATE_CACHE/wire-venv-$key"
  if [ ! -f "$venv/.complete" ]; then
    mkdir -p "$DBTSTATE_CACHE" || { echo "cannot create $DBTSTATE_CACHE" >&2; return 1; }
    log="$venv.log"
    rm -rf "$venv"
    if ! python3 -m venv "$venv" >"$log" 2>&1; then
      echo "cannot create a Python venv at $venv (is python3-venv installed? log: $log)" >&2
      return 1
    fi
    if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
        --require-hashes --only-binary=:all: --no-deps -r "$req" >>"$log" 2>&1; then
      echo "cannot install the pinned wheels from PyPI into $venv (log: $log)" >&2
      return 1
    fi
    touch "$venv/.complete"
  fi
  echo "$venv/bin/python"
}
