"""End-to-end scenarios for what PostgreSQL's freshness signal shows badly (used by e2e_scenarios.py).

PostgreSQL's timestamp of a table, as the dbt-state client reads it, is the newest row's commit
time: it does not move on DDL, and it goes back when the newest rows are deleted or an older copy
of the table is put back. Each scenario changes the warehouse, runs a state-aware build, then a
vanilla `dbt build` of the same models into the schema "vanilla" (the plugin disabled), and
compares the two schemas' tables: columns in order, and every row. The models live in
models/weak (added here, removed at the end) over a source raw.accounts made here.

Scenarios: a column added to a source read with select *; the newest source row deleted; a table
restored to an older copy; and the max-reuse-age safety net for a delete no request shows.
"""
from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import time
from typing import Dict, List, Optional

PROJECT = "example_project"
SELECT = ["--select", "path:models/weak"]
MODELS = ("accounts_all", "accounts_named", "accounts_count")
SAFETY_NET_SECONDS = 60  # longer than two builds take on a loaded 2-core machine (13-22 s each seen)

FILES = {
    "_weak_sources.yml": "version: 2\n\nsources:\n  - name: raw_weak\n    schema: raw\n    tables:\n"
                         "      - name: accounts\n",
    # Takes the source's columns with a star: a column added there changes what a build makes.
    "accounts_all.sql": "select * from {{ source('raw_weak', 'accounts') }}\n",
    "accounts_named.sql": "select id, name from {{ source('raw_weak', 'accounts') }}\n",
    "accounts_count.sql": "select count(*) as accounts, max(id) as newest_id from {{ ref('accounts_named') }}\n",
}


def _query(h, statement: str) -> str:
    res = subprocess.run([h.psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", statement],
                         capture_output=True, text=True, timeout=60)
    if res.returncode != 0:
        raise RuntimeError(f"psql failed ({statement}): {res.stderr.strip()}")
    return res.stdout.strip()


def _content(h, schema: str, table: str) -> str:
    cols = _query(h, "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns"
                     f" where table_schema = '{schema}' and table_name = '{table}'")
    rows = _query(h, f"select md5(coalesce(string_agg(to_jsonb(t)::text, E'\\n' order by to_jsonb(t)::text), ''))"
                     f" from {schema}.{table} t")
    return f"columns {cols or '(none)'}; rows {rows[:8]}"


def _vanilla(h, label: str) -> bool:
    """The same models built by plain dbt (no state) into the schema vanilla."""
    env = h.dbt_env(None)
    env.update({"RUN_CACHE_DISABLED": "true", "DBT_PROD_SCHEMA": "vanilla"})
    log_path = h.logs / f"{h.seq:02d}_{label}-vanilla.log"
    cmd = [h.dbt, "build", "--target", "prod", "--project-dir", str(h.proj), "--profiles-dir", str(h.proj),
           "--target-path", "target-vanilla"] + SELECT
    with open(log_path, "w") as logf:
        rc = subprocess.run(cmd, cwd=h.proj, env=env, stdout=logf, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, timeout=h.build_timeout).returncode
    return h.check(f"(vanilla build {label})", "exit 0", f"exit {rc}", rc == 0)


def _compare(h, label: str, expect_equal: Optional[Dict[str, bool]] = None) -> None:
    """Each weak model's table in prod against the vanilla build of the same inputs."""
    if not _vanilla(h, label):
        return
    for m in MODELS:
        ours, theirs = _content(h, "prod", m), _content(h, "vanilla", m)
        equal = ours == theirs
        want = (expect_equal or {}).get(m, True)
        got = "same as vanilla" if equal else f"differs: {ours} vs {theirs}"
        h.check(f"table {m}", "same as vanilla" if want else "differs (cannot be seen)", got, equal == want)


def _why(h, node: str, words: List[str]) -> None:
    """`inspect why` of the node, over the store under test."""
    if not h.args.toolkit_cmd:
        return
    code, out = h.toolkit("inspect", "why", f"model.{PROJECT}.{node}", *h.store_args)
    ok = code == 0 and all(w in out for w in words)
    h.check(f"(inspect why {node})", " + ".join(words), "shown" if ok else out.strip()[-80:], ok)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _uids(names: Dict[str, str]) -> Dict[str, str]:
    """Expectations by model name, keyed by the models' unique ids."""
    return {f"model.{PROJECT}.{n}": k for n, k in names.items()}


def w1_column_added_under_star(h) -> None:
    weak = h.proj / "models" / "weak"
    weak.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (weak / name).write_text(text)
    h.sql("drop table if exists raw.accounts; create table raw.accounts (id integer primary key, name text not null)")
    h.sql("insert into raw.accounts values (1, 'ada'), (2, 'bob'), (3, 'cy')")
    h.sql("insert into raw.accounts values (4, 'dee')")  # the newest row, in a transaction of its own
    b = h.build("weak-first", extra=SELECT, tolerance="0")
    h.assert_build(b)
    h.expect(b, _uids({m: "run" for m in MODELS}))
    b = h.build("weak-unchanged", extra=SELECT, tolerance="0")
    h.assert_build(b)
    # The star over a source can never be proven unchanged on PostgreSQL; the others are reused.
    h.expect(b, _uids({"accounts_all": "run"}))
    _why(h, "accounts_all", ["(COLUMNS_UNPROVABLE)", '"raw"."accounts"'])
    h.sql("alter table raw.accounts add column segment text")
    b = h.build("weak-column-added", extra=SELECT, tolerance="0")
    h.assert_build(b)
    h.expect(b, _uids({"accounts_all": "run"}))
    _compare(h, "column-added")


def w2_newest_source_row_deleted(h) -> None:
    h.sql("delete from raw.accounts where id = 4")
    b = h.build("weak-newest-deleted", extra=SELECT, tolerance="0")
    h.assert_build(b)
    h.expect(b, _uids({m: "run" for m in MODELS}))
    _why(h, "accounts_named", ["(INPUT_WENT_BACK)", '"raw"."accounts"', "older than"])
    _compare(h, "newest-deleted")


def w3_table_restored_older(h) -> None:
    h.sql("drop table if exists prod.accounts_named_kept; alter table prod.accounts_named rename to accounts_named_kept")
    h.sql("insert into raw.accounts values (5, 'eve')")
    b = h.build("weak-rebuilt-elsewhere", extra=SELECT, tolerance="0")
    h.assert_build(b)
    h.expect(b, _uids({m: "run" for m in MODELS}))
    # Put the older copy back: its rows keep their older commit times.
    h.sql("drop table prod.accounts_named cascade; alter table prod.accounts_named_kept rename to accounts_named")
    b = h.build("weak-restored-older", extra=SELECT, tolerance="0")
    h.assert_build(b)
    h.expect(b, _uids({m: "run" for m in MODELS}))
    _why(h, "accounts_named", ["(TARGET_WENT_BACK)", "older than"])
    _compare(h, "restored-older")


def w4_safety_net(h) -> None:
    """A deleted older row moves no timestamp: only --max-reuse-age bounds how long it goes unseen.

    The server with the max reuse age keeps its state in the store under test (the harness's store
    options), in place of the main server, which is stopped meanwhile.
    """
    cmd = shlex.split(h.args.server_cmd)
    if "--capture" in cmd:  # this server's calls are not part of the main server's capture
        i = cmd.index("--capture")
        del cmd[i:i + 2]
    net = type(h.server)(cmd + ["--max-reuse-age", f"{SAFETY_NET_SECONDS}s"], h.store_args, _free_port(),
                 h.logs / "server-safety-net.log", h.work / "server-safety-net.pid", h.args.start_timeout)
    main_port = h.server.port
    h.server.stop()
    net.start()
    h.server.port = net.port  # the client's RUN_CACHE_API_URL
    try:
        # A new newest row: every model runs, whatever the store holds from the scenarios before.
        h.sql("insert into raw.accounts values (6, 'fay')")
        b = h.build("net-first", extra=SELECT, tolerance="0")
        built_at = time.monotonic()
        h.assert_build(b)
        h.expect(b, _uids({m: "run" for m in MODELS}))
        h.sql("delete from raw.accounts where id = 2")  # an older row: the newest commit time stays
        b = h.build("net-older-row-deleted", extra=SELECT, tolerance="0")
        h.assert_build(b)
        h.expect(b, _uids({"accounts_all": "run"}))
        _compare(h, "older-row-deleted", {"accounts_named": False, "accounts_count": False})
        time.sleep(max(0.0, SAFETY_NET_SECONDS + 2 - (time.monotonic() - built_at)))
        b = h.build("net-past-max-age", extra=SELECT, tolerance="0")
        h.assert_build(b)
        h.expect(b, _uids({m: "run" for m in MODELS}))
        _why(h, "accounts_named", ["(REUSE_TOO_OLD)", f"{SAFETY_NET_SECONDS} s"])
        _compare(h, "past-max-age")
    finally:
        net.stop()
        h.server.port = main_port
        h.server.start()
        shutil.rmtree(h.proj / "models" / "weak", ignore_errors=True)
        h.sql("drop table if exists prod.accounts_all, prod.accounts_named, prod.accounts_count,"
              " vanilla.accounts_all, vanilla.accounts_named, vanilla.accounts_count, raw.accounts cascade")


SCENARIOS = [
    ("14 a column added under select *", w1_column_added_under_star),
    ("15 the newest source row deleted", w2_newest_source_row_deleted),
    ("16 a table restored older", w3_table_restored_older),
    ("17 max reuse age, an older row deleted", w4_safety_net),
]
