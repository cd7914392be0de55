"""A throwaway PostgreSQL cluster for the benchmark, with the server's default durability
(fsync=on, synchronous_commit=on, full_page_writes=on) so commit costs are real."""
import glob
import os
import shutil
import socket
import subprocess

SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "max_connections": "300",
    # everything else is the PostgreSQL default: fsync=on, synchronous_commit=on, full_page_writes=on,
    # shared_buffers=128MB, wal_level=replica
}


def _bin():
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, "initdb")):
            return d
    raise SystemExit("PostgreSQL server binaries not found (apt-get install -y postgresql)")


def _as_pg(argv):
    return (["runuser", "-u", "postgres", "--"] + argv) if os.geteuid() == 0 else argv


class Cluster:
    def __init__(self, directory):
        self.dir = os.path.abspath(directory)
        self.bin = _bin()
        self.port = None

    def start(self):
        self.stop()
        os.makedirs(self.dir, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        data = os.path.join(self.dir, "data")
        subprocess.run(_as_pg([f"{self.bin}/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                               "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        opts = f"-p {self.port} -k {self.dir} " + " ".join(f"-c {k}={v}" for k, v in SETTINGS.items())
        subprocess.run(_as_pg([f"{self.bin}/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "server.log"), "-w",
                               "-t", "60", "-o", opts, "start"]), check=True, stdout=subprocess.DEVNULL)
        return self

    def stop(self):
        data = os.path.join(self.dir, "data")
        if os.path.isdir(data):
            subprocess.run(_as_pg([f"{self.bin}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, db="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def conn(self, db="postgres"):
        return f"Host=127.0.0.1;Port={self.port};Username=postgres;Database={db}"

    def psql(self, sql, db="postgres", check=True):
        r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", self.url(db), "-c", sql],
                           capture_output=True, text=True, timeout=120)
        if check and r.returncode != 0:
            raise RuntimeError(f"psql failed: {sql}: {r.stderr}")
        return r.stdout.strip() if r.returncode == 0 else None

    def psql_file(self, path, db):
        subprocess.run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", path, self.url(db)],
                       check=True, capture_output=True, timeout=600)

    _counter = 0

    def create_db(self, prefix="b"):
        Cluster._counter += 1
        name = f"{prefix}_{os.getpid()}_{Cluster._counter}"
        self.psql(f'CREATE DATABASE "{name}"')
        return name

    def drop_db(self, name):
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', check=False)

    def settings(self):
        rows = self.psql("select name || '=' || setting from pg_settings where name in "
                         "('fsync','synchronous_commit','full_page_writes','shared_buffers','wal_level','max_connections') order by 1")
        return rows.split("\n") + [self.psql("select version()")]
