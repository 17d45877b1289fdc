"""axe-core, the accessibility engine, fetched from the npm registry at test time.

The version is pinned, and so is the sha512 ``integrity`` the registry publishes for it. The
file lands in ``.cache/axe-core/`` (git-ignored) and later runs reuse it.

- With ``npm`` on the PATH: ``npm install axe-core@VERSION`` into that folder (npm checks the
  integrity itself; we check the installed version).
- Without it (a machine with only Python): the tarball is downloaded with urllib, its sha512
  is checked against both the registry's metadata and the pinned value, and ``axe.min.js``
  is taken out of it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
REGISTRY = "https://registry.npmjs.org"
TIMEOUT = 60  # seconds for each download


class AxeUnavailable(RuntimeError):
    """axe-core could not be installed (no network, registry refused, checksum mismatch)."""


def _installed(folder: Path) -> Path | None:
    package = folder / "node_modules" / "axe-core"
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
    script = package / "axe.min.js"
    return script if version == VERSION and script.is_file() else None


def _sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json, */*"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()


def _install_with_npm(folder: Path, npm: str) -> None:
    command = [npm, "install", "--prefix", str(folder), "--no-save", "--no-package-lock", "--ignore-scripts",
               "--no-audit", "--no-fund", "--loglevel=error", f"axe-core@{VERSION}"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise AxeUnavailable(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr[-2000:]}")


def _install_with_urllib(folder: Path) -> None:
    metadata = json.loads(_download(f"{REGISTRY}/axe-core/{VERSION}"))
    published = metadata["dist"]["integrity"]
    if published != INTEGRITY:
        raise AxeUnavailable(f"the registry's integrity for axe-core {VERSION} is {published}, "
                             f"not the pinned {INTEGRITY}")
    tarball = _download(metadata["dist"]["tarball"])
    if _sri(tarball) != INTEGRITY:
        raise AxeUnavailable(f"axe-core-{VERSION}.tgz does not match its sha512 integrity {INTEGRITY}")
    package = folder / "node_modules" / "axe-core"
    package.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name in ("package/package.json", "package/axe.min.js", "package/LICENSE"):
            member = archive.extractfile(name)
            if member is None:
                raise AxeUnavailable(f"axe-core-{VERSION}.tgz has no {name}")
            (package / name.split("/", 1)[1]).write_bytes(member.read())


def axe_script(cache: Path) -> str:
    """The source of axe.min.js (pinned version), installing it into ``cache`` if needed."""
    folder = cache / "axe-core"
    script = _installed(folder)
    if script is None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        npm = shutil.which("npm")
        try:
            if npm:
                _install_with_npm(folder, npm)
            else:
                _install_with_urllib(folder)
        except (OSError, ValueError, KeyError, subprocess.SubprocessError) as error:
            raise AxeUnavailable(f"could not install axe-core {VERSION} from the npm registry: {error}") from error
        script = _installed(folder)
        if script is None:
            raise AxeUnavailable(f"axe-core {VERSION} was installed into {folder} but axe.min.js is missing")
    return script.read_text(encoding="utf-8")
