"""Addresses that never break: a committed registry of published URLs, and redirects.

Every address ever published is listed in `content/published-urls.txt`. A build in which one of
them would disappear fails, unless `content/redirects.yml` sends it to a live page. Redirect
pages are plain HTML (a meta refresh and a link), so they work without JavaScript, and are kept
out of search and the sitemap.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Annotated

from pydantic import Field

from stretchsite.content.messages import validate
from stretchsite.content.model import Closed
from stretchsite.content.problems import Problem
from stretchsite.content.yamlsource import Document, read_yaml
from stretchsite.languages import ENGLISH, site_languages
from stretchsite.pages.strings import Strings, strings

REGISTRY = "content/published-urls.txt"
REDIRECTS = "content/redirects.yml"
PagePath = Annotated[str, Field(pattern=r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*$", max_length=200)]
_HEADER = (
    "# Every address this site has published. Do not remove lines: a page that moves or is\n"
    "# retired needs a redirect in content/redirects.yml. `make urls` adds new pages.\n"
)


class Redirects(Closed):
    redirects: dict[PagePath, PagePath] = Field(default_factory=dict)


@dataclass
class AddressBook:
    recorded: dict[str, int] = field(default_factory=dict)  # path -> line in the registry
    redirects: dict[str, str] = field(default_factory=dict)
    document: Document | None = None


def page_path(src_uri: str) -> str:
    """The address of a Markdown page: about.md -> /about/, stretches/index.md -> /stretches/."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    return f"/{stem}/"


def read_address_book(root: Path) -> tuple[AddressBook, list[Problem]]:
    book = AddressBook()
    problems: list[Problem] = []
    registry = root / REGISTRY
    if registry.is_file():
        try:
            lines = registry.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            lines = []
            problems.append(Problem(REGISTRY, 1, "", "file is not UTF-8 text; save it as UTF-8"))
        for number, line in enumerate(lines, 1):
            entry = line.strip()
            if entry and not entry.startswith("#"):
                book.recorded[entry] = number
    redirects = root / REDIRECTS
    if redirects.is_file():
        document, unreadable = read_yaml(redirects, REDIRECTS)
        problems += unreadable
        if document is not None:
            book.document = document
            valid, found = validate(Redirects, document)
            problems += found
            if isinstance(valid, Redirects):
                book.redirects = dict(valid.redirects)
    return book, problems


def address_problems(book: AddressBook, live: Iterable[str]) -> list[Problem]:
    """Recorded addresses that would disappear, and redirects that lead nowhere."""
    live = set(live)
    problems = []
    for path, number in sorted(book.recorded.items()):
        if path not in live and path not in book.redirects:
            rule = (
                f"{path} was published and would disappear; add a redirect for it in "
                f"{REDIRECTS} (old address: new address)"
            )
            problems.append(Problem(REGISTRY, number, "", rule))
    for source, target in sorted(book.redirects.items()):
        line = book.document.line_of(("redirects", source)) if book.document else 1
        where = f"redirects.{source}"
        if source in live:
            problems.append(
                Problem(REDIRECTS, line, where, "this address is a live page; remove the redirect")
            )
        if target not in live:
            problems.append(
                Problem(
                    REDIRECTS,
                    line,
                    where,
                    f"redirects to {target}, which is not a page on this site",
                )
            )
    return problems


def unrecorded(book: AddressBook, live: Iterable[str]) -> list[str]:
    return sorted(set(live) - set(book.recorded))


def registry_text(paths: Iterable[str]) -> str:
    return _HEADER + "".join(f"{path}\n" for path in sorted(set(paths)))


def redirect_page(source: str, target: str, site_url: str, t: Strings | None = None) -> str:
    """A redirect that works without JavaScript and asks search engines not to index it."""
    t = t or strings()
    relative = posixpath.relpath(target, source).rstrip("/") + "/"
    relative = "./" if relative == "./" else relative
    absolute = escape(site_url.rstrip("/") + target)
    link = escape(relative)
    moved_to = escape(t.page_moved_to).format(link=f'<a href="{link}">{absolute}</a>')
    return (
        f'<!doctype html>\n<html lang="{escape(t.language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(t.page_moved)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{absolute}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        "</head>\n<body>\n"
        f"<p>{moved_to}</p>\n"
        "</body>\n</html>\n"
    )


@dataclass(frozen=True)
class AddressPlan:
    """What a build must do about addresses: fail, note new pages, write redirect pages."""

    problems: list[Problem]
    new_addresses: list[str]
    redirect_pages: dict[str, str]  # output path (like stretches/old/index.html) -> HTML


def plan_addresses(
    root: Path, live: Iterable[str], site_url: str, language: str = ENGLISH
) -> AddressPlan:
    """The addresses of one language's build (English: every address not under another
    language's folder; Spanish: those under /es/). `live` and the registry hold whole paths;
    redirect pages are written relative to the language's own folder, as its build writes.
    Each English redirect holds in every language (/stretches/a/: /stretches/b/ sends
    /es/stretches/a/ to /es/stretches/b/ too)."""
    live = set(live)
    book, problems = read_address_book(root)
    prefix = "" if language == ENGLISH else f"/{language}"
    others = {f"/{other.prefix}" for other in site_languages(root) if other.prefix} - {f"{prefix}/"}

    def ours(path: str) -> bool:
        return path.startswith(f"{prefix}/") and not any(path.startswith(o) for o in others)

    redirects = {source: target for source, target in book.redirects.items() if ours(source)}
    if prefix:  # an English page that moved moved in every language
        english = [f"/{other.prefix}" for other in site_languages(root) if other.prefix]
        redirects = {
            f"{prefix}{source}": f"{prefix}{target}"
            for source, target in book.redirects.items()
            if not any(source.startswith(folder) for folder in english)
        } | redirects
    scoped = AddressBook(
        {path: line for path, line in book.recorded.items() if ours(path)}, redirects, book.document
    )
    problems += address_problems(scoped, live)
    root_url = site_url.removesuffix(f"{prefix}/").rstrip("/") + "/"
    t = strings(language)
    pages = {
        f"{source.removeprefix(prefix).strip('/')}/index.html": redirect_page(
            source, target, root_url, t
        )
        for source, target in scoped.redirects.items()
    }
    return AddressPlan(problems, unrecorded(scoped, live), pages)
