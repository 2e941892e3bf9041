"""Every built page is valid HTML by html-validate (npm), with the rules .htmlvalidate.cjs keeps."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build
VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"


def validate(files: list[Path], report_file: Path) -> list[str]:
    if not VALIDATOR.exists():
        pytest.fail("html-validate is not installed: run `npm ci` (make test does it)")
    # Node may cut a large report written to a pipe when it exits; a file is written in full.
    command = [
        str(VALIDATOR),
        "--config",
        str(ROOT / ".htmlvalidate.cjs"),
        "--formatter",
        "json",
        *map(str, files),
    ]
    with report_file.open("w") as out:
        subprocess.run(command, stdout=out, check=False, timeout=300)
    report = json.loads(report_file.read_text() or "[]")
    return [
        f"{Path(entry['filePath']).name}:{message['line']}: {message['ruleId']}: "
        f"{message['message']}"
        for entry in report
        for message in entry["messages"]
    ]


def test_every_page_is_valid_html(built_site: Path, tmp_path: Path) -> None:
    assert validate(sorted(built_site.rglob("*.html")), tmp_path / "report.json") == []


def test_the_validator_catches_invalid_markup(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><p><div>block in paragraph</div></p><img src=a.png></body></html>"
    )
    problems = validate([page], tmp_path / "report.json")
    assert any("wcag/h37" in p for p in problems), problems  # image without alt text
