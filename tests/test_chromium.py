"""tests/chromium.py, the browser finder `make test` runs first: each way of getting a Chromium, in
order, with a fake machine (nothing is installed or downloaded here)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from chromium import Machine, NoBrowser, find_chromium
from generator.paths import REPO_ROOT


def executable(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho 'Chromium 140.0'\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


class FakeMachine:
    """Records every command; `--version` works for the paths in `runnable`; Playwright's install
    and apt-get succeed (and create their browser) only when told to."""

    def __init__(self, tmp_path: Path, *, playwright_downloads: bool = False,
                 apt: bool = True, sudo: bool | None = None) -> None:
        self.commands: list[list[str]] = []
        self.runnable: set[str] = set()
        self.playwright = tmp_path / "ms-playwright" / "chromium-1" / "chrome"
        self.debian = tmp_path / "usr-bin" / "chromium"
        self.playwright_downloads, self.apt, self.sudo = playwright_downloads, apt, sudo

    def run(self, command: Sequence[str], timeout: float) -> bool:
        command = list(command)
        self.commands.append(command)
        if command[-1] == "--version":
            return command[0] in self.runnable
        if command[1:] == ["-m", "playwright", "install", "chromium"]:
            if self.playwright_downloads:
                self.runnable.add(executable(self.playwright))
            return self.playwright_downloads
        if command == ["sudo", "-n", "true"]:
            return bool(self.sudo)
        if "install" in command and "chromium" in command:
            self.runnable.add(executable(self.debian))
        return True

    def which(self, name: str) -> str | None:
        present = {"apt-get": self.apt, "sudo": self.sudo is not None}
        return f"/usr/bin/{name}" if present.get(name) else None

    def machine(self, is_root: bool = True) -> Machine:
        return Machine(run=self.run, playwright_path=lambda: str(self.playwright),
                       which=self.which, is_root=is_root, python="python",
                       debian_path=str(self.debian))

    def installs(self) -> list[list[str]]:
        return [c for c in self.commands if "install" in c or "update" in c]


def test_a_chromium_at_chromium_path_is_used_and_nothing_is_installed(tmp_path: Path) -> None:
    fake = FakeMachine(tmp_path)
    wanted = executable(tmp_path / "chrome")
    fake.runnable.add(wanted)
    path, line = find_chromium(wanted, fake.machine())
    assert path == wanted
    assert line == f"browser tests: Chromium at {wanted}"
    assert fake.installs() == []


def test_a_binary_that_does_not_start_is_passed_over(tmp_path: Path) -> None:
    fake = FakeMachine(tmp_path, playwright_downloads=True)
    broken = executable(tmp_path / "chrome")  # there, but --version fails (a missing library)
    path, _ = find_chromium(broken, fake.machine())
    assert path == str(fake.playwright)


def test_without_chromium_playwright_installs_its_own(tmp_path: Path) -> None:
    fake = FakeMachine(tmp_path, playwright_downloads=True)
    path, line = find_chromium(str(tmp_path / "missing"), fake.machine())
    assert path == str(fake.playwright)
    assert line == (f"browser tests: no Chromium at {tmp_path / 'missing'}; installed "
                    f"Playwright's Chromium (python -m playwright install chromium) at {path}")
    assert fake.installs() == [["python", "-m", "playwright", "install", "chromium"]]


def test_an_installed_playwright_chromium_is_used_without_a_download(tmp_path: Path) -> None:
    fake = FakeMachine(tmp_path)
    fake.runnable.add(executable(fake.playwright))
    path, line = find_chromium(str(tmp_path / "missing"), fake.machine())
    assert path == str(fake.playwright) and "using Playwright's Chromium" in line
    assert fake.installs() == []


@pytest.mark.parametrize(("is_root", "prefix"), [(True, []), (False, ["sudo", "-n"])])
def test_when_playwright_cannot_download_debians_package_is_installed(
        tmp_path: Path, is_root: bool, prefix: list[str]) -> None:
    fake = FakeMachine(tmp_path, sudo=True)
    path, line = find_chromium(str(tmp_path / "missing"), fake.machine(is_root=is_root))
    assert path == str(fake.debian)
    assert "installed Debian's chromium (apt-get install -y chromium)" in line
    assert fake.installs()[1:] == [
        [*prefix, "apt-get", "update", "-qq"],
        [*prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
         "chromium"]]


@pytest.mark.parametrize(("apt", "sudo", "reason"), [
    (False, None, "apt-get is not available"),
    (True, False, "apt-get needs root and sudo asks for a password"),
    (True, None, "apt-get needs root and there is no sudo"),
])
def test_with_no_way_to_get_a_browser_one_line_says_what_to_install(
        tmp_path: Path, apt: bool, sudo: bool | None, reason: str) -> None:
    fake = FakeMachine(tmp_path, apt=apt, sudo=sudo)
    with pytest.raises(NoBrowser) as caught:
        find_chromium("/nowhere/chromium", fake.machine(is_root=False))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("browser tests: no Chromium at /nowhere/chromium, Playwright "
                              "could not download its own, and " + reason)
    assert message.endswith("install Debian's chromium (sudo apt-get install chromium) or set "
                            "CHROMIUM_PATH to a Chromium or Chrome binary")
    assert not any("apt-get" in c for c in fake.installs())


def test_a_command_name_is_looked_up_on_the_path(tmp_path: Path) -> None:
    fake = FakeMachine(tmp_path)
    chrome = executable(tmp_path / "bin" / "google-chrome")
    fake.runnable.add(chrome)
    machine = Machine(run=fake.run, playwright_path=lambda: None,
                      which=lambda name: chrome if name == "google-chrome" else None)
    assert find_chromium("google-chrome", machine)[0] == chrome


def test_the_script_prints_the_path_and_one_line(tmp_path: Path) -> None:
    chrome = executable(tmp_path / "chrome")
    result = subprocess.run([sys.executable, str(REPO_ROOT / "tests" / "chromium.py")],
                            env={**os.environ, "CHROMIUM_PATH": chrome},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{chrome}\n"
    assert result.stderr == f"browser tests: Chromium at {chrome}\n"


def test_make_test_runs_the_finder_and_hands_its_path_to_pytest() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text()
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0].splitlines()
    finder = [line for line in recipe if "tests/chromium.py" in line]
    runner = [line for line in recipe if "-m pytest" in line]
    assert finder == runner and len(finder) == 1  # one shell line: pytest only with a browser
    line = finder[0]
    assert line.index("tests/chromium.py") < line.index('CHROMIUM_PATH="$$browser"') \
        < line.index("-m pytest")
    assert (REPO_ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")
