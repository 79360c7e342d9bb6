"""Check openfire_crm_stage on a real PostgreSQL primary and hot standby: what
the module's screens read, the replica serves, and nothing of it writes.

Copies SOURCE_DB (of the machine's PostgreSQL, with the module installed) onto a
pair of its own (replica_pair.py), starts Odoo on the primary with
--db_replica_host/--db_replica_port on the standby, then, over JSON-RPC as LOGIN:
  1. with replay paused on the standby, an opportunity changed on the primary: the
     pipeline's revenue totals and stale counts stay the replica's, as Odoo's own
     grouped read does; once replay resumes and catches up, they are the new ones;
  2. the stage dialog, Stage Durations and Stage Conversion open (a row too);
  3. Odoo's log shows the module's reads served read-only, none retried on the
     primary, and no error.
One line per check; exits non-zero on any failure. Stops and removes all it
started, even when interrupted.

Usage: ODOO_PYTHON scripts/check_replica.py SOURCE_DB [--login admin]
           [--password admin] [--addons-path PATHS] [--pg-bin DIR]
"""

import argparse
import contextlib
import datetime
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from lxml import etree
from replica_pair import free_ports, primary_and_standby

import odoo.release
import odoo.tools

RETRIED = "retrying with a read/write cursor"  # odoo/http.py, _transactioning
NO_REPLICA = "Failed to open a readonly cursor"  # odoo/modules/registry.py
# Odoo's access log ends with the cursor a request had: ro, rw, or ro->rw (retried)
OUR_READS = r"(?:read_\w+_by_stage|/action_open_opportunity) HTTP.* (\S+)$"
ERROR_LINE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.MULTILINE)
PIPELINE = [["type", "=", "opportunity"]]
# an open opportunity that a stage change date long past makes stale
CAN_GO_STALE = [
    *PIPELINE,
    ["is_rotting", "=", False],
    ["stage_id.rotting_threshold_days", ">", 0],
    ["stage_id.is_won", "=", False],
    ["activity_ids", "=", False],
]
RAISE = 1_000_000  # added to its expected revenue
DATABASE = "replica_check"
# 19.0's grouped read: web_read_group(domain, groupby, aggregates)
WEB_19 = odoo.release.version_info[0] >= 19


def web_read_group(client, model, domain, aggregates, groupby):
    """Odoo's grouped read as the series' web client calls it."""
    if WEB_19:
        return client.call(model, "web_read_group", domain, groupby, aggregates)
    return client.call(model, "web_read_group", domain, aggregates, groupby, lazy=False)


class Client:
    """JSON-RPC, as the web client calls the server."""

    def __init__(self, url):
        self.url, self.session = url, requests.Session()

    def rpc(self, route, params):
        body = {"jsonrpc": "2.0", "method": "call", "params": params}
        answer = self.session.post(self.url + route, json=body, timeout=120).json()
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def call(self, model, method, *args, route="call_kw", **kwargs):
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        return self.rpc(f"/web/dataset/{route}/{model}/{method}", params)


def view_spec(node, model, fields):
    """web_read's specification of a view's fields, its x2many lists' included."""
    spec = {}
    for child in node.iterchildren(tag=etree.Element):
        name = child.get("name")
        if child.tag != "field":
            spec.update(view_spec(child, model, fields))
        elif relation := fields[model][name].get("relation"):
            sub = view_spec(child, relation, fields) or {"display_name": {}}
            spec[name] = {"fields": sub}
        else:
            spec[name] = {}
    return spec


def open_views(client, model, view_types):
    """What opening ``model``'s views reads; a list's first row is clicked too."""
    views = client.call(model, "get_views", [[False, kind] for kind in view_types])
    fields = {name: info["fields"] for name, info in views["models"].items()}
    for kind in view_types:
        arch = etree.fromstring(views["views"][kind]["arch"])
        if kind == "pivot":
            groupby = arch.xpath("//field[@type='row' or @type='col']/@name")
            measures = arch.xpath("//field[@type='measure']/@name")
            if WEB_19:  # each measure with its aggregate, as the web client asks
                aggregates = {n: f.get("aggregator") for n, f in fields[model].items()}
                measures = [f"{name}:{aggregates[name]}" for name in measures]
            web_read_group(client, model, [], measures, groupby)
        elif kind == "list":
            spec = view_spec(arch, model, fields)
            rows = client.call(model, "web_search_read", [], spec, limit=80)
            if rows["records"] and arch.get("action"):
                first = [rows["records"][0]["id"]]
                client.call(model, arch.get("action"), first, route="call_button")
        else:
            ids = client.call(model, "search", [])
            client.call(model, "web_read", ids, view_spec(arch, model, fields))


def pipeline_columns(client):
    """Per stage, what the pipeline shows, then what Odoo's grouped read says."""
    stale = client.call("crm.lead", "read_stale_count_by_stage", PIPELINE)
    groups = web_read_group(
        client, "crm.lead", PIPELINE, ["expected_revenue:sum"], ["stage_id"]
    )["groups"]
    revenue_key = "expected_revenue:sum" if WEB_19 else "expected_revenue"
    columns = {
        "stale": {line["stage_id"]: line["count"] for line in stale},
        "grouped": {
            group["stage_id"][0]: group[revenue_key]
            for group in groups
            if group["stage_id"]
        },
    }
    if not WEB_19:  # 19.0 totals the columns in the company's currency itself
        revenue = client.call("crm.lead", "read_revenue_by_stage", PIPELINE)
        columns["revenue"] = {
            line["stage_id"]: line["expected"] for line in revenue["stages"]
        }
    return columns


def check_replica_reads(client, primary, standby, check):
    standby.caught_up(primary, DATABASE)
    fields = ["stage_id", "expected_revenue"]
    leads = client.call("crm.lead", "search_read", CAN_GO_STALE, fields, limit=1)
    if not check("the database has an open opportunity that can go stale", leads):
        return
    [lead] = leads
    stage = lead["stage_id"][0]
    before = pipeline_columns(client)
    # the standby applies no WAL record received from now on, until resumed
    standby.sql(DATABASE, "SELECT pg_wal_replay_pause()")
    stale_and_raised = {
        "expected_revenue": lead["expected_revenue"] + RAISE,
        # long enough for any stage, and within the months Odoo 19 looks back
        "date_last_stage_update": f"{datetime.date.today() - datetime.timedelta(100)}",
    }
    client.call("crm.lead", "write", [lead["id"]], stale_and_raised)
    on_primary = primary.sql(
        DATABASE,
        f"SELECT sum(expected_revenue) FROM crm_lead WHERE stage_id = {stage}"
        " AND active AND type = 'opportunity'",
    )
    paused = pipeline_columns(client)
    standby.sql(DATABASE, "SELECT pg_wal_replay_resume()")
    standby.caught_up(primary, DATABASE)
    after = pipeline_columns(client)
    new = {
        "stale": before["stale"].get(stage, 0) + 1,
        "grouped": before["grouped"][stage] + RAISE,
    }
    if "revenue" in before:
        new["revenue"] = before["revenue"][stage] + RAISE
    check(
        "replay paused: the opportunity's new revenue is on the primary only",
        abs(float(on_primary) - new["grouped"]) < 0.01
        and paused["grouped"] == before["grouped"],
    )
    check(
        "replay paused: the columns' totals and stale counts are the replica's,"
        " as Odoo's grouped read",
        paused == before,
    )
    check(
        "replay resumed: the columns' totals and stale counts are the new ones",
        all(abs(after[key].get(stage, 0) - new[key]) < 0.01 for key in new),
    )


def check_screens(client, check):
    for name, model, view_types in (
        ("the stage dialog", "crm.stage", ["form"]),
        ("Stage Durations", "crm.stage.duration", ["pivot", "list"]),
        ("Stage Conversion", "crm.stage.conversion", ["pivot", "list"]),
    ):
        try:
            open_views(client, model, view_types)
            check(f"{name} opens", True)
        except RuntimeError as error:
            check(f"{name} opens ({error})", False)


def check_log(log, check):
    text = log.read_text()
    reads = re.findall(OUR_READS, text, re.MULTILINE)
    check(
        f"the module's {len(reads)} reads were served read-only (ro)",
        reads and set(reads) == {"ro"},
    )
    check("no read-only request retried on the primary", RETRIED not in text)
    check("the replica answered every read-only request", NO_REPLICA not in text)
    errors = ERROR_LINE.findall(text)
    check(f"Odoo logged no error ({len(errors)} found)", not errors)


def start_odoo(args, folder, primary, standby):
    port = free_ports(1)[0]
    log = folder / "odoo.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "odoo", f"--addons-path={args.addons_path}"]
        + ["-d", DATABASE, f"--db-filter=^{DATABASE}$", f"--data-dir={folder}"]
        + ["--db_host=127.0.0.1", f"--db_port={primary.port}", "--db_user=odoo"]
        + ["--db_replica_host=127.0.0.1", f"--db_replica_port={standby.port}"]
        + ["--http-interface=127.0.0.1", f"--http-port={port}"]
        + ["--max-cron-threads=0"],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    return server, f"http://127.0.0.1:{port}", log


def wait_until_serving(server, url):
    for _second in range(120):
        with contextlib.suppress(requests.ConnectionError):
            if requests.get(f"{url}/web/health", timeout=5).ok:
                return
        if server.poll() is not None:
            break
        time.sleep(1)
    raise RuntimeError(f"Odoo does not answer on {url}")


def copy_database(source_db, bindir):
    """Fills the primary: SOURCE_DB copied, as the database to check."""

    def fill(primary):
        primary.sql("postgres", f"CREATE DATABASE {DATABASE}")
        pg_dump = [f"{bindir}/pg_dump", "-Fc", source_db]
        dump = subprocess.Popen(pg_dump, stdout=subprocess.PIPE)
        restore = [f"{bindir}/pg_restore", *primary.connection(DATABASE), "-O"]
        restored = subprocess.run(restore, check=False, stdin=dump.stdout)
        if dump.wait() or restored.returncode:
            raise RuntimeError(f"{source_db} could not be copied: see above")

    return fill


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source_db")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    odoo_addons = Path(odoo.release.__file__).resolve().parent.parent / "addons"
    repository = Path(__file__).resolve().parent.parent
    parser.add_argument("--addons-path", default=f"{odoo_addons},{repository}")
    newest = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    parser.add_argument("--pg-bin", default=newest and os.path.dirname(newest[-1]))
    args = parser.parse_args()
    if not args.pg_bin:
        parser.error("no initdb in /usr/lib/postgresql/*/bin: give --pg-bin")
    signal.signal(signal.SIGTERM, lambda *_signal: sys.exit(143))
    failures, server, started = [], None, time.monotonic()

    def check(name, ok):
        print(f"{'ok' if ok else 'FAILED'}: replica: {name}", flush=True)
        failures.extend([] if ok else [name])
        return ok

    folder = Path(tempfile.mkdtemp(prefix="openfire-replica-odoo."))
    try:
        filestore = Path(odoo.tools.config.filestore(args.source_db))
        if filestore.is_dir():
            shutil.copytree(filestore, folder / "filestore" / DATABASE)
        fill = copy_database(args.source_db, args.pg_bin)
        with primary_and_standby(args.pg_bin, fill) as (primary, standby):
            server, url, log = start_odoo(args, folder, primary, standby)
            try:
                client = Client(url)
                wait_until_serving(server, url)
                client.rpc(
                    "/web/session/authenticate",
                    {"db": DATABASE, "login": args.login, "password": args.password},
                )
                check_replica_reads(client, primary, standby, check)
                check_screens(client, check)
                check_log(log, check)
            finally:
                server.terminate()
                server.wait(timeout=60)
    except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
        # requests' errors are OSErrors too
        stderr = getattr(error, "stderr", None) or b""
        check(f"{error} {stderr.decode(errors='replace')[-2000:]}", False)
    finally:
        if failures and server:
            print(f"replica: Odoo's log:\n{log.read_text()[-3000:]}")
        shutil.rmtree(folder, ignore_errors=True)
    print(f"replica: {time.monotonic() - started:.0f} s, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
