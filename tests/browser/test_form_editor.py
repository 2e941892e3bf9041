"""The form editor at /admin/ (Decap CMS), driven in Chromium against its local backend
(decap-server from the npm registry) on a throwaway git copy of the project: what a
physiotherapist who has never used git does, and what the pull request then holds."""

from __future__ import annotations

import difflib
import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route
from ruamel.yaml import YAML

from conftest import ROOT, copy_project, run_module
from stretchsite.content.model import Stretch

from .conftest import axe_violations

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
STRETCH = "content/stretches/hamstring-stretch.yml"
BRANCH = "cms/stretches/hamstring-stretch"  # Decap's branch (its pull request) for this entry
ENTRY = "#/collections/stretches/entries/hamstring-stretch"
NEW_STEP = "Slowly straighten your right leg up towards the ceiling, as far as is comfortable."
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git copy of the project on `main`, as the clinic's repository."""
    (tmp_path / "repo").mkdir()
    repo = copy_project(tmp_path / "repo")
    (repo / "node_modules").unlink()  # a link into this project, not the clinic's content
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "start"], cwd=repo, check=True)
    return repo


@pytest.fixture
def backend(repository: Path) -> Iterator[str]:
    """decap-server in git mode: every save in the form's editorial workflow is a branch."""
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "MODE": "git", "GIT_REPO_DIRECTORY": str(repository)}
    env["BIND_HOST"] = "127.0.0.1"
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("decap-server did not start")
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture
def editor(browser: Browser, site_url: str, backend: str) -> Iterator[Page]:
    """The built site's /admin/, its config pointed at this test's backend, signed in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    page.problems = []  # type: ignore[attr-defined]

    def local_config(route: Route) -> None:
        config = json.loads(route.fetch().text())
        config["local_backend"] = {"url": backend}
        route.fulfill(body=json.dumps(config), content_type="text/yaml")

    def console(message: object) -> None:
        if getattr(message, "type", "") == "error":
            page.problems.append(getattr(message, "text", ""))  # type: ignore[attr-defined]

    page.on("console", console)
    page.on("pageerror", lambda error: page.problems.append(str(error)))  # type: ignore[attr-defined]
    page.route("**/admin/config.yml", local_config)
    page.goto(f"{site_url}/admin/")
    yield page
    context.close()


def _sign_in(page: Page) -> None:
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Knee to chest stretch").wait_for()


def _open_stretch(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/admin/{ENTRY}")
    page.get_by_label("Hold (seconds)").wait_for()


def _show(repository: Path, version: str) -> str | None:
    shown = subprocess.run(["git", "show", version], cwd=repository, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def _saved(repository: Path, path: str, wait: float = 0, branch: str = BRANCH) -> str | None:
    """The file as the form's branch holds it once a change has been committed there (None:
    nothing saved). decap-server makes the branch first, then commits to it."""
    deadline = time.monotonic() + wait
    while True:
        saved = _show(repository, f"{branch}:{path}")
        if saved not in (None, _show(repository, f"main:{path}")):
            return saved
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def _worktree(repository: Path, branch: str) -> Path:
    """The branch's files in a folder of their own: decap-server switches branches in the
    repository's own folder while it works. Detached, because git refuses to check out a
    branch that decap-server may have checked out at that moment."""
    folder = repository.parent / branch.replace("/", "-")
    subprocess.run(
        ["git", "worktree", "add", "-q", "--detach", str(folder), branch],
        cwd=repository,
        check=True,
    )
    return folder


def test_the_editor_loads_with_no_console_errors_and_no_axe_violations(
    editor: Page, site_url: str
) -> None:
    editor.get_by_role("button", name="Login").wait_for()
    assert axe_violations(editor) == []
    _sign_in(editor)
    assert axe_violations(editor) == []
    assert editor.problems == []  # type: ignore[attr-defined]
    # No Media library: an upload would go straight to the main branch, with no review.
    assert editor.get_by_role("button", name="Media").count() == 0
    assert editor.evaluate("document.querySelector('meta[name=robots]').content") == (
        "noindex, nofollow"
    )


def test_a_form_shows_the_patient_page_with_its_warning_first(editor: Page, site_url: str) -> None:
    _sign_in(editor)
    _open_stretch(editor, site_url)
    assert axe_violations(editor) == []
    # A step's top bar: a screen reader hears which button hides it and which removes it.
    step_bar = editor.locator("[aria-describedby^=DndDescribedBy]").nth(1).locator("..")
    names = [b.get_attribute("aria-label") for b in step_bar.locator("button").all()]
    assert names == ["Show or hide this item", "Remove this item"]
    preview = editor.frame_locator("#preview-pane")
    texts = preview.locator("h1, .admonition-title, h2").all_inner_texts()
    assert texts[:3] == ["Back of thigh stretch (hamstring)", "When to stop", "Steps"]
    editor.get_by_label("Hold (seconds)").fill("45")
    preview.get_by_text("Hold: 45 seconds").wait_for()  # the preview follows the form


def test_a_saved_hold_and_step_change_only_those_lines_and_pass_the_check(
    editor: Page, site_url: str, repository: Path
) -> None:
    _sign_in(editor)
    _open_stretch(editor, site_url)
    editor.get_by_label("Hold (seconds)").fill("45")
    step = editor.locator("textarea").filter(has_text="Slowly straighten your right leg")
    step.fill(NEW_STEP)
    editor.get_by_role("button", name="Save").click()
    after = _saved(repository, STRETCH, wait=15)
    before = _show(repository, f"main:{STRETCH}")
    assert before is not None
    assert after is not None, "the form opened no branch (pull request) for the change"
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-  - Slowly straighten your right leg up towards the ceiling.",
        "+  - Slowly straighten your right leg up towards the ceiling, as far as is",
        "+    comfortable.",
        "-hold_seconds: 30",
        "+hold_seconds: 45",
    ]
    data = YAML(typ="safe").load(after)
    assert data["hold_seconds"] == 45 and data["steps"][2] == NEW_STEP

    pull_request = _worktree(repository, BRANCH)
    assert "hold_seconds: 45\n" in (pull_request / STRETCH).read_text("utf-8")
    checked = run_module("stretchsite", "check", cwd=pull_request)
    assert checked.returncode == 0, checked.stdout
    # Opening an entry asks the backend for an unsaved draft first: 404 means "none yet".
    problems = [p for p in editor.problems if "404" not in p]  # type: ignore[attr-defined]
    assert problems == []


def test_a_hold_of_0_is_refused_in_the_form_with_the_check_s_range(
    editor: Page, site_url: str, repository: Path
) -> None:
    _sign_in(editor)
    _open_stretch(editor, site_url)
    editor.get_by_label("Hold (seconds)").fill("0")
    editor.get_by_role("button", name="Save").click()
    # The form's range is the model's, the one the check applies ("must be at least 1").
    bounds = {type(rule).__name__: rule for rule in Stretch.model_fields["hold_seconds"].metadata}
    error = editor.get_by_text(f"must be between {bounds['Ge'].ge} and {bounds['Le'].le}")
    error.wait_for()
    assert "hold (seconds)" in error.inner_text().lower()
    assert _saved(repository, STRETCH, wait=2) is None, "a refused value was saved"


def test_a_routine_s_own_dose_emptied_in_the_form_means_the_stretch_s_own(
    editor: Page, site_url: str, repository: Path
) -> None:
    """An emptied field is saved as no value, never as "" (which the check refuses)."""
    routine = "content/routines/four-stretches-for-lower-back-pain.yml"
    _sign_in(editor)
    editor.goto(
        f"{site_url}/admin/#/collections/routines/entries/four-stretches-for-lower-back-pain"
    )
    hold, note = editor.get_by_label("Hold (seconds)").first, editor.get_by_label("Note").first
    hold.fill("45")
    note.fill("Use a chair.")
    for field in (hold, note):  # emptied as a person would: select all, delete
        field.press("Control+a")
        field.press("Backspace")
    editor.get_by_label("Note").nth(1).fill("Go slowly.")
    editor.get_by_role("button", name="Save").click()
    branch = "cms/routines/four-stretches-for-lower-back-pain"
    saved = _saved(repository, routine, wait=15, branch=branch)
    assert saved is not None
    items = YAML(typ="safe").load(saved)["stretches"]
    assert items[1]["note"] == "Go slowly."
    assert items[0].get("hold_seconds") is None and items[0].get("note") is None, items[0]
    checked = run_module("stretchsite", "check", cwd=_worktree(repository, branch))
    assert checked.returncode == 0, checked.stdout
