"""Every built page is valid HTML by two validators, and each validator is shown to catch errors.

- html-validate (npm), with the rules .htmlvalidate.cjs keeps;
- the Nu HTML Checker, the W3C's validator (npm's vnu-jar, run with Debian's Java).

Each runs once over the whole site (one Node process, one JVM). A report alone proves nothing:
a validator that crashed, never started or was handed no pages also reports no problems. So
each run's exit code is checked and its report must parse, Nu must list every page it checked,
and a page with known errors must fail in both. A missing validator or Java fails, never skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"
HTML_VALIDATE_CONFIG = ROOT / ".htmlvalidate.cjs"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
NPM_HINT = "run `npm ci` (make test does it)"
JAVA_HINT = (
    "Java is not installed, and the Nu HTML Checker (vnu.jar) needs it: run `make browser` "
    "(scripts/install-test-tools.sh installs Debian's default-jre-headless with apt-get), "
    "or `sudo apt-get install default-jre-headless`"
)
# A run this short spends half its CPU time in the JVM's C2 compiler: C1 alone is enough. C1's
# larger stack frames overflow Nu's schema code in Java's default 1 MB thread stack (1.5 MB do).
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss8m")
# What the Nu checker counts as a failure; "info" messages (warnings among them) do not fail.
NU_FAILURES = {"error", "non-document-error"}

# One known error per line, the same kinds of error this project once had or fixed.
BAD_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><title>Known errors</title></head>
<body>
<input type="checkbox" id="toggle" autocomplete="off">
<label for="missing">A label for a control that does not exist</label>
<p><div>A block inside a paragraph</div></p>
<img src="picture.png">
</body>
</html>
"""


@dataclass(frozen=True)
class Problem:
    page: str
    line: int
    column: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}:{self.column}: {self.rule}: {self.message}"


@dataclass(frozen=True)
class Run:
    """One validator run: its exit code, problems, output, and (for Nu) the files it checked."""

    name: str
    returncode: int
    problems: list[Problem]
    output: str
    checked: frozenset[Path] = frozenset()

    def summary(self) -> str:
        lines = [f"{self.name}: exit code {self.returncode}, {len(self.problems)} problem(s)"]
        lines += [f"  {problem}" for problem in self.problems]
        if self.returncode != 0 and not self.problems:
            lines.append(f"  output: {self.output.strip()[-2000:]}")
        return "\n".join(lines)


def _page_name(path_or_url: str, root: Path) -> str:
    """The page as a path inside the site; html-validate names files, Nu gives file: URLs."""
    if path_or_url.startswith("file:"):
        path_or_url = url2pathname(urlparse(path_or_url).path)
    page = Path(path_or_url).resolve()
    return page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page)


def require_validators() -> str:
    """Java's path, after failing (never skipping) with how to install whatever is missing."""
    java = shutil.which("java")
    missing = [JAVA_HINT] if java is None else []
    if not HTML_VALIDATE.exists():
        missing.append(f"html-validate is not installed: {NPM_HINT}")
    if not VNU_JAR.exists():
        missing.append(f"the Nu HTML Checker is missing at {VNU_JAR}: {NPM_HINT}")
    if missing or java is None:
        pytest.fail("\n".join(missing))
    return java


def html_validate(files: Sequence[Path], root: Path, report: Path) -> Run:
    require_validators()
    # Node may cut a long report written to a pipe when it exits; a report file is written whole.
    command = [
        str(HTML_VALIDATE),
        "--config",
        str(HTML_VALIDATE_CONFIG),
        "--max-warnings=0",
        f"--formatter=json={report}",
        *map(str, files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    output = result.stdout + result.stderr
    try:
        entries = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pytest.fail(
            f"html-validate wrote no JSON report (exit code {result.returncode}): "
            f"{output or '(no output)'}"
        )
    problems = [
        Problem(
            _page_name(entry["filePath"], root),
            message["line"],
            message["column"],
            message["ruleId"],
            message["message"],
        )
        for entry in entries
        for message in entry["messages"]
    ]
    return Run("html-validate", result.returncode, problems, output)


def nu_check(folder: Path) -> Run:
    """The Nu HTML Checker over every HTML file under `folder`, in one JVM."""
    command = [
        require_validators(),
        *JVM_OPTIONS,
        "-jar",
        str(VNU_JAR),
        "--errors-only",
        "--no-langdetect",  # language guesses only ever give warnings, which --errors-only drops
        "--skip-non-html",
        "--verbose",  # lists each file it checks on stdout
        "--format",
        "json",  # the report goes to stderr
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    output = result.stdout + result.stderr
    # The report is the JSON object on stderr; the JVM may print a notice before it.
    try:
        report, _ = json.JSONDecoder().raw_decode(result.stderr, result.stderr.index('{"'))
        messages = report["messages"]
    except (ValueError, KeyError):
        pytest.fail(
            f"the Nu checker wrote no JSON report (exit code {result.returncode}): "
            f"{output or '(no output)'}"
        )
    problems = [
        Problem(
            _page_name(message.get("url", "?"), folder),
            message.get("lastLine", 0),
            message.get("firstColumn", message.get("lastColumn", 0)),
            message["type"],
            message["message"],
        )
        for message in messages
        if message["type"] in NU_FAILURES
    ]
    checked = frozenset(
        Path(line).resolve() for line in result.stdout.splitlines() if line.endswith(".html")
    )
    return Run("Nu HTML Checker", result.returncode, problems, output, checked)


def test_every_page_passes_both_validators(built_site: Path, tmp_path: Path) -> None:
    require_validators()
    site = built_site.resolve()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, f"the built site has only {len(pages)} pages: {pages}"
    with ThreadPoolExecutor(max_workers=1) as pool:  # the JVM runs while html-validate does
        nu_run = pool.submit(nu_check, site)
        runs = [html_validate(pages, site, tmp_path / "html-validate.json"), nu_run.result()]
    failed = [run.summary() for run in runs if run.returncode != 0 or run.problems]
    assert not failed, "\n\n".join(failed)
    unchecked = sorted(map(str, set(pages) - runs[1].checked))
    assert not unchecked, f"the Nu checker did not check {unchecked}:\n{runs[1].output}"


def test_each_validator_fails_a_page_with_known_errors(tmp_path: Path) -> None:
    require_validators()
    folder = tmp_path.resolve() / "site"
    folder.mkdir()
    page = folder / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")

    html_validate_run = html_validate([page], folder, tmp_path / "html-validate.json")
    assert html_validate_run.returncode != 0, html_validate_run.summary()
    found = {(problem.page, problem.line, problem.rule) for problem in html_validate_run.problems}
    assert {
        ("bad.html", 5, "valid-autocomplete"),
        ("bad.html", 6, "no-missing-references"),
        ("bad.html", 7, "close-order"),
        ("bad.html", 8, "wcag/h37"),
    } <= found, html_validate_run.summary()

    nu_run = nu_check(folder)
    assert nu_run.returncode != 0, nu_run.summary()
    assert nu_run.checked == {page}, nu_run.output
    for line, words in [
        (5, "Attribute “autocomplete” is only allowed"),
        (6, "“for” attribute of the “label” element must be the ID of a non-hidden"),
        (7, "No “p” element in scope"),
        (8, "An “img” element must have an “alt” attribute"),
    ]:
        assert any(
            (problem.page, problem.line, problem.rule) == ("bad.html", line, "error")
            and words in problem.message
            for problem in nu_run.problems
        ), f"line {line}: {words!r} not reported\n{nu_run.summary()}"
