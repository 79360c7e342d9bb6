"""A PostgreSQL primary and its hot standby, of their own, for check_replica.py.

Built in a temporary folder on free ports with the server binaries of --pg-bin
(initdb, then pg_basebackup -R: streaming replication); the machine's own
PostgreSQL is left alone. As root, the servers run as the postgres OS user
(initdb refuses root). Clients reach both on 127.0.0.1 as their superuser "odoo",
trusted. Leaving the context stops both and removes the folder, whatever happened.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def free_ports(count):
    """``count`` distinct TCP ports free on 127.0.0.1 right now."""
    sockets = [socket.create_server(("127.0.0.1", 0)) for _ in range(count)]
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


class Cluster:
    """One PostgreSQL server of the pair."""

    def __init__(self, bindir, folder, port):
        self.bindir, self.folder, self.port = bindir, folder, port
        self.data = folder / f"data{port}"

    def run(self, tool, *args):
        command = [*AS_POSTGRES, f"{self.bindir}/{tool}", *map(str, args)]
        subprocess.run(command, check=True, capture_output=True)

    def configure(self, *lines):
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n".join(lines) + "\n")

    def start(self):
        self.configure(f"port = {self.port}")
        log = self.folder / f"postgresql-{self.port}.log"
        self.run("pg_ctl", "-D", self.data, "-l", log, "-w", "-t", "60", "start")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def connection(self, database):
        """psql's, pg_restore's options to reach ``database`` here."""
        return ["-h", "127.0.0.1", "-p", str(self.port), "-U", "odoo", "-d", database]

    def sql(self, database, query):
        """The rows of ``query`` as psql's unaligned text."""
        return subprocess.run(
            [f"{self.bindir}/psql", *self.connection(database), "-qtAXc", query],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def caught_up(self, primary, database):
        """Wait until this standby replayed all that ``primary`` wrote so far."""
        lsn = primary.sql(database, "SELECT pg_current_wal_lsn()")
        for _attempt in range(120):
            if self.sql(database, f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'") == "t":
                return
            time.sleep(0.5)
        raise RuntimeError("the standby does not catch up with the primary")


@contextlib.contextmanager
def primary_and_standby(bindir, fill):
    """(primary, standby), both running; ``fill(primary)`` runs before the
    standby is copied from the primary."""
    folder = Path(tempfile.mkdtemp(prefix="openfire-replica-pg."))
    if AS_POSTGRES:
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = (Cluster(bindir, folder, port) for port in free_ports(2))
    try:
        primary.run("initdb", "-D", primary.data, "-U", "odoo", "--auth=trust", "-N")
        # hot_standby and wal_level=replica, that a standby needs, are defaults;
        # throwaway data: no disk syncs
        primary.configure(
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{folder}'",
            "fsync = off",
            "synchronous_commit = off",
        )
        primary.start()
        fill(primary)
        standby.run(
            *("pg_basebackup", "-h", "127.0.0.1", "-p", primary.port, "-U", "odoo"),
            *("-D", standby.data, "-R", "-X", "stream", "-c", "fast"),
        )
        standby.start()
        yield primary, standby
    finally:
        for cluster in (standby, primary):
            try:
                cluster.stop()
            except subprocess.CalledProcessError:
                print(f"could not stop the PostgreSQL server of {cluster.data}")
        shutil.rmtree(folder, ignore_errors=True)
