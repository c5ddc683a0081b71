"""Find a Chromium for the browser tests, installing one if need be (run by `make test`).

``python tests/chromium.py`` prints the browser's path on stdout and one line on stderr saying
what it did. It tries, in order:

1. ``CHROMIUM_PATH`` (default /usr/bin/chromium, Debian's package) when that binary runs;
2. Playwright's own Chromium, already installed or fetched with
   ``python -m playwright install chromium`` (needs Playwright's download host);
3. Debian's package, ``apt-get install -y chromium``, as root or through a sudo that needs no
   password.

A binary counts only if ``--version`` runs (a missing shared library fails there too). When
nothing works, the line says what to install, and the exit status is 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

DEBIAN_PATH = "/usr/bin/chromium"
HINT = ("install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH to a "
        "Chromium or Chrome binary")

Run = Callable[[Sequence[str], float], bool]  # (command, timeout in seconds) -> succeeded


def run_quietly(command: Sequence[str], timeout: float) -> bool:
    """Run a command with its output hidden; False when it fails, is missing or times out."""
    try:
        done = subprocess.run(list(command), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def playwright_chromium() -> str | None:
    """Where Playwright keeps its own Chromium (whether or not it is installed there)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path
    except (Error, OSError):
        return None


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Machine:
    """What the finder may use and run; tests pass fakes."""

    run: Run = run_quietly
    playwright_path: Callable[[], str | None] = playwright_chromium
    which: Callable[[str], str | None] = shutil.which
    is_root: bool = field(default_factory=running_as_root)
    python: str = sys.executable
    debian_path: str = DEBIAN_PATH  # where Debian's package puts it


class NoBrowser(Exception):
    """Nothing found and nothing could be installed: the message says what to install."""


def works(path: str | None, machine: Machine) -> bool:
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK) \
        and machine.run([path, "--version"], 60)


def from_playwright(machine: Machine) -> tuple[str, str] | None:
    """Playwright's Chromium: (path, what was done), installing it when it is not there yet."""
    path = machine.playwright_path()
    if works(path, machine):
        return path, "using Playwright's Chromium"
    if machine.run([machine.python, "-m", "playwright", "install", "chromium"], 900):
        path = machine.playwright_path()
        if works(path, machine):
            return path, "installed Playwright's Chromium (python -m playwright install chromium)"
    return None


def from_debian(machine: Machine) -> tuple[str | None, str]:
    """Debian's package: (path or None, what was done or why not)."""
    if not machine.which("apt-get"):
        return None, "apt-get is not available"
    sudo: list[str] = []
    if not machine.is_root:
        if not machine.which("sudo"):
            return None, "apt-get needs root and there is no sudo"
        if not machine.run(["sudo", "-n", "true"], 30):
            return None, "apt-get needs root and sudo asks for a password"
        sudo = ["sudo", "-n"]
    installed = machine.run([*sudo, "apt-get", "update", "-qq"], 900) and machine.run(
        [*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
         "chromium"], 1800)
    if installed and works(machine.debian_path, machine):
        return machine.debian_path, "installed Debian's chromium (apt-get install -y chromium)"
    return None, "apt-get install -y chromium failed"


def find_chromium(wanted: str, machine: Machine) -> tuple[str, str]:
    """(the browser's path, one line saying what was done); NoBrowser when there is none.
    ``wanted`` may be a path or a command name (``google-chrome``)."""
    resolved = wanted if os.sep in wanted else machine.which(wanted)
    if works(resolved, machine):
        return resolved, f"browser tests: Chromium at {resolved}"
    found = from_playwright(machine)
    if found:
        return found[0], f"browser tests: no Chromium at {wanted}; {found[1]} at {found[0]}"
    path, what = from_debian(machine)
    if path:
        return path, (f"browser tests: no Chromium at {wanted} and Playwright could not "
                      f"download its own; {what} at {path}")
    raise NoBrowser(f"browser tests: no Chromium at {wanted}, Playwright could not download "
                    f"its own, and {what}: {HINT}")


def main() -> int:
    wanted = os.environ.get("CHROMIUM_PATH") or DEBIAN_PATH
    try:
        path, line = find_chromium(wanted, Machine())
    except NoBrowser as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(line, file=sys.stderr)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
