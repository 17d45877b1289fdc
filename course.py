#!/usr/bin/env python3
"""Set up and run the liver metastases course.

Needs only Python 3.10 or newer (standard library) and a copy of this repository.
Every command first makes sure the course's own environment exists in `.venv/`
(created once; later runs reuse it and take seconds).

    python3 course.py start    set up if needed, then open the course in JupyterLab
    python3 course.py test     set up if needed, then run every test (lint, unit, notebooks, browser)

Other commands, for instructors and maintainers:

    python3 course.py app NOTEBOOK          open one notebook as a code-free app (Voila)
    python3 course.py class-link --hub URL  print an nbgitpuller link for a class JupyterHub
    python3 course.py refresh [NOTEBOOK...] re-run notebooks and store their outputs
    python3 course.py bench                 run every benchmark and print its figures

Anything after the command is passed on: to JupyterLab for `start`, Voila for `app`,
pytest for `test`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".course-install-stamp"
START_PAGE = "notebooks/00_start_here.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
MIN_PYTHON = (3, 10)


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def wanted_stamp(with_tests: bool) -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.split()[0].encode())
    return f"{digest.hexdigest()} {'test' if with_tests else 'course'}"


def environment_is_ready(with_tests: bool) -> bool:
    if not (venv_bin("python").exists() and STAMP.exists()):
        return False
    have = STAMP.read_text(encoding="utf-8").strip()
    if have == wanted_stamp(with_tests):
        return True
    # An environment set up for the tests also serves the course.
    return not with_tests and have == wanted_stamp(True)


def run(command: list[str | Path], **kwargs) -> int:
    return subprocess.call([str(part) for part in command], cwd=ROOT, **kwargs)


def ensure_environment(with_tests: bool) -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"This course needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; "
                 f"this is {sys.version.split()[0]}.")
    if environment_is_ready(with_tests):
        return
    if not venv_bin("python").exists():
        say("Creating the course environment in .venv (first run only) ...")
        if run([sys.executable, "-m", "venv", VENV]) != 0:
            sys.exit("Could not create .venv. On Debian or Ubuntu install the venv module first:\n"
                     "    sudo apt install python3-venv")
    target = ".[test]" if with_tests else "."
    say("Installing the course's packages (a few minutes the first time) ...")
    code = run([venv_bin("python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                "--constraint", "constraints.txt", "--editable", target])
    if code != 0:
        sys.exit("Installing the course's packages failed; the messages above say why.")
    STAMP.write_text(wanted_stamp(with_tests) + "\n", encoding="utf-8")
    say("Environment ready.")


def course_env() -> dict[str, str]:
    """Environment for programs started from .venv: its tools and kernel come first."""
    env = dict(os.environ)
    env["PATH"] = str(venv_bin("python").parent) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(VENV)
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    env.pop("PYTHONHOME", None)
    return env


def root_flags() -> list[str]:
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return ["--allow-root"] if is_root else []


def command_start(extra: list[str]) -> int:
    ensure_environment(with_tests=False)
    # JupyterLab serves the notebooks folder, so learners see only the course's parts.
    say(f"Opening {START_PAGE} in JupyterLab. Stop the server with Ctrl+C.")
    return run([venv_bin("jupyter"), "lab", *root_flags(), *extra, START_PAGE], env=course_env())


def command_app(extra: list[str]) -> int:
    ensure_environment(with_tests=False)
    notebook = extra[0] if extra and not extra[0].startswith("-") else START_PAGE
    rest = extra[1:] if extra and not extra[0].startswith("-") else extra
    if not (ROOT / notebook).is_file():
        sys.exit(f"No notebook at {notebook!r}; give a path such as notebooks/06_ablation.ipynb.")
    say(f"Opening {notebook} as an app in Voila. Stop the server with Ctrl+C.")
    return run([venv_bin("voila"), notebook, *rest], env=course_env())


def chromium_note() -> str:
    if CHROMIUM.exists():
        return "Chromium found: the browser tests will run."
    return ("Chromium not found at /usr/bin/chromium: the browser tests are skipped. "
            "To run them, install it (Debian or Ubuntu: sudo apt install chromium) and run again.")


def command_test(extra: list[str]) -> int:
    ensure_environment(with_tests=True)
    env = course_env()
    say("Lint: ruff check")
    lint = run([venv_bin("ruff"), "check", "."], env=env)
    say(chromium_note())
    say("Tests: pytest (unit tests, every notebook under nbval, browser tests)")
    tests = run([venv_bin("python"), "-m", "pytest", *extra], env=env)
    if lint or tests:
        say(f"FAILED (lint exit {lint}, tests exit {tests})")
        return 1
    say("All checks passed.")
    return 0


def command_refresh(extra: list[str]) -> int:
    ensure_environment(with_tests=True)
    return run([venv_bin("python"), "-m", "course_lib.notebook_tools", "refresh", *extra],
               env=course_env())


def command_bench(extra: list[str]) -> int:
    ensure_environment(with_tests=True)
    return run([venv_bin("python"), "benchmarks/run.py", *extra], env=course_env())


def class_link(hub: str, repo: str, branch: str = "main") -> str:
    """An nbgitpuller link: each student who clicks it gets their own copy of the course."""
    hub = hub.rstrip("/")
    if not hub.startswith(("https://", "http://")):
        raise ValueError(f"hub: {hub!r} is not a web address; give one such as https://hub.example.edu")
    folder = repo.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    query = urllib.parse.urlencode({
        "repo": repo,
        "branch": branch,
        "urlpath": f"lab/tree/{folder}/{START_PAGE}",
    })
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def repository_url() -> str:
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Repository"):
            return line.split("=", 1)[1].strip().strip('"')
    raise RuntimeError("pyproject.toml has no [project.urls] Repository entry")


def command_class_link(extra: list[str]) -> int:
    if "--hub" not in extra or extra.index("--hub") + 1 >= len(extra):
        sys.exit("Usage: python3 course.py class-link --hub https://your-hub.example.edu [--branch main]")
    hub = extra[extra.index("--hub") + 1]
    branch = extra[extra.index("--branch") + 1] if "--branch" in extra else "main"
    try:
        print(class_link(hub, repository_url(), branch))
    except ValueError as error:
        sys.exit(str(error))
    return 0


COMMANDS = {
    "start": command_start,
    "test": command_test,
    "app": command_app,
    "class-link": command_class_link,
    "refresh": command_refresh,
    "bench": command_bench,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"} or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv and argv[0] in {"-h", "--help", "help"} else 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
