"""Build-speed benchmark: `make bench` (prints a report, writes BENCHMARK.md).

For libraries of 100, 1,000 and 10,000 stretches (copies of the real content under new names)
it builds the project (hooks and validation) and the floor (the project's portable export, plain
Markdown and mkdocs.yml without hooks, built by MkDocs + Material) in pairs: one right after the
other, alternating which goes first, each in a fresh process. Both builds of a pair share the
machine's speed of the moment, which on a shared machine swings by 10 %, so the headline figure
is the median of the pairs' project/floor ratios. It also shows the best wall time, CPU time and
peak memory of each build, one Zensical build of the export (when Zensical runs) and
time(10,000)/time(1,000). Then the edit loop of `mkdocs serve`, and the bytes a first and a
repeat visit transfer in Chromium. Builds write to a RAM disk when there is one with room.
It keeps the Lighthouse section that bench/lighthouse.py writes into the same file.

Quick check that it works: `python bench/benchmark.py --sizes 20 --runs 1 --out /tmp/b.md`.
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

from stretchsite.commands.export import export_site  # noqa: E402
from tests.conftest import copy_project_with_stretches  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from lighthouse import kept_section  # noqa: E402
from pageweight import edit_loop_seconds, transfer_sizes  # noqa: E402

BIN = Path(sys.executable).parent
RAM_DISK = Path("/dev/shm")
RAM_DISK_NEEDED = 4 * 2**30  # bytes; the 10,000-stretch sources and sites take about 2 GiB
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
TARGET_RATIO = 1.10  # project / floor at 1,000 stretches
TARGET_RELOAD = 1.0  # seconds from saving a content file to the served page showing it


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system, of the build and any process it forked
    peak_mib: float


@dataclass(frozen=True)
class Build:
    """Every run of one build at one size, in the order they ran, and what the last one wrote."""

    runs: tuple[Run, ...]
    pages: int
    stretch_page_bytes: int

    @property
    def best(self) -> Run:
        return min(self.runs, key=lambda run: run.seconds)


# Runs a command from a fresh, small Python and prints its wall time, CPU time and peak memory:
# a child's peak memory starts at its parent's, so the benchmark itself must not be the parent.
_TIMER = """
import resource, subprocess, sys, time
start = time.perf_counter()
status = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
sys.exit(status)
"""


def measured(command: list[str], cwd: Path) -> Run:
    timer = [sys.executable, "-c", _TIMER, *command]
    done = subprocess.run(timer, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    seconds, cpu_seconds, peak_mib = map(float, done.stdout.split())
    return Run(seconds, cpu_seconds, peak_mib)


def built(runs: list[Run], site: Path) -> Build:
    page = site / "stretches" / "knee-to-chest" / "index.html"
    pages = sum(1 for _ in site.rglob("index.html"))
    return Build(tuple(runs), pages, page.stat().st_size)


def library(size: int, work: Path) -> tuple[Path, Path]:
    """A copy of the project with `size` stretches, and its portable export."""
    project, export = work / f"project-{size}", work / f"export-{size}"
    copy_project_with_stretches(size, project)
    export_site(project, export, dt.date.today())
    return project, export


def bench_size(project: Path, export: Path, work: Path, pairs: int) -> tuple[dict[str, Build], str]:
    """The project and the floor `pairs` times each, alternating which goes first; then one
    Zensical build of the export. Returns the builds and why Zensical did not run ("" if it did)."""
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d"]
    builds = {
        "project": ([*mkdocs, str(work / "site-project")], project, work / "site-project"),
        "floor": ([*mkdocs, str(work / "site-floor")], export, work / "site-floor"),
    }
    runs: dict[str, list[Run]] = {name: [] for name in builds}
    for pair in range(pairs):
        for name in builds if pair % 2 == 0 else reversed(builds):
            command, cwd, _ = builds[name]
            runs[name].append(measured(command, cwd))
    results = {name: built(runs[name], site) for name, (_, _, site) in builds.items()}
    zensical, why_not = BIN / "zensical", ""
    if not zensical.exists():
        why_not = "not installed (`make bench` installs requirements-bench.txt)"
    else:
        try:
            run = measured([str(zensical), "build", "-c", "-f", "mkdocs.yml"], export)
            results["zensical"] = built([run], export / "site")
        except (RuntimeError, OSError) as error:
            why_not = str(error).strip().splitlines()[-1][:300]
    for folder in (project, export, *(site for _, _, site in builds.values())):
        shutil.rmtree(folder, ignore_errors=True)
    return results, why_not


def table(results: dict[int, dict[str, Build]]) -> list[str]:
    lines = [
        "| stretches | build | pages | best wall time (s) | its CPU time (s) | peak memory (MiB) "
        "| ms per page | stretch page HTML (KB) | every run (s) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size, builds in results.items():
        for name, build in builds.items():
            best = build.best
            lines.append(
                f"| {size:,} | {name} | {build.pages:,} | {best.seconds:.2f} | "
                f"{best.cpu_seconds:.2f} | {max(run.peak_mib for run in build.runs):.0f} | "
                f"{1000 * best.seconds / build.pages:.2f} | "
                f"{build.stretch_page_bytes / 1000:.1f} | "
                f"{', '.join(f'{run.seconds:.2f}' for run in build.runs)} |"
            )
    return lines


def paired(builds: dict[str, Build]) -> list[float]:
    pairs = zip(builds["project"].runs, builds["floor"].runs, strict=True)
    return [mine.seconds / floor.seconds for mine, floor in pairs]


def ratios(results: dict[int, dict[str, Build]]) -> list[str]:
    lines = [
        "| stretches | project / floor, median of pairs | each pair | best / best "
        "| project / Zensical (best / one run) |",
        "| ---: | ---: | --- | ---: | ---: |",
    ]
    for size, builds in results.items():
        each = paired(builds)
        best = builds["project"].best.seconds
        zensical = builds.get("zensical")
        lines.append(
            f"| {size:,} | **{statistics.median(each):.3f}** | "
            f"{', '.join(f'{r:.3f}' for r in each)} | {best / builds['floor'].best.seconds:.3f} | "
            f"{f'{best / zensical.best.seconds:.2f}' if zensical else 'not run'} |"
        )
    return lines


def targets(results: dict[int, dict[str, Build]], reload: float) -> list[str]:
    def verdict(met: bool) -> str:
        return "met" if met else "**missed**"

    lines = []
    if 1000 in results:
        median = statistics.median(paired(results[1000]))
        lines.append(
            f"- project / floor at 1,000 stretches, median of pairs: {median:.3f} "
            f"(target ≤ {TARGET_RATIO:.2f}): {verdict(median <= TARGET_RATIO)}"
        )
    else:
        lines.append("- project / floor at 1,000 stretches: not measured in this run")
    if 1000 in results and 10000 in results:
        scaling, floor = (
            results[10000][name].best.seconds / results[1000][name].best.seconds
            for name in ("project", "floor")
        )
        lines.append(
            f"- time(10,000) / time(1,000) for the project, best runs: {scaling:.2f} "
            f"(target ≤ 10, linear; the floor: {floor:.2f}): {verdict(scaling <= 10)}"
        )
    else:
        lines.append("- time(10,000) / time(1,000): not measured in this run")
    lines.append(
        f"- `mkdocs serve`, saving a content file to the served page showing the change, median "
        f"of 3: {reload:.2f} s (target < {TARGET_RELOAD:.0f} s): {verdict(reload < TARGET_RELOAD)}"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARK.md")
    parser.add_argument("--runs", type=int, default=7, help="pairs of runs (project, floor)")
    parser.add_argument("--large-runs", type=int, default=3, help="pairs from 5,000 stretches")
    args = parser.parse_args()
    results: dict[int, dict[str, Build]] = {}
    zensical_missing: dict[int, str] = {}
    roomy = RAM_DISK.is_dir() and shutil.disk_usage(RAM_DISK).free > RAM_DISK_NEEDED
    scratch = RAM_DISK if roomy and os.access(RAM_DISK, os.W_OK) else None
    started, load = time.monotonic(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="stretch-bench-", dir=scratch) as tmp:
        # First all that reads the working tree, which others may be editing during the builds.
        print("copying and exporting the libraries, timing `mkdocs serve`...", flush=True)
        libraries = {size: library(size, Path(tmp)) for size in args.sizes}
        reload = edit_loop_seconds(ROOT, Path(tmp) / "serve")
        weights = transfer_sizes(ROOT, Path(tmp) / "weight")
        for size, (project, export) in libraries.items():
            print(f"building {size:,} stretches...", flush=True)
            pairs = args.runs if size < 5000 else args.large_runs
            results[size], why_not = bench_size(project, export, Path(tmp), pairs)
            if why_not:
                zensical_missing[size] = why_not
                print(f"  Zensical did not run: {why_not}", flush=True)
    minutes = (time.monotonic() - started) / 60
    machine = (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()}; load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} "
        "at the end"
    )
    report = [
        "# Benchmark",
        "",
        f"Measured on {dt.date.today().isoformat()} by `make bench` on this machine ({machine}) "
        f"in {minutes:.0f} minutes. The floor is the project's portable export (plain Markdown "
        "and mkdocs.yml without hooks) built by MkDocs + Material in the same run: the baseline "
        "every ratio is against. Each build runs in a fresh process; the project and the floor "
        "run in pairs, one right after the other, alternating which goes first (pairs per "
        f"size: {args.runs}; {args.large_runs} from 5,000 stretches), each writing to "
        f"{'a RAM disk' if scratch else 'the temporary folder'}. Zensical builds the same export "
        "once per size, for reference. CPU time above wall time would mean a build used more "
        "than one core.",
        "",
        "## Targets",
        "",
        *targets(results, reload),
        "",
        "## Ratios",
        "",
        *ratios(results),
        *(
            f"\nZensical did not run at {size:,} stretches: {why}"
            for size, why in zensical_missing.items()
        ),
        "",
        "## Builds",
        "",
        *table(results),
        "",
        "## Edit loop and page weight (real site)",
        "",
        f"- `mkdocs serve`: a saved content file is rebuilt and served in "
        f"**{reload:.2f} s** (median of 3).",
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
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    args.out.write_text(kept_section(old, text), encoding="utf-8")  # bench/lighthouse.py's too
    return 0


if __name__ == "__main__":
    sys.exit(main())
