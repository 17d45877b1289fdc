"""Start and stop the three front ends the browser tests drive: JupyterLab, Notebook 7, Voila.

Each server listens on 127.0.0.1 on a free port, with a random token, and serves a throw-away
copy of the course's notebooks (so nothing a test does, not even a checkpoint or an autosave,
can touch the repository). Every server gets its own Jupyter and IPython folders and its own
progress file, so no learner's settings or progress on this machine are read or changed.

``Server.stop()`` ends the server and every process it started (its kernels included).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

READY_TIMEOUT = 90.0  # seconds for a server to answer after it was started

# Settings a learner would not change but that keep the tests quiet and deterministic:
# - no autosave (the served copy is thrown away anyway; this just avoids a save racing a test),
# - no news or update check (they would contact a web site and pop up a notification).
LAB_USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren, ...), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) is in parentheses and may hold spaces: split after it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _signal(pids: list[int], sig: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    with contextlib.suppress(OSError):
        if (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass
class Server:
    """One running front end. ``url(path)`` gives an address with the token attached."""

    kind: str
    port: int
    token: str
    process: subprocess.Popen
    home: Path
    log_path: Path
    progress_path: Path
    _log: object = field(default=None, repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        separator = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{separator}token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server and everything it started (kernels included), within ~15 s."""
        family = descendants(self.process.pid)
        if self.process.poll() is None:
            # SIGTERM lets Jupyter Server and Voila shut their kernels down cleanly.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        # Kernels run in sessions of their own: end any the server left behind, by their ids.
        family += [pid for pid in descendants(self.process.pid) if pid not in family]
        _signal([pid for pid in family if _alive(pid)], signal.SIGTERM)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(pid) for pid in family):
            time.sleep(0.1)
        _signal([pid for pid in family if _alive(pid)], signal.SIGKILL)
        if self._log is not None:
            self._log.close()


def prepare_home(home: Path) -> dict[str, str]:
    """Private Jupyter/IPython folders under ``home``; returns the environment variables."""
    folders = {
        "JUPYTER_CONFIG_DIR": home / "jupyter-config",
        "JUPYTER_DATA_DIR": home / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": home / "jupyter-runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-user-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for name, settings in LAB_USER_SETTINGS.items():
        path = folders["JUPYTERLAB_SETTINGS_DIR"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    return {name: str(folder) for name, folder in folders.items()}


def server_command(kind: str, port: int, token: str, root: Path) -> list[str]:
    python = sys.executable
    if kind in ("lab", "notebook"):
        app = {"lab": "LabApp", "notebook": "JupyterNotebookApp"}[kind]
        command = [
            python, "-m", {"lab": "jupyterlab", "notebook": "notebook"}[kind],
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            # window.jupyterapp: the tests run "Run All" through the application's own command.
            f"--{app}.expose_app_in_browser=True",
        ]
        return command + (["--allow-root"] if is_root() else [])
    if kind == "voila":
        # Voila serves the folder as a tree; /voila/render/NAME.ipynb is a notebook as an app.
        # It needs no --allow-root (it refuses nothing as root), and would reject the flag.
        return [
            python, "-m", "voila", str(root),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--Voila.port={port}",
            "--Voila.port_retries=0",
            f"--Voila.token={token}",
            # If a cell fails, the page shows the traceback (and the test reports it).
            "--VoilaConfiguration.show_tracebacks=True",
        ]
    raise ValueError(f"kind: {kind!r} is not one of lab, notebook, voila")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_server(kind: str, notebooks: Path, workspace: Path) -> Server:
    """Start ``kind`` serving a copy of the ``notebooks`` folder; return once it answers."""
    home = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=workspace))
    root = home / "notebooks"
    shutil.copytree(notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    port, token = free_port(), secrets.token_hex(24)
    progress_path = home / "progress.json"
    env = dict(os.environ)
    env.update(prepare_home(home))
    env["LIVER_COURSE_PROGRESS"] = str(progress_path)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    env.setdefault("MPLBACKEND", "Agg")
    env.pop("PYTHONHOME", None)
    log_path = home / "server.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed by Server.stop()
    process = subprocess.Popen(
        server_command(kind, port, token, root),
        cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
    )
    server = Server(kind, port, token, process, home, log_path, progress_path, log)
    probe = server.url("api/status" if kind != "voila" else "")
    deadline = time.monotonic() + READY_TIMEOUT
    while not _answers(probe):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            why = f"exited with code {process.returncode}" if process.poll() is not None else "did not answer"
            raise RuntimeError(f"{kind} server {why} within {READY_TIMEOUT:.0f} s; log:\n{server.log_tail()}")
        time.sleep(0.2)
    return server
