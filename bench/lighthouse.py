"""Lighthouse benchmark: every page type of the site beside a default Material for MkDocs page.

Builds the site (`stretchsite publish`) and a default Material page of the same text (the
knee-to-chest stretch from the portable export, built by plain MkDocs with `theme: material`)
into a temporary folder, serves both gzip-compressed on loopback (bench/pageweight.py), and runs
Lighthouse (npm, bench/package.json) on Debian's Chromium: mobile emulation and simulated
throttling (Lighthouse's defaults), performance only, each page `--runs` times, one page at a
time, round after round. Prints the medians as a Markdown table and writes it into BENCHMARK.md
between its markers, leaving the rest of the file alone.

    npm ci --prefix bench --ignore-scripts
    .venv/bin/python bench/lighthouse.py --runs 3

`make bench` does both after the build benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT), str(ROOT / "bench")]

from pageweight import ENV, serve_site  # noqa: E402

from stretchsite.commands.export import export_site  # noqa: E402
from tests.browser.conftest import CHROMIUM  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# The default theme asks Google Fonts for Roboto; with no network here that request is blocked
# in every run (the other pages make none), so the default page paints in the fallback font.
BLOCKED = ("*fonts.googleapis.com*", "*fonts.gstatic.com*")
STRETCH = "stretches/knee-to-chest"
DEFAULT = "default Material page"
# The same page without the Google Fonts request, as ours (`font: false`): for reference only.
FONTLESS = "default Material page, `font: false`"
_THEMES = {
    DEFAULT: "theme:\n  name: material\n",
    FONTLESS: "theme:\n  name: material\n  font: false\n",
}
START = "<!-- lighthouse: start (written by bench/lighthouse.py) -->"
END = "<!-- lighthouse: end -->"
SECTION = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
TARGET_LCP, TARGET_TBT, TARGET_KB = 1.5, 100.0, 90.0  # seconds, milliseconds, KB compressed
# Builds the first routine the way the builder does (routine-link.js), from the built site's
# copy of the script and its stretch library, and checks that the page can read it back.
_LINK = """
const [script, library] = process.argv.slice(1);
const link = require(script);
const catalogue = JSON.parse(require('fs').readFileSync(library, 'utf8'));
const routine = {note: '', stretches: catalogue.stretches.map((s) => ({slug: s.slug,
  hold: s.hold_seconds, repsMin: s.reps_min, repsMax: s.reps_max, times: s.times_per_day,
  note: ''}))};
const hash = link.encode(routine);
if (!link.decode(hash, link.lookup(catalogue)).ok) throw new Error('unreadable link ' + hash);
process.stdout.write(hash);
"""


@dataclass(frozen=True)
class Figures:
    score: float  # 0 to 100
    lcp: float  # seconds
    tbt: float  # milliseconds
    fcp: float  # seconds
    cls: float
    kb: float  # bytes transferred on a first visit, compressed, in thousands
    requests: float  # to the network (not data: addresses); a median may be a half


def figures(report: dict[str, Any]) -> Figures:
    audits = report["audits"]

    def value(audit: str) -> float:
        return float(audits[audit]["numericValue"])

    return Figures(
        score=100 * float(report["categories"]["performance"]["score"]),
        lcp=value("largest-contentful-paint") / 1000,
        tbt=value("total-blocking-time"),
        fcp=value("first-contentful-paint") / 1000,
        cls=value("cumulative-layout-shift"),
        kb=value("total-byte-weight") / 1000,
        requests=sum(
            1 for r in audits["network-requests"]["details"]["items"] if r["url"].startswith("http")
        ),
    )


def median(runs: list[Figures]) -> Figures:
    """Each figure's own median over the runs."""
    return Figures(
        *(statistics.median(getattr(run, name) for run in runs) for name in Figures.__annotations__)
    )


def build(work: Path) -> tuple[Path, Path]:
    """Our site, published, and a folder with the default Material page of the stretch's text
    built once for each theme of `_THEMES` (addresses: `default_path`)."""
    ours, export, default = work / "site", work / "export", work / "default"
    python = [sys.executable, "-m", "stretchsite", "publish", "-d", str(ours)]
    subprocess.run(python, cwd=ROOT, env={**ENV, "PYTHONPATH": str(ROOT / "hooks")}, check=True)
    export_site(ROOT, export, dt.date.today())
    page = default / "docs" / f"{STRETCH}.md"
    page.parent.mkdir(parents=True)
    shutil.copy(export / "docs" / f"{STRETCH}.md", page)
    pictures = Path("docs", "assets", "illustrations")
    shutil.copytree(export / pictures, default / pictures)
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"]
    extensions = "markdown_extensions: [attr_list, md_in_html]\n"  # to read it as our build does
    for n, theme in enumerate(_THEMES.values()):
        config = f"site_name: Back pain stretches\n{theme}{extensions}"
        (default / f"{n}.yml").write_text(config, encoding="utf-8")
        subprocess.run(
            [*mkdocs, "-f", f"{n}.yml", "-d", f"site/{n}"], cwd=default, env=ENV, check=True
        )
    return ours, default / "site"


def default_path(name: str) -> str:
    return f"/{list(_THEMES).index(name)}/{STRETCH}/"


def pages(site: Path) -> dict[str, str]:
    """Name -> address path of each page type."""
    routine = min(p.name for p in (site / "routines").iterdir() if p.is_dir())
    script = site / "assets" / "javascripts" / "routine-link.js"
    library = site / "assets" / "routine-library.json"
    done = subprocess.run(
        ["node", "-e", _LINK, str(script), str(library)],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        "home": "/",
        "stretch index": "/stretches/",
        "stretch": f"/{STRETCH}/",
        "routine": f"/routines/{routine}/",
        "routine builder": "/routine-builder/",
        "shared routine": f"/my-routine/{done.stdout}",
    }


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--disable-full-page-screenshot",
        f"--chrome-flags={CHROME_FLAGS}",
        *(f"--blocked-url-patterns={pattern}" for pattern in BLOCKED),
    ]
    env = {**ENV, "CHROME_PATH": str(CHROMIUM)}
    for attempt in (1, 2):  # a loaded machine now and then makes a run time out: once more
        done = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
        report: dict[str, Any] = json.loads(out.read_text("utf-8")) if done.returncode == 0 else {}
        error = report.get("runtimeError", {}).get("message") or done.stderr.strip()[-500:]
        if done.returncode == 0 and not report.get("runtimeError"):
            return report
        print(f"Lighthouse failed on {url} (try {attempt} of 2): {error}", flush=True)
    raise RuntimeError(f"Lighthouse failed twice on {url}")


def diagnosis(report: dict[str, Any], origin: str) -> str:
    """What holds up the first paint, where the bytes go and what keeps the main thread busy."""
    audits = report["audits"]

    def name(url: str) -> str:
        path = url.removeprefix(origin).split("?")[0]
        return "the page" if path.endswith("/") else path.rsplit("/", 1)[-1]

    def items(audit: str) -> list[dict[str, Any]]:
        return list(audits[audit].get("details", {}).get("items", []))

    blocking = [
        f"{name(i['url'])} {i['totalBytes'] / 1000:.1f}" for i in items("render-blocking-resources")
    ]
    requests = sorted(items("network-requests"), key=lambda r: -r["transferSize"])
    biggest = [f"{name(r['url'])} {r['transferSize'] / 1000:.1f}" for r in requests[:4]]
    scripts = [f"{name(i['url'])} {i['total']:.0f}" for i in items("bootup-time")[:3]]
    groups = items("mainthread-work-breakdown")
    work = [f"{i['groupLabel'].lower()} {i['duration']:.0f}" for i in groups]
    lcp = items("largest-contentful-paint-element")
    element = lcp[0]["items"][0]["node"].get("selector", "?") if lcp else "?"
    return (
        f"render-blocking (KB): {', '.join(blocking) or 'none'}; biggest transfers (KB): "
        f"{', '.join(biggest)}; "
        f"main thread {audits['mainthread-work-breakdown']['numericValue']:.0f} ms "
        f"({', '.join(work[:3])}), by script (ms): {', '.join(scripts) or 'none'}; "
        f"LCP element `{element}`"
    )


def cell(value: float, text: str, met: bool) -> str:
    return text.format(value) if met else f"**{text.format(value)}** ✗"


def section(results: dict[str, Figures], notes: dict[str, str], about: str) -> str:
    reference = results[DEFAULT].score
    lines = [
        START,
        "## Lighthouse: a cheap phone (real site)",
        "",
        about,
        "",
        f"Targets: performance score ≥ the default Material page's ({reference:.0f}), "
        f"LCP ≤ {TARGET_LCP} s, TBT ≤ {TARGET_TBT:.0f} ms, first visit ≤ {TARGET_KB:.0f} KB "
        "compressed; ✗ marks a figure that misses.",
        "",
        "| page | score | LCP (s) | TBT (ms) | FCP (s) | CLS | first visit (KB, gzip) | requests |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, f in results.items():
        lines.append(
            f"| {page} | {cell(f.score, '{:.0f}', f.score >= reference)} "
            f"| {cell(f.lcp, '{:.2f}', f.lcp <= TARGET_LCP)} "
            f"| {cell(f.tbt, '{:.0f}', f.tbt <= TARGET_TBT)} | {f.fcp:.2f} | {f.cls:.3f} "
            f"| {cell(f.kb, '{:.1f}', f.kb <= TARGET_KB)} | {f.requests:.0f} |"
        )
    lines += ["", "From the last run of each page:", ""]
    lines += [f"- {page}: {note}" for page, note in notes.items()]
    return "\n".join([*lines, END])


def describe(
    report: dict[str, Any], runs: int, seconds: float, machine: tuple[float, list[float]]
) -> str:
    """How, when and where the figures were measured; `machine` is (load average, indices)."""
    load, speed = machine
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True)
    chromium = version.stdout.split(" built on")[0].strip()
    return (
        f"Measured on {dt.date.today().isoformat()} by `bench/lighthouse.py` in "
        f"{seconds / 60:.0f} minutes: Lighthouse {report['lighthouseVersion']}, {chromium} "
        "(headless), Lighthouse's default mobile emulation and simulated throttling (a Moto G "
        "Power on slow 4G: 150 ms round trips, 1.6 Mbit/s, the CPU 4 times slower), performance "
        f"only; median of {runs} runs of each figure on its own. Load average {load:.1f} at the "
        f"start, {os.getloadavg()[0]:.1f} at the end; Lighthouse's benchmarkIndex of this "
        f"machine {min(speed):.0f} to {max(speed):.0f} (below 1,000 it warns that the CPU is "
        "slower than it expects: TBT and the score then come out worse than on a faster "
        "machine, for every page alike). Both sites are built into a temporary folder and "
        "served gzip-compressed (HTTP/1.1) from loopback. The default Material page is the "
        f"`{STRETCH}` page's Markdown from the portable export, built by plain MkDocs with "
        "`theme: material` (and attr_list and md_in_html to read it). It asks Google Fonts for "
        "Roboto, which cannot be reached here: every run blocks fonts.googleapis.com and "
        "fonts.gstatic.com. Chromium fails that request at once and paints in the fallback "
        "font, but Lighthouse's simulation still puts the blocked stylesheet (a new https "
        "origin) before the first paint, so the default page's FCP and LCP hold about what it "
        "would cost a phone, while its bytes leave out the font files. The `font: false` row "
        "is the same page without that request, as ours are (our mkdocs.yml sets "
        "`font: false`): for reference, not a target."
    )


def with_section(document: str, text: str) -> str:
    """The document with its Lighthouse section replaced by `text` (added at the end if none)."""
    if SECTION.search(document):
        return SECTION.sub(lambda _: text, document)
    return document.rstrip("\n") + "\n\n" + text + "\n"


def kept_section(old: str, new: str) -> str:
    """The document `new` with the Lighthouse section of `old`, if it had one."""
    found = SECTION.search(old)
    return with_section(new, found.group()) if found else new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is shown")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARK.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: npm ci --prefix bench --ignore-scripts")
    started, load = time.monotonic(), os.getloadavg()[0]
    runs: dict[str, list[Figures]] = {}
    notes: dict[str, str] = {}
    speed: list[float] = []  # Lighthouse's benchmarkIndex of this machine, run by run
    with tempfile.TemporaryDirectory(prefix="stretch-lighthouse-") as tmp:
        ours, default = build(Path(tmp))
        with serve_site(ours) as origin, serve_site(default) as default_origin:
            urls = {name: (origin, path) for name, path in pages(ours).items()}
            urls |= {name: (default_origin, default_path(name)) for name in _THEMES}
            for round_ in range(args.runs):
                for page, (host, path) in urls.items():
                    print(f"run {round_ + 1} of {args.runs}: {page}", flush=True)
                    report = lighthouse(host + path, Path(tmp) / "report.json")
                    runs.setdefault(page, []).append(figures(report))
                    speed.append(report["environment"]["benchmarkIndex"])
                    notes[page] = diagnosis(report, host)
    about = describe(report, args.runs, time.monotonic() - started, (load, speed))
    text = section({page: median(each) for page, each in runs.items()}, notes, about)
    print(text)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmark\n"
    args.out.write_text(with_section(old, text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
