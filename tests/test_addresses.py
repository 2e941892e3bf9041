"""Links that never break: the registry of published addresses and the redirect rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, patient_html, run_build
from stretchsite.checks.addresses import (
    AddressBook,
    address_problems,
    page_path,
    read_address_book,
    redirect_page,
)


@pytest.mark.parametrize(
    ("src_uri", "path"),
    [
        ("index.md", "/"),
        ("about.md", "/about/"),
        ("stretches/index.md", "/stretches/"),
        ("stretches/knee-to-chest.md", "/stretches/knee-to-chest/"),
    ],
)
def test_page_addresses_are_short_and_lowercase(src_uri: str, path: str) -> None:
    assert page_path(src_uri) == path


def test_a_recorded_address_may_not_disappear() -> None:
    book = AddressBook(recorded={"/stretches/old/": 7, "/": 5})
    problems = [str(p) for p in address_problems(book, {"/"})]
    assert problems == [
        "content/published-urls.txt:7: /stretches/old/ was published and would disappear; add "
        "a redirect for it in content/redirects.yml (old address: new address)"
    ]


def test_a_redirect_keeps_a_recorded_address_alive() -> None:
    book = AddressBook(
        recorded={"/stretches/old/": 7}, redirects={"/stretches/old/": "/stretches/new/"}
    )
    assert address_problems(book, {"/stretches/new/"}) == []


def test_redirects_must_lead_to_a_live_page_and_not_hide_one() -> None:
    book = AddressBook(redirects={"/stretches/a/": "/stretches/gone/", "/tips/": "/"})
    problems = [p.rule for p in address_problems(book, {"/tips/", "/"})]
    assert problems == [
        "redirects to /stretches/gone/, which is not a page on this site",
        "this address is a live page; remove the redirect",
    ]


def test_redirect_page_works_without_javascript_and_is_not_indexed() -> None:
    html = redirect_page("/stretches/old/", "/stretches/new/", "https://site.example/")
    assert '<meta http-equiv="refresh" content="0; url=../new/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical" href="https://site.example/stretches/new/">' in html
    assert '<a href="../new/">' in html
    assert "<script" not in html


def test_bad_redirect_file_is_reported_with_its_line(project_copy: Path) -> None:
    (project_copy / "content" / "redirects.yml").write_text(
        "redirects:\n  /Stretches/Old Name/: /stretches/knee-to-chest/\n"
    )
    _, problems = read_address_book(project_copy)
    assert [str(p) for p in problems] == [
        "content/redirects.yml:2: redirects./Stretches/Old Name/.[key]: must be lowercase words "
        "joined by hyphens, like knee-to-chest (found '/Stretches/Old Name/')"
    ]


def test_the_registry_records_every_page_of_the_real_site(built_site: Path) -> None:
    book, _ = read_address_book(ROOT)
    pages = {
        "/" + html.parent.relative_to(built_site).as_posix().strip(".") + "/"
        for html in patient_html(built_site)
        if 'http-equiv="refresh"' not in html.read_text()
    }
    pages = {re.sub("^//$", "/", page) for page in pages}
    assert pages - set(book.recorded) == set(), "run `make urls` and commit the registry"


@pytest.mark.build
def test_renamed_stretch_needs_a_redirect(project_copy: Path, tmp_path: Path) -> None:
    stretches = project_copy / "content" / "stretches"
    (stretches / "hip-stretch.yml").rename(stretches / "standing-hip-stretch.yml")
    for file in [*stretches.glob("*.yml"), *(project_copy / "content" / "routines").glob("*")]:
        file.write_text(re.sub(r"\bhip-stretch\b", "standing-hip-stretch", file.read_text()))
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(
        r"content/published-urls\.txt:\d+: /stretches/hip-stretch/ was published "
        r"and would disappear; add a redirect",
        result.stderr,
    )
    assert "Traceback" not in result.stderr

    (project_copy / "content" / "redirects.yml").write_text(
        "redirects:\n  /stretches/hip-stretch/: /stretches/standing-hip-stretch/\n"
    )
    site = tmp_path / "site2"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    moved = (site / "stretches" / "hip-stretch" / "index.html").read_text()
    assert 'content="0; url=../standing-hip-stretch/"' in moved
    assert "stretches/hip-stretch/<" not in (site / "sitemap.xml").read_text()
    assert (
        '"location":"stretches/hip-stretch/'
        not in (site / "search" / "search_index.json").read_text()
    )
