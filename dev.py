#!/usr/bin/env python3
"""The two commands a newcomer needs, with nothing but Python 3.11+ installed.

    python3 dev.py run    set up, migrate, load demo data, serve on 127.0.0.1:8000
    python3 dev.py test   set up and run the whole test suite (SQLite and PostgreSQL)

Both create ``.venv`` on first use and reinstall only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".convene-installed"


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit("Convene needs Python 3.11 or newer")
    command, *rest = argv or ["help"]
    if command == "run":
        return run_app(rest)
    if command == "test":
        return run_tests(rest)
    print(__doc__)
    return 0 if command in {"help", "-h", "--help"} else 2


def ensure_environment(extras: str) -> None:
    """Create the virtual environment and install the project into it, once."""
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print(f"Installing Convene{extras} into .venv ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f".{extras}"], check=True, cwd=ROOT)
    STAMP.write_text(wanted)


def convene(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([str(BIN / "convene"), *args], check=True, cwd=ROOT, env=env)


def run_app(args: list[str]) -> int:
    ensure_environment("")
    convene("migrate")
    convene("demo")
    port = args[0] if args else "8000"
    print(f"Convene is serving on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        convene("serve", "--host", "127.0.0.1", "--port", port)
    except KeyboardInterrupt:
        pass
    return 0


def run_tests(args: list[str]) -> int:
    ensure_environment("[test]")
    env = os.environ | {"CONVENE_ENV": "test"}
    return subprocess.run([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
