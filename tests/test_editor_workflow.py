"""The editors' pull-request workflow: new stretches, schemas, the extra checks, CI files."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, run_check
from stretchsite.commands.new import write_new_stretch
from stretchsite.commands.schemas import expected_files
from stretchsite.content.library import inspect_library
from stretchsite.content.model import BodyArea
from stretchsite.content.yamlsource import read_yaml

TODAY = dt.date(2026, 11, 24)


def test_new_stretch_is_refused_until_every_todo_is_written(
    fixture_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = write_new_stretch(fixture_project, "Cat stretch", BodyArea.LOWER_BACK, TODAY)
    assert target == fixture_project / "content" / "stretches" / "cat-stretch.yml"
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert code == 1
    todo = [line for line in lines if "still says TODO" in line]
    written = target.read_text().splitlines()
    summary = next(n for n, line in enumerate(written, 1) if line.startswith("summary: TODO "))
    assert (
        f"content/stretches/cat-stretch.yml:{summary}: summary: still says TODO: "
        "write the real text" in todo
    )
    assert len(todo) == 16

    filled = target.read_text().replace("https://TODO.example", "https://www.nhs.uk/")
    filled = filled.replace("TODO ", "").replace("TODO", "")
    target.write_text(filled)
    (fixture_project / "content" / "illustrations").mkdir(exist_ok=True)
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert [line for line in lines if "cat-stretch" in line and "warning" not in line] == []


def test_new_stretch_never_overwrites(fixture_project: Path) -> None:
    with pytest.raises(FileExistsError, match=r"knee-to-chest\.yml already exists"):
        write_new_stretch(fixture_project, "Knee to chest", BodyArea.LOWER_BACK, TODAY)


def test_committed_json_schemas_match_the_model() -> None:
    for file_name, text in expected_files().items():
        committed = ROOT / "schemas" / file_name
        assert committed.read_text() == text, f"run `make schemas`: {file_name} is out of date"


@pytest.mark.parametrize("kind", ["stretches", "routines"])
def test_real_content_validates_against_the_json_schema(kind: str) -> None:
    schema = json.loads(
        (
            ROOT / "schemas" / f"{kind[:-2] if kind == 'stretches' else kind[:-1]}.schema.json"
        ).read_text()
    )
    for file in sorted((ROOT / "content" / kind).glob("*.yml")):
        document, problems = read_yaml(file, file.name)
        assert document is not None and problems == []
        data = json.loads(json.dumps(document.data, default=str))
        jsonschema.validate(data, schema)


def test_json_schema_underlines_a_typical_mistake() -> None:
    schema = json.loads((ROOT / "schemas" / "stretch.schema.json").read_text())
    document, _ = read_yaml(ROOT / "content" / "stretches" / "knee-to-chest.yml", "x")
    assert document is not None
    data = json.loads(json.dumps(document.data, default=str))
    data["hold_secs"] = 30
    with pytest.raises(jsonschema.ValidationError, match="hold_secs"):
        jsonschema.validate(data, schema)


def test_hard_to_read_page_is_named_with_its_scores(
    fixture_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = fixture_project / "content" / "stretches" / "hip-stretch.yml"
    hard = (
        "  The musculoskeletal architecture surrounding the lumbosacral articulation "
        "necessitates comprehensive, individualised, evidence-informed rehabilitative "
        "interventions emphasising progressive neuromuscular flexibility optimisation."
    )
    text = file.read_text().replace("why_it_helps: >-\n", "why_it_helps: >-\n" + hard * 8 + "\n", 1)
    file.write_text(text)
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert code == 1
    hard_lines = [line for line in lines if "too hard to read" in line]
    assert len(hard_lines) == 1
    # On the line of the page's hardest sentence: on a pull request, beside the words added.
    added = text.splitlines().index(hard * 8) + 1
    assert hard_lines[0].startswith(
        f"content/stretches/hip-stretch.yml:{added}: page stretches/hip-stretch.md is too hard "
        "to read (Flesch-Kincaid grade "
    )
    assert re.search(
        r'its hardest sentence \(grade \d+\): "The musculoskeletal architecture surrounding '
        r'the lumbosacral articulation nec\.\.\."$',
        hard_lines[0],
    ), hard_lines[0]


def test_misspelling_is_reported_with_its_line(
    fixture_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = fixture_project / "content" / "tips.yml"
    file.write_text(file.read_text().replace("Read them before", "Read them untill"))
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert code == 1
    assert (
        "content/tips.yml:4: spelling: untill ==> until (add real words to "
        ".codespell-words.txt)" in lines
    )


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("<script>alert(1)</script>", "scripts are not allowed in pages"),
        ('<img src="x.png" onerror="steal()">', "inline event handlers (on...=) are not allowed"),
        (
            "[click](javascript:alert(1))",
            "links must start with https://, http://, mailto: or tel:, or point to this site",
        ),
    ],
)
def test_unsafe_markdown_in_docs_is_refused(
    fixture_project: Path, capsys: pytest.CaptureFixture[str], line: str, rule: str
) -> None:
    page = fixture_project / "docs" / "about.md"
    lines_before = page.read_text().count("\n")
    page.write_text(page.read_text() + line + "\n")
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert code == 1
    assert f"docs/about.md:{lines_before + 1}: {rule}" in lines


def test_a_bad_pull_request_is_rejected_with_every_message(
    fixture_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-made bad edit, as an editor might push it: three typical mistakes at once."""
    file = fixture_project / "content" / "stretches" / "knee-to-chest.yml"
    text = file.read_text()
    text = text.replace("hold_seconds: 30", "hold_seconds: 0:30")
    text = text.replace("  - Do not bounce.", "  - Never bounce.")
    text = text.replace("  - hamstring-stretch\n", "  - hamstrings\n")
    file.write_text(text)
    code, lines = run_check(fixture_project, capsys, TODAY)
    assert code == 1
    errors = [line for line in lines if ": warning:" not in line]
    assert errors == [
        'content/stretches/knee-to-chest.yml:19: hold_seconds: "0:30" looks like minutes and '
        "seconds; write the number of seconds, like 90",
        'content/stretches/knee-to-chest.yml:37: dont[2]: every line in "dont" must start with '
        '"Do not"',
        'content/stretches/knee-to-chest.yml:41: related[2]: no stretch called "hamstrings" '
        "(known: hamstring-stretch, hip-stretch, knee-to-chest, piriformis-stretch)",
        "Content check failed: 3 error(s), 0 warning(s).",
    ]


def test_workflows_are_valid_github_actions() -> None:
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *workflows,
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_workflow_checks_tests_builds_and_uploads_a_preview() -> None:
    text = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text()
    for step in ("make check", "make test", "make build", "actions/upload-artifact"):
        assert step in text


def test_fixture_and_real_content_agree_on_schema() -> None:
    library, problems = inspect_library(ROOT)
    assert library is not None
    assert [p for p in problems if p.severity == "error"] == []
