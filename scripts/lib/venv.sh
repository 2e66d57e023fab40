# shellcheck shell=bash
# Pinned Python virtualenvs for the end-to-end tests. Source this file; it defines:
#
#   dbt_venv DIR [VERSION]
#                       dbt-core VERSION (1.11.16, the default, or 1.12.0) + dbt-postgres + the
#                       dbt-state client plugin (PyPI) in DIR, then checks the installed versions
#                       (offline) and that dbt discovers the plugin.
#   pyserver_venv DIR   the Python reference decision server dbt-state-oss (PyPI) in DIR;
#                       start it with DIR/bin/dbt-state-oss --store local --dir D --port P.
#
# Both are idempotent: a stamp file in DIR records the pin set; a matching stamp means done.
# Everything comes from PyPI as wheels (--only-binary :all:), so no install step builds or
# downloads anything else. The full resolved set is pinned through a constraints file.
# dbt-core 1.12 depends on dbt-core-experimental-parser: 2.0.0a4 is a wheel, while the later ones
# needed by 1.12.x after 1.12.0 build from source and fetch from outside PyPI, so 1.12.0 is pinned
# with 2.0.0a4. dbt-core>=2 cannot load the Python plugin.
# Python: ${DBT_VENV_PYTHON:-python3} (3.10 or newer). Extra pip options: $DBT_VENV_PIP_OPTS.

: "${DBTSTATE_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/dbt-state-oss}"
_venv_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=maven.sh
. "$_venv_lib/maven.sh"

# The dbt versions dbt_venv knows, each with its own pin set (DBT_VENV_*_<version with _>).
DBT_VENV_VERSIONS="1.11.16 1.12.0"
DBT_VENV_REQUIREMENTS_1_11_16="dbt-core==1.11.16 dbt-postgres==1.11.0 dbt-state==2.62.3 protobuf==6.33.6"
DBT_VENV_CONSTRAINTS_1_11_16="
aenum==3.1.17
agate==1.9.1
annotated-types==0.8.0
attrs==26.1.0
Authlib==1.9.10
babel==2.18.0
certifi==2026.10.19.post1
cffi==2.1.1
charset-normalizer==3.5.2
click==8.5.1
colorama==0.4.6
cryptography==50.0.2
dacite==1.9.2
daff==1.4.2
dbt-adapters==1.24.5
dbt-common==1.39.0
dbt-core==1.11.16
dbt-extractor==0.6.0
dbt-postgres==1.11.0
dbt-protos==1.0.615
dbt-semantic-interfaces==0.9.0
dbt-state==2.62.3
deepdiff==8.6.2
grpcio==1.85.3
humanize==4.17.0
idna==3.20
importlib_metadata==8.9.0
isodate==0.7.2
Jinja2==3.1.6
joserfc==1.8.0
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
leather==0.4.1
markdown-it-py==4.3.0
MarkupSafe==3.0.4
mashumaro==3.14
mdurl==0.1.2
more-itertools==10.8.0
msgpack==1.2.4
networkx==3.6.1
opentelemetry-api==1.45.2
orderly-set==5.5.0
packaging==26.3
parsedatetime==2.6
pathspec==0.12.1
protobuf==6.33.6
psycopg2-binary==2.9.13
pycparser==3.12
pydantic==2.14.4
pydantic_core==2.50.5
Pygments==2.21.0
python-dateutil==2.9.0.post0
python-slugify==9.2.0
pytimeparse==1.1.10
pytimeparse2==1.7.1
pytz==2026.6
PyYAML==6.0.4
query-cache-common==2.7.0
query-cache-protobuf==2.7.0
referencing==0.37.0
requests==2.34.2
rich==15.0.0
rpds-py==2026.9.1
six==1.17.0
snowplow-tracker==1.1.0
sqlglot==30.30.0
sqlparse==0.6.1
text-unidecode==1.3
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
zipp==4.1.2
"

DBT_VENV_REQUIREMENTS_1_12_0="dbt-core==1.12.0 dbt-core-experimental-parser==2.0.0a4 dbt-postgres==1.11.0 dbt-state==2.62.3 protobuf==6.33.6"
DBT_VENV_CONSTRAINTS_1_12_0="
aenum==3.1.17
agate==1.9.1
annotated-types==0.8.0
attrs==26.1.0
Authlib==1.9.10
babel==2.19.0
certifi==2026.10.19.post1
cffi==2.1.1
charset-normalizer==3.5.3
click==8.5.1
colorama==0.4.6
cryptography==50.0.2
dacite==1.9.2
daff==1.4.2
dbt-adapters==1.24.5
dbt-common==1.39.0
dbt-core==1.12.0
dbt-core-experimental-parser==2.0.0a4
dbt-extractor==0.6.0
dbt-postgres==1.11.0
dbt-protos==1.0.615
dbt-state==2.62.3
deepdiff==8.6.2
grpcio==1.85.3
humanize==4.17.0
idna==3.20
importlib_metadata==10.2.0
isodate==0.7.2
Jinja2==3.1.6
joserfc==1.8.0
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
lazy-importer==0.1.0
leather==0.4.1
markdown-it-py==4.3.0
MarkupSafe==3.0.4
mashumaro==3.17
mdurl==0.1.2
metricflow==0.213.0
more-itertools==10.8.0
msgpack==1.2.4
networkx==3.6.1
opentelemetry-api==1.45.2
orderly-set==5.5.0
packaging==26.4
parsedatetime==2.6
pathspec==1.0.4
protobuf==6.33.6
psycopg2-binary==2.9.13
pycparser==3.12
pydantic==2.14.4
pydantic_core==2.50.5
Pygments==2.21.0
python-dateutil==2.9.0.post0
python-dotenv==1.2.4
python-slugify==9.2.0
pytimeparse==1.1.10
pytimeparse2==1.7.1
pytz==2026.6
PyYAML==6.0.4
query-cache-common==2.7.0
query-cache-protobuf==2.7.0
RapidFuzz==3.14.6
referencing==0.37.0
requests==2.34.2
rich==15.0.0
rpds-py==2026.9.1
six==1.17.0
snowplow-tracker==1.1.0
sqlglot==30.31.0
sqlparse==0.5.5
tabulate==0.10.0
text-unidecode==1.3
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
zipp==4.1.2
"

# query-cache-protobuf 2.7.0 renamed ConfirmExecutionResponse field 2 (request_id -> execution_id,
# same number and type); dbt-state-oss 0.1.1 sets request_id and crashes on 2.7.0, so its venv
# keeps 2.6.0, the newest release with the old name. The wire format is unchanged.
# boto3 (its "s3" extra) lets the tests run its S3 store against S3Proxy; its Azure store reaches only
# *.blob.core.windows.net, so the "azure" extra is not installed.
PYSERVER_VENV_REQUIREMENTS="dbt-state-oss==0.1.1 query-cache-protobuf==2.6.0 protobuf==6.33.6 boto3==1.44.8"
PYSERVER_VENV_CONSTRAINTS="
boto3==1.44.8
botocore==1.44.8
dbt-state-oss==0.1.1
grpcio==1.85.3
jmespath==1.1.0
packaging==26.3
protobuf==6.33.6
python-dateutil==2.9.0.post0
query-cache-protobuf==2.6.0
s3transfer==0.19.3
six==1.17.0
sqlglot==30.30.0
typing_extensions==4.16.0
urllib3==2.8.0
"

_venv_log() { echo "venv: $*" >&2; }

# Prints a python interpreter of version >= 3.10, installing Debian's venv module if needed.
_venv_python() {
  local py=${DBT_VENV_PYTHON:-python3}
  if ! command -v "$py" >/dev/null 2>&1; then
    _venv_log "$py not found (set DBT_VENV_PYTHON to a Python 3.10+ interpreter)"; return 1
  fi
  if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
    _venv_log "$py is $("$py" --version 2>&1); dbt-core 1.11 and 1.12 need Python 3.10 or newer"; return 1
  fi
  if ! "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
      _venv_log "installing python3-venv"
      if ! DEBIAN_FRONTEND=noninteractive apt-get update >/dev/null \
          || ! DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv >/dev/null; then
        _venv_log "apt-get install python3-venv failed"; return 1
      fi
    else
      _venv_log "$py lacks the venv/ensurepip modules (install python3-venv)"; return 1
    fi
  fi
  command -v "$py"
}

# _venv_build DIR "REQUIREMENTS" "CONSTRAINTS": one build of DIR at a time (two e2e runs may start together).
_venv_build() { cache_locked "venv-$(basename "$1")" _venv_build_unlocked "$@"; }
_venv_build_unlocked() {
  local dir=$1 reqs=$2 constraints=$3
  local py stamp want
  py=$(_venv_python) || return 1
  want=$(printf '%s\n%s\n%s\n' "$("$py" -c 'import sys; print(sys.version)')" "$reqs" "$constraints" \
    | sha256sum | cut -d' ' -f1)
  stamp="$dir/.dbt-state-oss-venv"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dir/bin/python" ]; then
    return 0
  fi
  if [ -e "$dir" ] && [ ! -f "$dir/pyvenv.cfg" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    _venv_log "$dir exists and is not a virtualenv; refusing to replace it"; return 1
  fi
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")" || return 1
  _venv_log "creating $dir ($reqs)"
  "$py" -m venv "$dir" || { _venv_log "python -m venv failed"; return 1; }
  local cfile="$dir/constraints.txt"
  printf '%s\n' "$constraints" | sed '/^$/d' >"$cfile"
  # shellcheck disable=SC2086
  if ! "$dir/bin/python" -m pip install --disable-pip-version-check --no-input -q \
      --only-binary :all: -c "$cfile" ${DBT_VENV_PIP_OPTS:-} $reqs >"$dir/pip-install.log" 2>&1; then
    _venv_log "pip install failed; last lines of $dir/pip-install.log:"
    tail -n 25 "$dir/pip-install.log" >&2
    return 1
  fi
  echo "$want" >"$stamp"
}

dbt_venv() {
  local dir=$1 version=${2:-1.11.16}
  [ -n "$dir" ] || { _venv_log "usage: dbt_venv DIR [VERSION]"; return 2; }
  case " $DBT_VENV_VERSIONS " in
    *" $version "*) ;;
    *) _venv_log "dbt-core $version is not pinned here; choose one of: $DBT_VENV_VERSIONS"; return 2 ;;
  esac
  local reqs_var="DBT_VENV_REQUIREMENTS_${version//./_}" cons_var="DBT_VENV_CONSTRAINTS_${version//./_}"
  _venv_build "$dir" "${!reqs_var}" "${!cons_var}" || return 1
  local out
  # Versions from the installed metadata, not `dbt --version`: that one asks pypi.org for the latest
  # releases (a network call per package) and starts dbt's whole CLI, a few seconds per e2e run.
  [ -x "$dir/bin/dbt" ] || { _venv_log "$dir/bin/dbt missing"; return 1; }
  if ! out=$(cd "$dir" && env -u DBT_ENGINE_MANAGE_STATE -u RUN_CACHE_DISABLED -u DBT_RUN_CACHE_DISABLED \
      "$dir/bin/python" - "$version" 2>&1 <<'EOF'
import importlib.metadata as md
import sys
for name, want in (("dbt-core", sys.argv[1]), ("dbt-postgres", "1.11.0")):
    if md.version(name) != want:
        raise SystemExit(f"{name} {md.version(name)} is installed, not {want}")
for legacy in ("run-cache", "dbt-run-cache"):
    try:
        md.distribution(legacy)
        raise SystemExit(f"legacy package {legacy} is installed; the dbt-state plugin refuses to run")
    except md.PackageNotFoundError:
        pass
from dbt.plugins.manager import PluginManager
names = [type(p).__name__ for p in PluginManager.from_modules("venv_check")._plugins]
if "RunCachePlugin" not in names:
    raise SystemExit(f"dbt-state plugin not discovered by dbt (plugins: {names})")
print("dbt-state", md.version("dbt-state"), "plugin discovered")
EOF
  ); then
    _venv_log "dbt virtualenv check failed:"; echo "$out" >&2; return 1
  fi
  return 0
}

pyserver_venv() {
  local dir=$1
  [ -n "$dir" ] || { _venv_log "usage: pyserver_venv DIR"; return 2; }
  _venv_build "$dir" "$PYSERVER_VENV_REQUIREMENTS" "$PYSERVER_VENV_CONSTRAINTS" || return 1
  [ -x "$dir/bin/dbt-state-oss" ] || { _venv_log "$dir/bin/dbt-state-oss missing"; return 1; }
  "$dir/bin/python" -c 'import dbt_state_oss.__main__' \
    || { _venv_log "dbt_state_oss does not import"; return 1; }
}
