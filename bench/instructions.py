"""Instructions a build executes, counted by valgrind's callgrind.

Wall time on a shared machine swings by 10 % from one run to the next; an instruction count
hardly moves (callgrind counts what the program does, not how long the machine took: only a
timer, such as the receiving thread's 0.1 s wait, runs more code when the build runs slower).
It runs a build about 50 times slower, so the benchmark counts one size only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PID = re.compile(r"^pid: (\d+)$", re.M)
_TOTALS = re.compile(r"^totals: (\d+)$", re.M)


@dataclass(frozen=True)
class Instructions:
    build_process: int  # the process MkDocs runs in: what the wall time waits for
    other_processes: int  # processes it forked (their work runs on another core)

    @property
    def total(self) -> int:
        return self.build_process + self.other_processes


def callgrind_available() -> bool:
    return shutil.which("valgrind") is not None


def _started(command: list[str], cwd: Path, out: Path, env: dict[str, str]) -> subprocess.Popen:
    out.mkdir(parents=True)
    return subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/%p.out", *command],
        cwd=cwd,
        env={**env, "PYTHONHASHSEED": "0"},  # the same hashing, so the same work, every run
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _counted(child: subprocess.Popen, out: Path) -> Instructions:
    """Wait for a build under callgrind and add up each of its processes' counts."""
    _, stderr = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"{child.args} failed under valgrind:\n{stderr.decode()}")
    counts: dict[int, int] = {}
    for profile in out.glob("*.out"):
        text = profile.read_text(encoding="utf-8", errors="replace")
        pid, totals = _PID.search(text), _TOTALS.search(text)
        if pid is None or totals is None:
            raise RuntimeError(f"{profile}: no callgrind totals")
        counts[int(pid.group(1))] = int(totals.group(1))
    shutil.rmtree(out)
    return Instructions(counts.pop(child.pid), sum(counts.values()))


def count_instructions(
    builds: dict[str, tuple[list[str], Path]], scratch: Path, env: dict[str, str]
) -> dict[str, Instructions]:
    """Each build under callgrind (which follows forks), all at once: a count hardly depends
    on what else the machine runs."""
    outs = {name: scratch / f"callgrind-{name}" for name in builds}
    children = {
        name: _started(command, cwd, outs[name], env) for name, (command, cwd) in builds.items()
    }
    try:
        return {name: _counted(child, outs[name]) for name, child in children.items()}
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
                child.wait()
