#!/usr/bin/env python3
"""End-to-end scenarios: the dbt-state client (dbt + plugin) against a decision server.

Driven by scripts/e2e, which provides PostgreSQL (PG* variables, PG_BIN), the dbt virtualenv and
the server command. This script owns the server process (start, stop, kill, restart), copies the
example project into the work directory, runs the scenarios in one sequence (each builds on the
state left by the previous one), reads every node's outcome from target/run_results.json and the
client's decision log (logs/state/responses_*.jsonl), and prints one row per assertion:

    scenario | node | expected | got | ok

Expectation codes: run (executed), noop (exactly "NO-OP"), noop~ ("NO-OP (within tolerance)"),
noop* (either NO-OP), clone, any (anything but an error); alternatives joined with "|". A NO-OP
data test must also report the result of its last execution (pass, or warn(N) with N failures).

Only the standard library is used. Exit status 0 when every row passed.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import e2e_weak_signal

PROJECT = "example_project"
SOURCE_ID = f"source.{PROJECT}.raw.orders"
NODE_TYPES = ("seed", "model", "snapshot", "test")
DEFAULT_TOLERANCE = None  # the client's default (2700 s)


def log(msg: str) -> None:
    print(f"e2e: {msg}", file=sys.stderr, flush=True)


def tail(path: Path, lines: int) -> str:
    try:
        with open(path, "r", errors="replace") as f:
            content = f.readlines()
    except OSError as e:
        return f"(cannot read {path}: {e})\n"
    return "".join(content[-lines:])


ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --------------------------------------------------------------------------------------------
# decision server process


class Server:
    def __init__(self, cmd: List[str], store_args: List[str], port: int, log_path: Path,
                 pid_file: Path, start_timeout: float) -> None:
        self.cmd = cmd + store_args + ["--port", str(port)]
        self.port = port
        self.log_path = log_path
        self.pid_file = pid_file
        self.start_timeout = start_timeout
        self.proc: Optional[subprocess.Popen] = None
        self.starts = 0

    def start(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("server already running")
        self.starts += 1
        with open(self.log_path, "a") as f:
            f.write(f"\n===== e2e: start #{self.starts}: {shlex.join(self.cmd)}\n")
        logf = open(self.log_path, "a")
        try:
            self.proc = subprocess.Popen(self.cmd, stdout=logf, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as e:
            raise RuntimeError(f"cannot start server {self.cmd[0]}: {e}") from e
        finally:
            logf.close()
        self.pid_file.write_text(str(self.proc.pid))
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with status {self.proc.returncode} during startup "
                                   f"(log {self.log_path})")
            if port_open(self.port):
                return
            time.sleep(0.2)
        raise RuntimeError(f"server did not listen on 127.0.0.1:{self.port} within "
                           f"{self.start_timeout:.0f}s (log {self.log_path})")

    def _signal_group(self, sig: int) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 20.0) -> None:
        """Graceful stop: SIGTERM, then SIGKILL after the timeout."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log("server ignored SIGTERM; killing it")
                self._signal_group(signal.SIGKILL)
                self.proc.wait(10)
        self._signal_group(signal.SIGKILL)  # stray children of a wrapper script
        self._wait_port_closed()
        self.proc = None

    def kill(self) -> None:
        """Crash: SIGKILL the whole process group, no chance to flush anything."""
        if self.proc is None:
            return
        self._signal_group(signal.SIGKILL)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self._wait_port_closed()
        self.proc = None

    def _wait_port_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and port_open(self.port):
            time.sleep(0.1)


def local_store_keys(state: Path) -> List[str]:
    """The keys of a local store: rows of its database (state.db), or files of the earlier file layout."""
    db = state / "state.db"
    if db.exists():
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return [row[0] for row in con.execute("SELECT key FROM blobs")]
        finally:
            con.close()
    return [p.relative_to(state).as_posix() for p in state.rglob("*") if p.is_file() and not p.name.startswith(".")]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------------
# dbt builds and their outcomes


@dataclass
class Outcome:
    kind: str  # run | noop | noop~ | clone | error | absent
    status: str = ""
    detail: str = ""  # tests: pass / warn(N) / fail(N)
    message: str = ""

    def text(self) -> str:
        base = {"run": "run", "noop": "NO-OP", "noop~": "NO-OP (within tolerance)", "clone": "CLONE",
                "absent": "absent"}.get(self.kind)
        if base is None:
            base = f"{self.status}: {self.message[:60]}"
        return f"{base} {self.detail}".strip()


@dataclass
class Build:
    label: str
    target: str
    rc: Optional[int]
    log_path: Path
    results: Dict[str, dict]
    manifest: dict
    decisions: List[dict]
    duration: float
    selected: bool = False  # built with --select: unselected nodes have no result
    project: str = PROJECT  # the dbt project built (its nodes are the ones checked)
    where: str = ""  # the directory of a project other than the example's

    @property
    def nodes(self) -> Dict[str, dict]:
        return {uid: n for uid, n in self.manifest.get("nodes", {}).items()
                if n.get("resource_type") in NODE_TYPES and n.get("package_name") == self.project}

    def outcome(self, uid: str) -> Outcome:
        r = self.results.get(uid)
        if r is None:
            return Outcome("absent")
        status = str(r.get("status") or "")
        message = r.get("message") or ""
        adapter_message = (r.get("adapter_response") or {}).get("_message") or ""
        is_test = uid.startswith("test.")
        detail = ""
        if is_test:
            failures = r.get("failures")
            detail = status if status == "pass" else f"{status}({failures})"
        if status in ("error", "runtime error", "skipped") or (is_test and status == "fail"):
            return Outcome("error", status, detail, message or adapter_message)
        if status == "reused":  # emit_reused_status mode
            if message.startswith("Cloned from other environment"):
                return Outcome("clone", status, detail, message)
            kind = "noop~" if message.startswith("New changes detected within lag tolerance") else "noop"
            return Outcome(kind, status, detail, message)
        marker = adapter_message if is_test else message
        if marker.startswith("NO-OP (within tolerance)"):
            return Outcome("noop~", status, detail, marker)
        if marker.startswith("NO-OP"):
            return Outcome("noop", status, detail, marker)
        if marker.startswith("CLONE"):
            return Outcome("clone", status, detail, marker)
        return Outcome("run", status, detail, marker)

    def log_text(self) -> str:
        try:
            return ANSI.sub("", self.log_path.read_text(errors="replace"))
        except OSError:
            return ""

    def decision_entries(self) -> Dict[str, dict]:
        return {d["node_name"]: d for d in self.decisions if d.get("entry_type") == "node"}


def descendants(manifest: dict, roots: Iterable[str]) -> Set[str]:
    child_map = manifest.get("child_map", {})
    seen: Set[str] = set()
    stack = list(roots)
    while stack:
        for child in child_map.get(stack.pop(), []):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def is_view(node: dict) -> bool:
    return node.get("resource_type") == "model" and node["config"].get("materialized") == "view"


def is_incremental(node: dict) -> bool:
    return node.get("resource_type") == "model" and node["config"].get("materialized") == "incremental"


# --------------------------------------------------------------------------------------------
# the harness


@dataclass
class Row:
    scenario: str
    node: str
    expected: str
    got: str
    ok: bool


class ScenarioFailed(Exception):
    pass


class Harness:
    def __init__(self, args: argparse.Namespace) -> None:
        self.work = Path(args.work).resolve()
        self.src_project = Path(args.project).resolve()
        self.dbt = args.dbt
        self.args = args
        self.store_args = shlex.split(args.store_args) if args.store_args else [
            "--store", "local", "--dir", str(self.work / "state")]
        self.build_timeout = args.build_timeout
        self.proj = self.work / "project"
        self.logs = self.work / "logs"
        self.artifacts = self.work / "artifacts"
        for d in (self.logs, self.artifacts):
            d.mkdir(parents=True, exist_ok=True)
        port = args.port or free_port()
        self.server = Server(shlex.split(args.server_cmd), self.store_args, port,
                             self.logs / "server.log", self.work / "server.pid", args.start_timeout)
        self.rows: List[Row] = []
        self.seq = 0
        self.scenario = ""
        self.failed_builds: List[Build] = []
        self.last_manifest: Dict[str, dict] = {}  # target -> manifest of the last build
        self.test_results: Dict[tuple, str] = {}  # (target, unique_id) -> pass / warn(N)
        self.psql = str(Path(os.environ.get("PG_BIN", "/usr/bin")) / "psql")

    # ----- plumbing

    def toolkit(self, *args: str):
        """Runs a dbt-state-oss command; returns (exit code, stdout + stderr)."""
        p = subprocess.run(shlex.split(self.args.toolkit_cmd) + list(args), capture_output=True, text=True, timeout=300)
        return p.returncode, p.stdout + p.stderr

    def check(self, node: str, expected: str, got: str, ok: bool) -> bool:
        self.rows.append(Row(self.scenario, node, expected, got, ok))
        return ok

    def dbt_env(self, tolerance: Optional[str]) -> Dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("RUN_CACHE_", "DBT_RUN_CACHE_", "DBT_ENGINE_STATE_",
                                    "DBT_ENV_SECRET_STATE_", "DBT_ENGINE_MANAGE_STATE"))}
        env.update({
            "RUN_CACHE_API_URL": f"127.0.0.1:{self.server.port}",
            "RUN_CACHE_API_SECURE": "false",
            "RUN_CACHE_OAUTH_CLIENT_SECRET": "unused",
            "RUN_CACHE_HOME": str(self.work / "dbt-state-home"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
        })
        if self.args.client_env:
            # secure mode: TLS and an OIDC token from the test issuer (CA bundle, token URL, client id/secret, org)
            env["RUN_CACHE_API_SECURE"] = "true"
            env.update(dict(kv.split("=", 1) for kv in shlex.split(self.args.client_env)))
        if tolerance is not None:
            env["RUN_CACHE_FRESHNESS_TOLERANCE"] = tolerance
        return env

    def sql(self, statement: str) -> None:
        cmd = [self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        if res.returncode != 0:
            raise ScenarioFailed(f"psql failed ({statement}): {res.stderr.strip()}")

    def edit(self, rel_path: str, old: str, new: str) -> None:
        path = self.proj / rel_path
        text = path.read_text()
        if old not in text:
            raise ScenarioFailed(f"edit of {rel_path}: text {old!r} not found")
        path.write_text(text.replace(old, new, 1))

    def _state_logs(self, proj: Optional[Path] = None) -> Set[str]:
        return set(glob.glob(str((proj or self.proj) / "logs" / "state" / "responses_*.jsonl")))

    def start_build(self, label: str, target: str, extra: List[str], tolerance: Optional[str],
                    proj: Optional[Path] = None):
        proj = proj or self.proj
        self.seq += 1
        name = f"{self.seq:02d}_{label}"
        log_path = self.logs / f"{name}.log"
        for f in ("run_results.json", "manifest.json"):
            (proj / "target" / f).unlink(missing_ok=True)
        before = self._state_logs(proj)
        cmd = [self.dbt, "build", "--target", target, "--project-dir", str(proj),
               "--profiles-dir", str(proj)] + extra
        logf = open(log_path, "w")
        logf.write(f"# {shlex.join(cmd)}\n# tolerance: {tolerance or 'default'}\n")
        logf.flush()
        proc = subprocess.Popen(cmd, cwd=proj, env=self.dbt_env(tolerance), stdout=logf,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        logf.close()
        return proc, name, log_path, before, time.monotonic(), proj

    def finish_build(self, started, label: str, target: str, project: str = PROJECT) -> Build:
        proc, name, log_path, before, t0, proj = started
        try:
            rc = proc.wait(self.build_timeout)
        except subprocess.TimeoutExpired:
            log(f"build {name} did not finish within {self.build_timeout:.0f}s; killing it")
            proc.kill()
            proc.wait()
            rc = None
        duration = time.monotonic() - t0
        results: Dict[str, dict] = {}
        manifest: dict = {}
        rr = proj / "target" / "run_results.json"
        if rr.exists():
            shutil.copy(rr, self.artifacts / f"{name}.run_results.json")
            results = {r["unique_id"]: r for r in json.loads(rr.read_text()).get("results", [])}
        mf = proj / "target" / "manifest.json"
        if mf.exists():
            manifest = json.loads(mf.read_text())
        decisions: List[dict] = []
        for path in sorted(self._state_logs(proj) - before):
            with open(path) as f:
                decisions.extend(json.loads(line) for line in f if line.strip())
        (self.artifacts / f"{name}.decisions.jsonl").write_text(
            "".join(json.dumps(d) + "\n" for d in decisions))
        selected = any(a in ("--select", "-s") for a in proc.args)
        build = Build(label, target, rc, log_path, results, manifest, decisions, duration, selected, project,
                      "" if proj == self.proj else proj.name)
        log(f"build {name}: exit {rc}, {len(results)} results, {duration:.1f}s")
        return build

    def build(self, label: str, target: str = "prod", extra: Optional[List[str]] = None,
              tolerance: Optional[str] = DEFAULT_TOLERANCE, proj: Optional[Path] = None,
              project: str = PROJECT) -> Build:
        started = self.start_build(label, target, extra or [], tolerance, proj)
        return self.finish_build(started, label, target, project)

    # ----- assertions

    def assert_build(self, b: Build, decisions: bool = True) -> None:
        ok = self.check(f"(build {b.label})", "exit 0", f"exit {b.rc}", b.rc == 0)
        if not b.results:
            self.check(f"(build {b.label})", "run_results.json", "missing", False)
            ok = False
        if decisions:
            ok = self.assert_decision_ids(b) and ok
        if not ok:
            self.failed_builds.append(b)

    def assert_decision_ids(self, b: Build) -> bool:
        """Every node that reached the server has an execution_decision_id in the decision log."""
        entries = b.decision_entries()
        missing = []
        count = 0
        for uid, node in b.nodes.items():
            if is_view(node) or uid not in b.results or b.outcome(uid).kind == "error":
                continue
            count += 1
            entry = entries.get(node["name"])
            if not entry or not entry.get("execution_decision_id"):
                missing.append(node["name"])
        got = "all present" if not missing else f"missing for {len(missing)}: " + ", ".join(sorted(missing)[:4])
        return self.check("(decision log)", f"decision id for {count} nodes", got, not missing)

    def expect(self, b: Build, expected: Dict[str, str], default: str = "noop") -> None:
        """Checks every node of the build against its expectation (default for unlisted nodes;
        views always 'run'; an incremental model whose compiled SQL changed since the previous
        build of the same target 'run' where 'noop' was expected, and its descendants 'noop|run')."""
        manifest_key = f"{b.where}/{b.target}" if b.where else b.target
        prev = self.last_manifest.get(manifest_key, {}).get("nodes", {})
        flipped = {uid for uid, node in b.nodes.items()
                   if is_incremental(node) and uid in prev and uid not in expected
                   and prev[uid].get("compiled_code") != node.get("compiled_code")}
        # Downstream of such a model the data did not change, only the upstream query text:
        # running and reusing are both acceptable there.
        after_flip = descendants(b.manifest, flipped) - flipped
        failed = False
        for uid, node in sorted(b.nodes.items(), key=lambda kv: (kv[1]["resource_type"] != "seed",
                                                                 kv[1]["resource_type"] == "test",
                                                                 kv[1]["name"])):
            if b.selected and uid not in b.results:
                continue
            exp = expected.get(uid, default)
            if is_view(node) and uid not in expected:
                exp = "run"
            if exp == "noop" and uid in flipped:
                exp = "run"  # is_incremental() flipped or {{ this }} changed: the query differs
            elif exp == "noop" and uid in after_flip:
                exp = "noop|run"
            got = b.outcome(uid)
            ok = got.kind in exp.split("|") or (exp == "any" and got.kind not in ("error", "absent")) \
                or (exp == "noop*" and got.kind in ("noop", "noop~"))
            exp_text = exp
            key = (manifest_key, uid)
            if uid.startswith("test."):
                if got.kind in ("noop", "noop~") and key in self.test_results:
                    exp_text = f"{exp} {self.test_results[key]}"
                    ok = ok and got.detail == self.test_results[key]
                if got.kind == "run":
                    self.test_results[key] = got.detail
            failed |= not self.check(self._label(node), exp_text, got.text(), ok)
        if failed and b not in self.failed_builds:
            self.failed_builds.append(b)
        self.last_manifest[manifest_key] = b.manifest

    @staticmethod
    def _label(node: dict) -> str:
        kind = {"seed": "seed", "model": "view" if is_view(node) else "model", "snapshot": "snapshot",
                "test": "test"}[node["resource_type"]]
        if is_incremental(node):
            kind = "incr"
        return f"{kind} {node['name']}"

    def uid(self, b: Build, name: str) -> str:
        for uid, node in b.nodes.items():
            if node["name"] == name:
                return uid
        raise ScenarioFailed(f"node {name} not in manifest")

    # ----- scenarios

    def setup(self) -> None:
        shutil.copytree(self.src_project, self.proj,
                        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"))
        res = subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f",
                              str(self.proj / "setup" / "raw_orders.sql")],
                             capture_output=True, text=True, timeout=60)
        if res.returncode != 0:
            raise RuntimeError(f"creating raw.orders failed: {res.stderr.strip()}")
        for schema in ("prod", "dev"):
            self.sql(f"drop schema if exists {schema} cascade")
        self.server.start()
        log(f"server listening on 127.0.0.1:{self.server.port}")

    def s1_first_build(self) -> None:
        b = self.build("first")
        self.assert_build(b)
        self.check("(plugin)", "dbt-state enabled",
                   "enabled" if "dbt-state v" in b.log_text() and " is enabled" in b.log_text()
                   else "not enabled", " is enabled" in b.log_text())
        self.expect(b, {}, default="run")

    def s2_unchanged(self) -> None:
        b = self.build("unchanged")
        self.assert_build(b)
        self.expect(b, {})

    def s3_cosmetic_edit(self) -> None:
        path = "models/intermediate/int_customers_geo.sql"
        edits = [
            # (a) whole-line comments and blank lines
            ("comment-lines", lambda t: "-- cosmetic edit: a comment line\n\n" + t.replace(
                "from {{", "\n/* block comment */\nfrom {{") + "\n\n"),
            # (b) comments and whitespace inside lines
            ("inline-edit", lambda t: t.replace("    c.customer_id,", "        c.customer_id ,   -- key")
             .replace("left join", "left   join").replace(" as region", "  as  region")),
        ]
        for label, change in edits:
            text = (self.proj / path).read_text()
            (self.proj / path).write_text(change(text))
            b = self.build(f"cosmetic-{label}")
            self.assert_build(b)
            uid = self.uid(b, "int_customers_geo")
            before = self.last_manifest.get("prod", {}).get("nodes", {}).get(uid, {}).get("compiled_code")
            changed = before != b.nodes[uid].get("compiled_code")
            self.check(f"(edit {label})", "compiled SQL differs", "differs" if changed else "same",
                       changed)
            self.expect(b, {})
            if self.args.toolkit_cmd and before:
                old = self.work / f"before-{label}.sql"
                new = self.work / f"after-{label}.sql"
                old.write_text(before)
                new.write_text(b.nodes[uid].get("compiled_code") or "")
                p, out = self.toolkit("fingerprint", str(old), "--diff", str(new))
                self.check(f"(fingerprint --diff, {label})", "exit 0, same query",
                           f"exit {p}, " + ("same query" if "same query" in out else out.strip()[-60:]),
                           p == 0 and "same query" in out)

    def s4_logic_change(self) -> None:
        self.edit("models/intermediate/int_customer_orders.sql", "where status <> 'cancelled'",
                  "where status not in ('cancelled', 'refund')")
        b = self.build("logic-change")
        self.assert_build(b)
        uid = self.uid(b, "int_customer_orders")
        self.expect(b, {u: "run" for u in {uid} | descendants(b.manifest, [uid])})
        if self.args.toolkit_cmd:
            code, out = self.toolkit("inspect", "why", uid, *self.store_args)
            ok = code == 0 and "(QUERY_CHANGED)" in out and "'refund'" in out
            self.check("(inspect why, logic change)", "QUERY_CHANGED with the SQL that changed",
                       "shown" if ok else out.strip()[-80:], ok)

    def _insert_orders(self, first_id: int) -> None:
        self.sql("insert into raw.orders (id, customer_id, amount, status, ordered_at) values "
                 f"({first_id}, 1, 23.00, 'shipped', current_date), "
                 f"({first_id + 1}, 5, 41.50, 'pending', current_date)")

    def s5_new_rows_tolerance_0(self) -> None:
        self._insert_orders(1001)
        b = self.build("new-rows-tol0", tolerance="0")
        self.assert_build(b)
        self.expect(b, {u: "run" for u in descendants(b.manifest, [SOURCE_ID])})
        if self.args.toolkit_cmd:
            uid = self.uid(b, "stg_orders")
            code, out = self.toolkit("inspect", "why", uid, *self.store_args)
            ok = code == 0 and "(UPSTREAM_NEWER)" in out and '"raw"."orders": newer by' in out
            self.check("(inspect why, upstream insert)", "UPSTREAM_NEWER naming raw.orders",
                       "shown" if ok else out.strip()[-80:], ok)

    def s6_new_rows_default_tolerance(self) -> None:
        self._insert_orders(2001)
        b = self.build("new-rows-default-tol")
        self.assert_build(b)
        direct = set(b.manifest.get("child_map", {}).get(SOURCE_ID, []))
        self.expect(b, {u: "noop~" for u in direct})
        # The reuse inside the tolerance must not count as a build: with tolerance 0 the same
        # nodes now see the rows inserted above and run.
        b = self.build("catch-up-tol0", tolerance="0")
        self.assert_build(b)
        self.expect(b, {u: "run" for u in descendants(b.manifest, [SOURCE_ID])})

    def s7_seeds(self) -> None:
        seed = self.proj / "seeds" / "countries.csv"
        os.utime(seed, None)  # same bytes, new mtime
        b = self.build("seed-touched")
        self.assert_build(b)
        self.expect(b, {})
        self.edit("seeds/countries.csv", "NG,Nigeria,EMEA", "NG,Nigeria,AFRICA")
        b = self.build("seed-changed")
        self.assert_build(b)
        uid = self.uid(b, "countries")
        self.expect(b, {u: "run" for u in {uid} | descendants(b.manifest, [uid])})

    def s8_dropped_table(self) -> None:
        self.sql("drop table prod.int_customer_orders cascade")
        b = self.build("table-dropped")
        self.assert_build(b)
        uid = self.uid(b, "int_customer_orders")
        below = descendants(b.manifest, [uid])
        expected = {u: "any" for u in below}
        expected[uid] = "run"
        self.expect(b, expected)
        # What was reused inside the tolerance above must run once the tolerance is 0.
        reused = {u for u in below if b.outcome(u).kind in ("noop", "noop~")}
        b = self.build("after-drop-tol0", tolerance="0")
        self.assert_build(b)
        self.expect(b, {u: "run" for u in reused | descendants(b.manifest, reused)})

    def dbt_state_explain(self, log_file: str):
        """The client's own `dbt-state explain` of one build's decision log, asked of our server."""
        cmd = [str(Path(self.dbt).parent / "dbt-state"), "explain", "--log-file", log_file]
        p = subprocess.run(cmd, cwd=self.proj, env=self.dbt_env(None), capture_output=True, text=True, timeout=300)
        return p.returncode, p.stdout + p.stderr

    def s9_server_restarts(self) -> None:
        logs = sorted(self._state_logs(), key=os.path.getmtime)
        told = self.dbt_state_explain(logs[-1]) if logs else None
        self.server.stop()
        self.server.start()
        if told is not None:
            # The restarted server did not take those decisions: its answers come from the store.
            again = self.dbt_state_explain(logs[-1])
            (self.artifacts / "explain-before-restart.txt").write_text(told[1])
            (self.artifacts / "explain-after-restart.txt").write_text(again[1])
            unavailable = again[1].count("explanation unavailable")
            # The first line says how long ago the run was ("Last run: 3 seconds ago"): it moves on.
            same = [l for l in told[1].splitlines() if not l.startswith("Last run:")] == \
                [l for l in again[1].splitlines() if not l.startswith("Last run:")]
            self.check("(dbt-state explain)", "same output after a restart",
                       f"exit {again[0]}, {unavailable} unavailable" if same
                       else f"differs: before exit {told[0]}, {told[1].count('explanation unavailable')} unavailable;"
                            f" after exit {again[0]}, {unavailable} unavailable",
                       same and again[0] == told[0] == 0)
            with open(logs[-1]) as f:
                entries = [json.loads(line) for line in f if line.strip()]
            decided = sum(1 for e in entries if e.get("entry_type") == "node" and e.get("execution_decision_id"))
            without = sum(1 for e in entries if e.get("entry_type") == "node" and not e.get("execution_decision_id"))
            self.check("(dbt-state explain)", f"all {decided} decisions explained",
                       f"{unavailable} unavailable, {without} nodes without a decision",
                       decided > 0 and unavailable <= without)
        b = self.build("after-restart")
        self.assert_build(b)
        self.expect(b, {})

        # Crash the server in the middle of a build that has work to do.
        self.edit("models/staging/stg_customers.sql", "name as customer_name",
                  "trim(name) as customer_name")
        started = self.start_build("server-killed-mid-build", "prod", ["--threads", "1"], None)
        log_path = started[2]
        deadline = time.monotonic() + 120
        killed_at = None
        finished = re.compile(r"^\S*\s*\d+ of \d+ (OK|PASS|WARN|ERROR|FAIL)", re.M)
        while time.monotonic() < deadline and started[0].poll() is None:
            if len(finished.findall(ANSI.sub("", log_path.read_text(errors="replace")))) >= 2:
                self.server.kill()
                killed_at = time.monotonic()
                break
            time.sleep(0.05)
        if killed_at is not None:
            time.sleep(float(os.environ.get("E2E_OUTAGE_SECONDS", "3")))
            self.server.start()
        else:
            log("the build ended before the server could be killed")
        b = self.finish_build(started, "server-killed-mid-build", "prod")
        self.check("(server killed)", "killed mid-build",
                   "killed" if killed_at is not None else "build ended first", killed_at is not None)
        text = b.log_text()
        hit = "Continuing without state" in text
        self.check("(outage)", "a node continued without state",
                   "yes" if hit else "no node saw the outage", hit)
        self.assert_build(b, decisions=False)
        self.expect(b, {}, default="any")
        if not self.server.proc or self.server.proc.poll() is not None:
            raise ScenarioFailed("server not running after the restart")

        # Nodes that ran without state during the outage were not recorded: let them settle
        # with tolerance 0, then everything must be reused again.
        b = self.build("settle-tol0", tolerance="0")
        self.assert_build(b)
        self.expect(b, {}, default="any")
        b = self.build("after-crash")
        self.assert_build(b)
        self.expect(b, {})

    def project_copy(self, name: str, schema: str, files: Optional[Dict[str, str]] = None,
                     directory: str = "") -> Path:
        """A dbt project NAME in WORK/NAME (or WORK/DIRECTORY) on the example profile with its prod
        schema SCHEMA: a copy of the example project renamed, or, with FILES (path -> text), only those."""
        proj = self.work / (directory or name)
        if files is None:
            shutil.copytree(self.src_project, proj,
                            ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"))
            text = (proj / "dbt_project.yml").read_text()
            text = text.replace(f"name: {PROJECT}", f"name: {name}").replace(
                f"  {PROJECT}:\n    +materialized", f"  {name}:\n    +materialized")
            (proj / "dbt_project.yml").write_text(text)
        else:
            for rel, text in files.items():
                (proj / rel).parent.mkdir(parents=True, exist_ok=True)
                (proj / rel).write_text(text)
            shutil.copy(self.src_project / "profiles.yml", proj / "profiles.yml")
        profiles = (proj / "profiles.yml").read_text()
        prod_schema = "\"{{ env_var('DBT_PROD_SCHEMA', 'prod') }}\""
        if prod_schema not in profiles:
            raise ScenarioFailed(f"profiles.yml has no {prod_schema}")
        (proj / "profiles.yml").write_text(profiles.replace(prod_schema, schema))
        self.sql(f"drop schema if exists {schema} cascade")
        return proj

    def s12_post_hook_on_reuse(self) -> None:
        """A model whose post-hook updates its own table and runs on reuse too
        (execute_hooks_on_any_reuse, lag tolerance 0): after the hook ran on a NO-OP the client sends
        the table's new timestamp (UpdateExecutionMetadata), so the next builds stay NO-OP."""
        proj = self.project_copy("hooks_project", "hooks", {
            "dbt_project.yml": 'name: hooks_project\nversion: "1.0.0"\nconfig-version: 2\n'
                               'profile: example_project\nmodel-paths: ["models"]\n'
                               'flags:\n  send_anonymous_usage_stats: false\n',
            "models/sources.yml": "version: 2\nsources:\n  - name: hooks_src\n    schema: hooks_src\n"
                                  "    tables:\n      - name: src\n",
            "models/hooked.sql": "{{ config(materialized='table',\n"
                                 "    state={'execute_hooks_on_any_reuse': true, 'lag_tolerance': 0},\n"
                                 "    post_hook='update {{ this }} set hook_runs = hook_runs + 1') }}\n"
                                 "select id, 0 as hook_runs from {{ source('hooks_src', 'src') }}\n",
        })
        self.sql("drop schema if exists hooks_src cascade; create schema hooks_src;"
                 " create table hooks_src.src as select 1 as id")
        for i, exp in enumerate(["run", "noop", "noop", "noop"], start=1):
            b = self.build(f"post-hook-{i}", proj=proj, project="hooks_project")
            self.assert_build(b)
            self.expect(b, {}, default=exp)
        # New data upstream: rebuilt, and the client's `dbt-state explain -vv` lists what changed
        # since the run before (Explain/GetUpstreamDependencyChanges).
        self.sql("insert into hooks_src.src values (2)")
        b = self.build("post-hook-new-input", proj=proj, project="hooks_project")
        self.assert_build(b)
        self.expect(b, {}, default="run")
        logs = sorted(self._state_logs(proj), key=os.path.getmtime)
        cmd = [str(Path(self.dbt).parent / "dbt-state"), "explain", "-vv", "--log-file", logs[-1]]
        env = dict(self.dbt_env(None), COLUMNS="250")  # rich wraps at 80 columns without a terminal
        p = subprocess.run(cmd, cwd=proj, env=env, capture_output=True, text=True, timeout=300)
        (self.artifacts / "explain-vv-post-hook.txt").write_text(p.stdout + p.stderr)
        text = " ".join(p.stdout.split())
        changed = "all upstream dependency changes" in text and '"dbt"."hooks_src"."src": modified at' in text \
            and "than at the run before" in text
        self.check("(dbt-state explain -vv)", "hooks_src.src newer than at the run before",
                   "listed" if changed else f"exit {p.returncode}: {text[-100:]}", p.returncode == 0 and changed)

    def s13_two_projects(self) -> None:
        """Two projects (other names, the same model names, other schemas, one profile) built in turn
        on one server: each keeps its own history, so neither makes the other's data tests rebuild."""
        alpha = self.project_copy("alpha_project", "alpha")
        beta = self.project_copy("beta_project", "beta")
        b = self.build("alpha-first", proj=alpha, project="alpha_project")
        self.assert_build(b)
        self.expect(b, {}, default="run")
        b = self.build("beta-first", proj=beta, project="beta_project")
        self.assert_build(b)
        # A test of the shared source table may reuse alpha's result: same SQL on the same table.
        on_source = {uid: "run|noop" for uid, n in b.nodes.items() if uid.startswith("test.")
                     and all(d.startswith("source.") for d in n.get("depends_on", {}).get("nodes", []))}
        self.expect(b, on_source, default="run")
        for label, proj, name in (("alpha-again", alpha, "alpha_project"), ("beta-again", beta, "beta_project"),
                                  ("alpha-third", alpha, "alpha_project")):
            b = self.build(label, proj=proj, project=name)
            self.assert_build(b)
            self.expect(b, {})
        # A second copy of the example project itself (the same project name, so the same node ids)
        # in another schema: its data tests read other tables, so they are other tests.
        twin = self.project_copy(PROJECT, "twin", directory="twin_project")
        b = self.build("example-before-twin")
        self.assert_build(b)
        self.expect(b, {}, default="any")
        b = self.build("twin-first", proj=twin)
        self.assert_build(b)
        self.expect(b, {}, default="run")
        for label, proj in (("example-after-twin", None), ("twin-again", twin), ("example-again", None)):
            b = self.build(label, proj=proj)
            self.assert_build(b)
            self.expect(b, {})

    def s11_replay_capture(self) -> None:
        """Everything the server answered above, replayed into a fresh engine, must come out the same."""
        if not self.args.replay_cmd:
            log("no replay command (not our server): scenario skipped")
            return
        self.server.stop()
        cmd = shlex.split(self.args.replay_cmd) + [self.args.capture]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        lines = [l for l in p.stdout.splitlines() if l.strip()]
        summary = lines[-1] if lines else p.stderr.strip()[-200:]
        m = re.match(r"(\d+) calls, (\d+) match, (\d+) differ", summary)
        ok = p.returncode == 0 and m is not None and m.group(3) == "0" and int(m.group(1)) > 100
        if not ok:
            log("replay output:\n" + "\n".join(lines[-40:]) + "\n" + p.stderr[-2000:])
        self.check("(replay of the capture)", "N calls, N match, 0 differ", summary, ok)

    def s10_dev_target(self) -> None:
        b = self.build("dev-first-selected", target="dev", extra=["--select", "int_customer_orders+"])
        self.assert_build(b)
        self.expect(b, {}, default="run|clone")
        entries = b.decision_entries()
        deferrals = (entries.get("int_customer_orders") or {}).get("node_info", {}).get("deferrals", {})
        target = deferrals.get("stg_orders", "")
        self.check("(deferral)", "stg_orders -> prod", target or "not deferred", '"prod"' in target)
        b = self.build("dev-full", target="dev")
        self.assert_build(b)
        self.expect(b, {}, default="run|clone")
        b = self.build("dev-again", target="dev")
        self.assert_build(b)
        self.expect(b, {})
        b = self.build("prod-after-dev")
        self.assert_build(b)
        self.expect(b, {})

    def s_secure_org_state(self) -> None:
        """With token auth the runs live under orgs/<org>/ and nothing was refused."""
        org = dict(kv.split("=", 1) for kv in shlex.split(self.args.client_env)).get("RUN_CACHE_ORG_ID", "")
        server_log = self.server.log_path.read_text(errors="replace")
        self.check("(server)", "TLS + token auth", "yes" if "TLS, token auth" in server_log else "not in the log",
                   "TLS, token auth" in server_log)
        refused = [l for l in server_log.splitlines() if " refused " in l]
        self.check("(server)", "no refused call", refused[0][-80:] if refused else "none", not refused)
        if "--dir" in self.store_args and org:
            keys = local_store_keys(Path(self.store_args[self.store_args.index("--dir") + 1]))
            runs = [k for k in keys if re.fullmatch(f"orgs/{re.escape(org)}/targets/[^/]+/latest", k)]
            at_root = [k for k in keys if k.startswith("targets/")]
            self.check("(store)", f"runs under orgs/{org}/", f"{len(runs)} targets", len(runs) > 5)
            self.check("(store)", "nothing at the root", "clean" if not at_root else "targets/ at root", not at_root)
        if self.args.toolkit_cmd and "--dir" in self.store_args and org:
            code, out = self.toolkit("inspect", "targets", *self.store_args, "--org", org)
            self.check("(inspect --org)", "lists the org's targets", f"exit {code}",
                       code == 0 and "fct_orders" in out)

    SECURE_SCENARIOS = [
        ("1 first build (TLS + token)", s1_first_build),
        ("2 nothing changed (TLS + token)", s2_unchanged),
        ("3 the organization's state", s_secure_org_state),
    ]

    SCENARIOS = [
        ("1 first build", s1_first_build),
        ("2 nothing changed", s2_unchanged),
        ("3 cosmetic edit", s3_cosmetic_edit),
        ("4 logic change", s4_logic_change),
        ("5 new rows, tol 0", s5_new_rows_tolerance_0),
        ("6 new rows, tol 2700", s6_new_rows_default_tolerance),
        ("7 seeds", s7_seeds),
        ("8 dropped table", s8_dropped_table),
        ("9 server restarts", s9_server_restarts),
        ("10 dev target", s10_dev_target),
        ("12 post-hook on reuse", s12_post_hook_on_reuse),
        ("13 two projects", s13_two_projects),
        *e2e_weak_signal.SCENARIOS,
        ("11 replay capture", s11_replay_capture),  # last: it replays everything above
    ]

    def run(self) -> int:
        try:
            self.scenario = "0 setup"
            self.setup()
        except Exception as e:  # noqa: BLE001
            self.check("(setup)", "ok", f"{type(e).__name__}: {e}", False)
            self.report()
            return 1
        aborted = False
        only = {n.strip() for n in self.args.only.split(",") if n.strip()}
        for name, fn in (self.SECURE_SCENARIOS if self.args.client_env else self.SCENARIOS):
            if only and name.split()[0] not in only:
                continue
            self.scenario = name
            if aborted:
                self.check("(scenario)", "run", "not run (earlier scenario aborted)", False)
                continue
            log(f"scenario {name}")
            try:
                fn(self)
            except Exception as e:  # noqa: BLE001
                detail = f"{type(e).__name__}: {e}"
                log(f"scenario {name} aborted: {detail}")
                traceback.print_exc(file=sys.stderr)
                self.check("(scenario)", "completes", detail[:120], False)
                aborted = True
        self.server.stop()
        return self.report()

    def report(self) -> int:
        rows = [("scenario", "node", "expected", "got", "ok")] + [
            (r.scenario, r.node, r.expected, r.got, "ok" if r.ok else "FAIL") for r in self.rows]
        widths = [min(max(len(r[i]) for r in rows), 48) for i in range(5)]
        out = sys.stdout
        for i, r in enumerate(rows):
            out.write(" | ".join(c[:48].ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
            if i == 0:
                out.write("-+-".join("-" * w for w in widths) + "\n")
        passed = sum(r.ok for r in self.rows)
        failed = len(self.rows) - passed
        if failed:
            out.write("\nFailed rows per scenario:\n")
            per: Dict[str, int] = {}
            for r in self.rows:
                if not r.ok:
                    per[r.scenario] = per.get(r.scenario, 0) + 1
            for s, n in per.items():
                out.write(f"  {s}: {n}\n")
            for b in self.failed_builds[:3]:
                out.write(f"\n----- tail of {b.log_path}\n{ANSI.sub('', tail(b.log_path, 30))}")
            out.write(f"\n----- tail of {self.server.log_path}\n{tail(self.server.log_path, 30)}")
            out.write(f"\nlogs and artifacts: {self.logs} {self.artifacts}\n")
        out.flush()
        (self.work / "summary").write_text(f"{passed} {failed}\n")
        return 0 if failed == 0 else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", required=True, help="work directory (project copy, logs, state)")
    ap.add_argument("--project", required=True, help="the example dbt project to copy")
    ap.add_argument("--dbt", required=True, help="dbt executable of the pinned virtualenv")
    ap.add_argument("--server-cmd", required=True,
                    help="server command; '--store local --dir D --port P' is appended")
    ap.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    ap.add_argument("--store-args", default="", help="the server's store options (default: a local store in WORK/state)")
    ap.add_argument("--replay-cmd", default="", help="replay command of our toolkit (scenario 11)")
    ap.add_argument("--toolkit-cmd", default="", help="our toolkit, for the inspect and fingerprint checks")
    ap.add_argument("--capture", default="", help="capture file the server writes (scenario 11)")
    ap.add_argument("--client-env", default="",
                    help="secure mode: 'K=V ...' for the client (RUN_CACHE_CA_BUNDLE, RUN_CACHE_TOKEN_URL, ...);"
                         " runs only the secure scenarios")
    ap.add_argument("--only", default="", help="run only these scenarios, by number, comma-separated (default: all)")
    ap.add_argument("--start-timeout", type=float, default=120.0)
    ap.add_argument("--build-timeout", type=float, default=600.0)
    args = ap.parse_args()
    return Harness(args).run()


if __name__ == "__main__":
    sys.exit(main())
