"""Build-speed and page-weight benchmark: `make bench` (prints a table, writes BENCHMARK.md).

For libraries of 100, 1,000 and 10,000 stretches (copies of the real content under new names)
it builds, each in a fresh process: the project (hooks and validation), the floor (the portable
export of the same library built by MkDocs + Material with no hooks) and the same export built
by Zensical. It prints wall time, peak memory, time per page and one stretch page's HTML size,
with the ratios project/floor, project/Zensical and time(10,000)/time(1,000). It then measures
the edit loop of `mkdocs serve` and the bytes a first and a repeat visit transfer in Chromium.

Wall time on a shared machine swings by 10 % from run to run, so at one size (1,000) it also
counts the instructions the project's and the floor's builds execute, under valgrind. Builds
write to a RAM disk when there is one with room, so that disk traffic does not time them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT)]

from stretchsite.export import export_site  # noqa: E402
from tests.conftest import copy_project_with_stretches  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from instructions import Instructions, callgrind_available, count_instructions  # noqa: E402
from pageweight import edit_loop_seconds, transfer_sizes  # noqa: E402

BIN = Path(sys.executable).parent
RAM_DISK = Path("/dev/shm")  # builds write here when it has room: disk traffic adds noise
RAM_DISK_NEEDED = 4 * 2**30  # bytes; the 10,000-stretch sources and sites take about 2 GiB
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Run:
    seconds: float  # the fastest run
    peak_mib: float
    pages: int
    stretch_page_bytes: int
    every_run: tuple[float, ...]  # seconds, in the order they ran

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


def measured(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one child process (and its children)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: it never fills up
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed:\n{errors.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def summarise(runs: list[tuple[float, float]], site: Path) -> Run:
    seconds, peak = min(runs)
    pages = sum(1 for _ in site.rglob("index.html"))
    page = site / "stretches" / "knee-to-chest" / "index.html"
    return Run(seconds, peak, pages, page.stat().st_size, tuple(s for s, _ in runs))


def bench_size(
    size: int, work: Path, repeats: int, count: bool
) -> tuple[dict[str, Run], dict[str, Instructions] | None]:
    """Each build `repeats` times, in alternating order; the fastest run of each counts. With
    `count`, the project's and the floor's instructions too, once the timed runs are over."""
    project = work / f"project-{size}"
    copy_project_with_stretches(size, project)
    export = work / f"export-{size}"
    export_site(project, export, dt.date.today())
    builds = {
        "project": (
            [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(work / f"site-{size}")],
            project,
            work / f"site-{size}",
        ),
        "floor": (
            [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(work / f"floor-{size}")],
            export,
            work / f"floor-{size}",
        ),
        "zensical": (
            [str(BIN / "zensical"), "build", "-c", "-f", "mkdocs.yml"],
            export,
            export / "site",
        ),
    }
    measurements: dict[str, list[tuple[float, float]]] = {name: [] for name in builds}
    for attempt in range(repeats):
        names = list(builds) if attempt % 2 == 0 else list(reversed(builds))
        for name in names:
            if name == "zensical" and measurements[name]:
                continue  # a reference point, not a target: one run saves minutes at 10,000
            command, cwd, _ = builds[name]
            measurements[name].append(measured(command, cwd))
    runs = {name: summarise(measurements[name], builds[name][2]) for name in builds}
    counted = None
    if count:
        compared = {name: builds[name][:2] for name in ("project", "floor")}
        counted = count_instructions(compared, work, ENV)
    for folder in (project, export, work / f"site-{size}", work / f"floor-{size}"):
        shutil.rmtree(folder, ignore_errors=True)
    return runs, counted


def table(results: dict[int, dict[str, Run]]) -> list[str]:
    lines = [
        "| stretches | build | pages | wall time (s) | peak memory (MiB) | ms per page "
        "| stretch page HTML (KB) | every run (s) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size, runs in results.items():
        for name, run in runs.items():
            lines.append(
                f"| {size:,} | {name} | {run.pages:,} | {run.seconds:.2f} | "
                f"{run.peak_mib:.0f} | {run.ms_per_page:.2f} | "
                f"{run.stretch_page_bytes / 1000:.1f} | "
                f"{', '.join(f'{t:.2f}' for t in run.every_run)} |"
            )
    return lines


def ratios(results: dict[int, dict[str, Run]]) -> list[str]:
    lines = [
        "| stretches | project / floor | project / floor, run by run (median) "
        "| project / Zensical |",
        "| ---: | ---: | --- | ---: |",
    ]
    for size, runs in results.items():
        project = runs["project"].seconds
        # The i-th project and floor runs ran one after the other: their ratio shares the
        # machine's speed of the moment, which on a shared machine swings by 10 %.
        pairs = zip(runs["project"].every_run, runs["floor"].every_run, strict=True)
        paired = [mine / floor for mine, floor in pairs]
        lines.append(
            f"| {size:,} | {project / runs['floor'].seconds:.3f} | "
            f"{', '.join(f'{r:.3f}' for r in paired)} ({statistics.median(paired):.3f}) | "
            f"{project / runs['zensical'].seconds:.2f} |"
        )
    sizes = sorted(results)
    if len(sizes) >= 2:
        big, small = sizes[-1], sizes[-2]
        scaling = results[big]["project"].seconds / results[small]["project"].seconds
        lines += [
            "",
            f"time({big:,}) / time({small:,}) for the project: **{scaling:.2f}** "
            f"(linear would be {big / small:.0f})",
        ]
    return lines


def instruction_counts(asked: int, size: int, counted: dict[str, Instructions] | None) -> list[str]:
    if counted is None:
        why = "valgrind is not installed" if asked else "--count-instructions 0"
        return [f"Instructions were not counted ({why}).", ""]
    project, floor = counted["project"], counted["floor"]
    forked = (
        f"{project.total / floor.total:.3f} counting the second process, which renders the "
        "generated pages on the other core."
        if project.other_processes
        else "the build ran in one process."
    )
    return [
        f"## Instructions at {size:,} stretches (valgrind callgrind: counts, not seconds)",
        "",
        "| build | build process | processes it forked | all processes |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {name} | {run.build_process:,} | {run.other_processes:,} | {run.total:,} |"
            for name, run in counted.items()
        ),
        "",
        f"project / floor: **{project.build_process / floor.build_process:.3f}** in the build "
        f"process, which the wall time waits for; {forked}",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARK.md")
    parser.add_argument("--repeats", type=int, default=7, help="runs per build; the best counts")
    parser.add_argument(
        "--large-repeats", type=int, default=3, help="runs per build from 5,000 stretches"
    )
    parser.add_argument(
        "--count-instructions",
        type=int,
        default=1000,
        metavar="SIZE",
        help="library size whose builds are also run under valgrind callgrind (0: none)",
    )
    args = parser.parse_args()
    if args.count_instructions and args.count_instructions not in args.sizes:
        parser.error("--count-instructions must be 0 or one of --sizes")
    results: dict[int, dict[str, Run]] = {}
    counted: dict[str, Instructions] | None = None
    counted_size = args.count_instructions if callgrind_available() else 0
    roomy = RAM_DISK.is_dir() and shutil.disk_usage(RAM_DISK).free > RAM_DISK_NEEDED
    scratch = RAM_DISK if roomy and os.access(RAM_DISK, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="stretch-bench-", dir=scratch) as tmp:
        for size in args.sizes:
            print(f"building {size:,} stretches...", flush=True)
            repeats = args.repeats if size < 5000 else args.large_repeats
            count = size == counted_size
            results[size], instructions = bench_size(size, Path(tmp), repeats, count)
            counted = instructions or counted
        edit_loop = edit_loop_seconds(ROOT, Path(tmp) / "serve")
        weights = transfer_sizes(ROOT, Path(tmp) / "weight")
    machine = (
        f"{platform.node() and 'this machine'}: {os.cpu_count()} cores, "
        f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}"
    )
    report = [
        "# Benchmark",
        "",
        f"Measured on {dt.date.today().isoformat()} by `make bench` ({machine}). Each build "
        "runs in a fresh process, alternating with the others; the table shows the fastest of "
        f"{args.repeats} runs of the project and the floor ({args.large_repeats} from 5,000 "
        "stretches) and one run of Zensical, each writing to "
        f"{'a RAM disk' if scratch else 'the temporary folder'}. The floor is the "
        "portable export of the same library built by MkDocs + Material without hooks, in the "
        "same run.",
        "",
        *table(results),
        "",
        *ratios(results),
        "",
        *instruction_counts(args.count_instructions, counted_size, counted),
        "## Edit loop and page weight (real site)",
        "",
        f"- `mkdocs serve`: a saved content file is rebuilt and served in "
        f"**{edit_loop:.2f} s** (median of 3).",
        f"- First visit to a stretch page, gzip: **{weights['first'] / 1000:.1f} KB** "
        f"transferred in {weights['first_requests']} requests, all from the site's origin "
        f"({weights['third_party']} third-party).",
        f"- Repeat visit: **{weights['repeat'] / 1000:.1f} KB** "
        f"({weights['repeat_requests']} "
        f"{'request' if weights['repeat_requests'] == 1 else 'requests'} answered from the "
        "network; the page's HTML alone when that is 1).",
    ]
    text = "\n".join(report) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
