"""A throwaway PostgreSQL server on a loopback port: for the tests, the benchmark and trying a team store alone.

The server binaries come from the `pgserver` wheel (installed into the venv by `make setup`), else from
`CANVAS_TUI_PG_BIN`, else from the system's PostgreSQL. PostgreSQL refuses to run as root, so under root
the cluster belongs to a system user made for it (`canvastui-pg`). Start and stop are real `pg_ctl` calls:
tests stop and restart the server under load.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "canvastui-pg"
ADMIN = "canvas_admin"
DATABASE = "team"


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server binaries were found, or the server did not start; the message says what to do."""


def server_bin_dir() -> Path:
    """Where initdb, pg_ctl and postgres are: CANVAS_TUI_PG_BIN, the pgserver wheel, or the system's PostgreSQL."""
    candidates = [os.environ.get("CANVAS_TUI_PG_BIN")]
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.submodule_search_locations:
        candidates.append(str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("pg_ctl")
    candidates.append(str(Path(on_path).resolve().parent) if on_path else None)
    for candidate in filter(None, candidates):
        if (Path(candidate) / "pg_ctl").exists() and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise ServerUnavailable(
        "no PostgreSQL server found: run `make setup` (it installs the pgserver wheel) "
        "or set CANVAS_TUI_PG_BIN to a folder holding initdb and pg_ctl"
    )


def server_version() -> str:
    """The PostgreSQL server's version line (proves the binaries run on this machine); ServerUnavailable if not."""
    result = subprocess.run([str(server_bin_dir() / "postgres"), "--version"], capture_output=True, text=True)
    if result.returncode != 0:
        raise ServerUnavailable(
            f"the PostgreSQL server in {server_bin_dir()} does not run here: {result.stderr.strip()}"
        )
    return result.stdout.strip()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_as() -> str | None:
    """The system user to run the server as: none unless we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVER_USER],
            check=True,
            capture_output=True,
        )
    return SERVER_USER


class LocalServer:
    """One PostgreSQL cluster in a temporary folder, reachable at `admin_dsn` (superuser) on 127.0.0.1."""

    def __init__(self, root: Path | None = None, *, settings: dict[str, str] | None = None) -> None:
        self.bin = server_bin_dir()
        self.root = Path(root or tempfile.mkdtemp(prefix="canvas-tui-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.password = secrets.token_hex(16)
        self.settings = {
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.root),
            "max_connections": "200",
        } | (settings or {})
        self.user = _run_as()

    def dsn(self, user: str = ADMIN, password: str | None = None, database: str = DATABASE) -> str:
        """A connection string for `user` (the superuser by default) to the team database."""
        secret = self.password if password is None and user == ADMIN else password
        return f"postgresql://{user}:{secret}@127.0.0.1:{self.port}/{database}"

    @property
    def admin_dsn(self) -> str:
        return self.dsn()

    def _pg(self, program: str, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin / program), *args], user=self.user, capture_output=True, text=True, cwd=self.root, timeout=120
        )
        if result.returncode != 0:
            raise ServerUnavailable(f"{program} failed: {(result.stderr or result.stdout).strip()[-800:]}")

    def init(self) -> LocalServer:
        """Create the cluster (password authentication on TCP), start it and create the team database."""
        self.root.mkdir(parents=True, exist_ok=True)
        password_file = self.root / "pw"
        password_file.write_text(self.password)
        if self.user is not None:
            entry = pwd.getpwnam(self.user)
            os.chmod(self.root, 0o755)
            for path in (self.root, password_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._pg(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            ADMIN,
            f"--pwfile={password_file}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--no-locale",
        )
        password_file.unlink()
        self.start()
        self._pg("createdb", "-h", str(self.root), "-p", str(self.port), "-U", ADMIN, DATABASE)
        return self

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = " ".join([f"-p {self.port}"] + [f"-c {key}={value}" for key, value in self.settings.items()])
        self._pg(
            "pg_ctl",
            "start",
            "-w",
            "-t",
            "60",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            options,
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (fast: roll back open transactions and disconnect everyone) and wait until it is down."""
        self._pg("pg_ctl", "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.data))

    def destroy(self) -> None:
        """Stop the server if it runs and delete the cluster."""
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self.init()

    def __exit__(self, *exc: object) -> None:
        self.destroy()
