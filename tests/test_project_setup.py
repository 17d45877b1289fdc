"""The project's set-up contract: two README commands, CI, Binder, and packages that agree."""

import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from course_lib import course_outline

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
START_COMMAND = "python3 course.py start"
TEST_COMMAND = "python3 course.py test"


def load_course_script():
    spec = importlib.util.spec_from_file_location("course_script", ROOT / "course.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def split_requirement(text):
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$", text).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_and_pyproject_list_the_same_packages():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    conda = dict(split_requirement(dep) for dep in env["dependencies"]
                 if isinstance(dep, str) and not dep.startswith(("python=", "pip")))
    project = dict(split_requirement(dep) for dep in PYPROJECT["project"]["dependencies"])
    assert conda == project


def test_constraints_pin_every_declared_package():
    pinned = {split_requirement(line.split("==")[0])[0]
              for line in (ROOT / "constraints.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    declared = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"]
    unconditional = [dep for dep in declared if ";" not in dep]
    missing = {split_requirement(dep)[0] for dep in unconditional} - pinned
    assert not missing, f"constraints.txt has no exact version for {missing}"


def test_readme_gives_exactly_two_commands_and_ci_runs_the_test_one():
    commands = set(re.findall(r"^python3 course\.py \w+$", README, flags=re.M))
    assert START_COMMAND in commands and TEST_COMMAND in commands
    ci_lines = [line.strip() for line in (ROOT / ".ci/run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert ci_lines[-1] == TEST_COMMAND
    assert "set -euo pipefail" in ci_lines


def test_readme_notebook_table_matches_the_course_outline():
    block = README.split("<!-- notebooks:start -->")[1].split("<!-- notebooks:end -->")[0]
    assert block.strip() == course_outline.contents_markdown("notebooks/", underlined=False).strip()


def test_binder_badge_opens_the_start_page_of_this_repository():
    repo = PYPROJECT["project"]["urls"]["Repository"].removeprefix("https://github.com/")
    badge = f"https://mybinder.org/v2/gh/{repo}/main?urlpath=lab/tree/notebooks/00_start_here.ipynb"
    assert badge in README


def test_repo2docker_detects_environment_yml_and_post_build():
    result = subprocess.run([Path(sys.executable).with_name("repo2docker"), "--no-build", "--debug", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Building conda environment for python=3.11" in result.stderr
    assert "environment.yml" in result.stdout and "RUN ./postBuild" in result.stdout


def test_second_set_up_installs_nothing(monkeypatch):
    course = load_course_script()
    if not course.environment_is_ready(with_tests=True):
        pytest.skip("tests are not running inside the environment made by course.py")
    calls = []
    monkeypatch.setattr(course, "run", lambda *args, **kwargs: calls.append(args) or 0)
    course.ensure_environment(with_tests=True)
    course.ensure_environment(with_tests=False)
    assert calls == []


def test_class_link_points_each_student_at_the_start_page():
    course = load_course_script()
    link = course.class_link("https://hub.example.edu/", "https://github.com/org/course.git")
    assert link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert "repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse.git" in link
    assert "urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00_start_here.ipynb" in link
    with pytest.raises(ValueError, match="hub: 'hub.example.edu' is not a web address"):
        course.class_link("hub.example.edu", "https://github.com/org/course.git")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_start_command_serves_the_start_page():
    course = load_course_script()
    if not course.environment_is_ready(with_tests=False):
        pytest.skip("tests are not running inside the environment made by course.py")
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [sys.executable, "course.py", "start", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb?token={token}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "JupyterLab did not answer within 60 s"
                time.sleep(0.5)
        assert "Start here" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/tree/00_start_here.ipynb"
                                    f"?token={token}", timeout=10) as response:
            assert response.status == 200 and "JupyterLab" in response.read().decode()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_test_command_says_how_to_install_chromium_when_it_is_missing(monkeypatch, tmp_path):
    course = load_course_script()
    monkeypatch.setattr(course, "CHROMIUM", tmp_path / "no-chromium")
    assert "skipped" in course.chromium_note() and "sudo apt install chromium" in course.chromium_note()
    monkeypatch.setattr(course, "CHROMIUM", Path(sys.executable))  # any file that exists
    assert course.chromium_note() == "Chromium found: the browser tests will run."


def test_ci_installs_chromium_and_forbids_skipping_the_browser_tests():
    ci = (ROOT / ".ci/run").read_text()
    assert "apt-get install -y -qq chromium" in ci
    assert "export COURSE_REQUIRE_BROWSER=1" in ci
    assert ci.index("COURSE_REQUIRE_BROWSER=1") < ci.index(TEST_COMMAND)
