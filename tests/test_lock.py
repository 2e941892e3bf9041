"""Installs that cannot be swapped: every package in requirements.lock is pinned to one version
with the sha256 of its files, every direct dependency in requirements.in is there, and `make
install` makes pip check those hashes (`--require-hashes`), as `npm ci` checks package-lock.json."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def lock_entries(text: str) -> list[str]:
    """The lock's entries, one each, with backslash-continued lines joined and comments left out."""
    lines = (line.strip() for line in text.replace("\\\n", " ").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def pinned(entry: str) -> tuple[str, str] | None:
    """(name, version) when the entry is `name==version` with at least one sha256 and no other
    option: no range, no URL, no index or find-links line."""
    requirement, _, options = entry.partition(" --")
    options = f"--{options}" if options else ""
    try:
        parsed = Requirement(requirement)
    except InvalidRequirement:
        return None
    specifiers = list(parsed.specifier)
    if parsed.url or len(specifiers) != 1 or specifiers[0].operator != "==":
        return None
    if not HASH.search(options) or HASH.sub("", options).strip():
        return None
    return canonicalize_name(parsed.name), specifiers[0].version


def lock_problems(text: str) -> list[str]:
    entries = lock_entries(text)
    problems = [entry[:80] for entry in entries if pinned(entry) is None]
    return problems if entries else ["the lock has no packages"]


def direct_dependencies(text: str) -> list[Requirement]:
    lines = (line.partition("#")[0].strip() for line in text.splitlines())
    return [Requirement(line) for line in lines if line]


def unlocked(requirements_in: str, lock: str) -> list[str]:
    """Direct dependencies that are missing from the lock or locked at a version they exclude."""
    versions = dict(filter(None, map(pinned, lock_entries(lock))))
    missing = []
    for requirement in direct_dependencies(requirements_in):
        version = versions.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            missing.append(str(requirement))
    return missing


def make_dry_run(target: str, tmp_path: Path) -> list[str]:
    """The commands `make TARGET` would run for a new .venv, printed by `make -n` (run by
    itself, not as part of an outer `make test`)."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={tmp_path}/venv"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.replace("\\\n", " ").splitlines()


def installs_without_hashes(commands: list[str]) -> list[str]:
    """The commands that install requirements.lock without --require-hashes (or a note that
    no command installs it at all)."""
    installs = [c for c in commands if "pip install" in c and "-r requirements.lock" in c]
    if not installs:
        return ["no command installs requirements.lock"]
    return [c for c in installs if "--require-hashes" not in c.split()]


def test_every_locked_package_is_pinned_with_hashes() -> None:
    assert lock_problems((ROOT / "requirements.lock").read_text()) == []


def test_the_lock_check_finds_a_package_without_a_pin_or_a_hash() -> None:
    good = "attrs==26.1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via jsonschema\n"
    assert lock_problems(good) == []
    assert lock_problems("attrs==26.1.0\n") == ["attrs==26.1.0"]
    assert lock_problems(good.replace("==", ">=")) != []
    assert lock_problems(good + "--find-links /opt/wheels\n") == ["--find-links /opt/wheels"]
    assert lock_problems("# only a comment\n") == ["the lock has no packages"]


def test_every_direct_dependency_is_in_the_lock() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    assert unlocked((ROOT / "requirements.in").read_text(), lock) == []


def test_make_install_requires_hashes(tmp_path: Path) -> None:
    commands = make_dry_run("install", tmp_path)
    assert installs_without_hashes(commands) == []


def test_make_lock_writes_hashes_and_says_how_to_regenerate(tmp_path: Path) -> None:
    commands = make_dry_run("lock", tmp_path)
    compile_lines = [c for c in commands if "pip-compile" in c]
    assert compile_lines and all("--generate-hashes" in c.split() for c in compile_lines)
    regenerate = "# Regenerate with: make lock"
    assert any(regenerate in c for c in commands), "make lock no longer writes the header"
    assert regenerate in (ROOT / "requirements.lock").read_text()
