# shellcheck shell=bash
# Fetch pinned files from Maven Central into a local cache, checking sha256.
# Source this file; it defines maven_fetch, cache_locked and the cache location.

: "${DBTSTATE_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/dbt-state-oss}"
: "${MAVEN_CENTRAL:=https://repo.maven.apache.org/maven2}"

# cache_locked NAME CMD...
#   Runs CMD holding the exclusive lock $DBTSTATE_CACHE/locks/NAME.lock, so that runs at the same time
#   (EndToEndTest starts two scripts/e2e at once) do not install the same thing together; CMD's own
#   children do not inherit the lock. Without flock (util-linux), CMD just runs.
cache_locked() {
  local name=$1; shift
  if ! command -v flock >/dev/null 2>&1 || ! mkdir -p "$DBTSTATE_CACHE/locks" 2>/dev/null; then
    "$@"; return
  fi
  ( flock -x 9 || exit 1; "$@" 9>&- ) 9>"$DBTSTATE_CACHE/locks/$name.lock"
}

# maven_fetch GROUP ARTIFACT VERSION FILE_SUFFIX SHA256
#   FILE_SUFFIX is what follows "ARTIFACT-VERSION", e.g. ".jar" or "-linux-x86_64.exe".
#   Prints the path of the verified file. Returns 1 (with one line on stderr) on failure.
maven_fetch() {
  local group=$1 artifact=$2 version=$3 suffix=$4 sha=$5
  local file="$artifact-$version$suffix"
  local dir="$DBTSTATE_CACHE/maven/${group//.//}/$artifact/$version"
  local path="$dir/$file"
  if [ -f "$path" ] && [ "$(sha256sum "$path" | cut -d' ' -f1)" = "$sha" ]; then
    echo "$path"; return 0
  fi
  mkdir -p "$dir" || { echo "cannot create cache directory $dir (set DBTSTATE_CACHE to a writable place)" >&2; return 1; }
  local url="$MAVEN_CENTRAL/${group//.//}/$artifact/$version/$file"
  local tmp="$path.part.$$"
  if ! curl -fsL --retry 3 --connect-timeout 20 -o "$tmp" "$url"; then
    rm -f "$tmp"
    echo "dbt-state-oss: download failed: $url (check network access to Maven Central, or set MAVEN_CENTRAL to a mirror)" >&2
    return 1
  fi
  local got; got=$(sha256sum "$tmp" | cut -d' ' -f1)
  if [ "$got" != "$sha" ]; then
    rm -f "$tmp"
    echo "checksum mismatch for $url: expected $sha, got $got" >&2
    return 1
  fi
  mv -f "$tmp" "$path"
  echo "$path"
}

# Pinned code generators (used by gen-proto and check-wire).
PROTOC_VERSION=4.36.2
PROTOC_SHA256=f6ee22d65361338459208da8bff801c9ca689741cba9187b34990dd45198f864
# protoc-gen-grpc-java: 1.83.1 is the newest whose linux-x86_64 binary Maven Central serves here;
# its output runs on the newer grpc-java runtime pinned in DbtStateOss.java.
GRPC_PLUGIN_VERSION=1.83.1
GRPC_PLUGIN_SHA256=db4044e78391d5a23439143c8147f07ba5877675587b4d48f3b68fbee3893589

fetch_protoc() {
  local p; p=$(maven_fetch com.google.protobuf protoc "$PROTOC_VERSION" -linux-x86_64.exe "$PROTOC_SHA256") || return 1
  chmod +x "$p"; echo "$p"
}

fetch_grpc_plugin() {
  local p; p=$(maven_fetch io.grpc protoc-gen-grpc-java "$GRPC_PLUGIN_VERSION" -linux-x86_64.exe "$GRPC_PLUGIN_SHA256") || return 1
  chmod +x "$p"; echo "$p"
}
