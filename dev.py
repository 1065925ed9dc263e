#!/usr/bin/env python3
"""The two commands a newcomer needs, with nothing but Python 3.11+ installed.

    python3 dev.py run    set up, migrate, load demo data, serve on 127.0.0.1:8000
    python3 dev.py test   set up, type-check backend/ and run the whole test suite (SQLite and PostgreSQL)
                          on several workers; with arguments, pytest runs just those, on one

Both create ``.venv`` on first use and reinstall only when ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".convene-installed"
# PDF reports print names in Arabic and Chinese, Japanese and Korean: Debian's Noto fonts cover them.
FONT_PACKAGES = ["fonts-noto-core", "fonts-noto-cjk"]
CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium, which the browser tests drive (tests/web/test_browser.py)."""
NODE_PACKAGES = {
    ROOT / "tests" / "calendar" / "icaljs": "ical.js",  # the calendar tests read feeds with it, through node
    ROOT / "tests" / "web" / "axe": "axe-core",  # the browser tests check each page's accessibility with it
}
"""The tests' node packages: each folder's package.json and package-lock.json."""
FONTS_NEEDED = {
    "Arabic": (":lang=ar", "Noto Naskh Arabic"),
    "Chinese, Japanese and Korean": (":lang=zh-cn", "Noto Sans CJK"),
}


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


def missing_fonts() -> list[str]:
    """The scripts for which ``fc-list`` finds no Noto font."""
    missing = []
    for script, (query, family) in FONTS_NEEDED.items():
        listing = subprocess.run(["fc-list", query, "family"], capture_output=True, text=True, check=False).stdout
        if family not in listing:
            missing.append(script)
    return missing


def ensure_fonts() -> None:
    """Install the Noto fonts the PDF reports need, when missing and this machine allows it (root, apt-get)."""
    if shutil.which("fc-list") is None:
        print("Fonts: fc-list not found, so the fonts for PDF reports cannot be checked; skipping", flush=True)
        return
    missing = missing_fonts()
    if not missing:
        return
    scripts, packages = " and ".join(missing), " ".join(FONT_PACKAGES)
    if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(f"Fonts: no Noto font for {scripts}; PDF reports will show boxes for such names. "
              f"Skipping the install (it needs root and apt-get): run `sudo apt-get install {packages}`.", flush=True)
        return
    print(f"Fonts: no Noto font for {scripts}; installing {packages} with apt-get ...", flush=True)
    installed = _apt_get("update", "-q") and _apt_get("install", "-y", "-q", "--no-install-recommends", *FONT_PACKAGES)
    print(f"Fonts: {'installed' if installed else 'apt-get failed; PDF reports will lack these scripts'}", flush=True)


def ensure_chromium() -> None:
    """Install Debian's chromium for the browser tests, when missing and this machine allows it (root, apt-get).

    The tests drive this system browser with Playwright; nothing is downloaded at run time.
    """
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(f"Browser tests: {CHROMIUM} not found; they will be skipped. "
              "Skipping the install (it needs root and apt-get): run `sudo apt-get install chromium`.", flush=True)
        return
    print("Browser tests: chromium not found; installing it with apt-get (apt-get install chromium) ...", flush=True)
    installed = _apt_get("update", "-q") and _apt_get("install", "-y", "-q", "--no-install-recommends", "chromium")
    print(f"Browser tests: {'chromium installed' if installed else 'apt-get failed; the browser tests will be skipped'}",
          flush=True)


def ensure_node_packages() -> None:
    """Install node (Debian's nodejs and npm, when missing and this machine allows it) and the tests' node packages.

    The calendar tests read every feed with ical.js as Thunderbird does; the
    browser tests run axe-core on every page. npm installs the versions each
    folder's package-lock.json names, once per change of it.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
            print("Node packages: node and npm not found; the ical.js and axe-core checks will be skipped. "
                  "Run `sudo apt-get install nodejs npm`.", flush=True)
            return
        print("Node packages: installing nodejs and npm with apt-get ...", flush=True)
        if not (_apt_get("update", "-q") and _apt_get("install", "-y", "-q", "--no-install-recommends", "nodejs", "npm")):
            print("Node packages: apt-get failed; the ical.js and axe-core checks will be skipped", flush=True)
            return
    for folder, what in NODE_PACKAGES.items():
        stamp = folder / "node_modules" / ".convene-installed"
        wanted = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
        if stamp.exists() and stamp.read_text() == wanted:
            continue
        print(f"Node packages: installing {what} with npm ci ...", flush=True)
        npm = [shutil.which("npm") or "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        if subprocess.run(npm, cwd=folder, check=False).returncode == 0:
            stamp.write_text(wanted)


def _apt_get(*args: str) -> bool:
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(["apt-get", *args], env=env, stdout=subprocess.DEVNULL, check=False).returncode == 0


def run_app(args: list[str]) -> int:
    ensure_fonts()
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
    ensure_fonts()
    ensure_chromium()
    ensure_node_packages()
    ensure_environment("[test]")
    env = os.environ | {"CONVENE_ENV": "test"}
    if not args:  # the whole suite (as CI runs it) starts with the type check of backend/
        print("Type-checking backend/ with mypy ...", flush=True)
        if subprocess.run([str(BIN / "python"), "-m", "mypy"], cwd=ROOT).returncode != 0:
            return 1
        args = whole_suite_workers()
    return subprocess.run([str(BIN / "python"), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def whole_suite_workers() -> list[str]:
    """pytest-xdist's options for the whole suite: one worker more than the machine has cores.

    A test waits on a browser, a server or a database much of its time, so a
    third worker keeps two cores busy. tests/scheduling.py decides which
    worker runs what.
    """
    return ["-n", str((os.cpu_count() or 1) + 1), "--dist", "load"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
