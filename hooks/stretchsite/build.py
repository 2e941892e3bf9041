"""One build's content: read, checked and rendered at once, in memory, before anything is written.

The MkDocs hooks, the check command, the export and the address registry all start here, so
every one of them sees the same pages and the same problems. Nothing is rendered from content
that has an error: `pages` is empty then, and the build stops before MkDocs touches its output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs.utils import is_markdown_file

from stretchsite.checks.addresses import AddressPlan, page_path, plan_addresses
from stretchsite.checks.markdown_safety import unsafe_lines
from stretchsite.checks.reviews import review_problems
from stretchsite.config import SiteSettings, read_settings
from stretchsite.content.library import Library, inspect_library
from stretchsite.content.problems import Problem, errors_only
from stretchsite.pages.catalogue import catalogue_json
from stretchsite.pages.qrcode import QR_PLACEHOLDER, qr_code_svg
from stretchsite.pages.render import PagePlan, Renderer, plan_pages
from stretchsite.pages.snippets import SnippetError, insert_snippets


@dataclass(frozen=True)
class GeneratedPage:
    plan: PagePlan
    markdown: str
    structured_data: str | None  # JSON-LD for stretch and routine pages
    qr_code: str | None  # the QR code of the address the page prints, if it prints one


@dataclass
class ContentBuild:
    """Everything the site needs from content/, or the problems that stop it."""

    problems: list[Problem]
    library: Library | None = None
    renderer: Renderer | None = None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # by src_uri
    snippets: dict[str, str] = field(default_factory=dict)  # safety blocks for docs/ pages
    docs_dir: Path = Path("docs")
    docs: dict[str, str] = field(default_factory=dict)  # hand-written pages, blocks filled in
    shown_docs: dict[str, str] = field(default_factory=dict)  # their paths, like docs/about.md
    live: set[str] = field(default_factory=set)  # every page's address, like /tips/
    site_notice: str = ""
    catalogue: str = ""  # the routine builder's stretch library, JSON
    addresses: AddressPlan | None = None

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)

    def stretches_on(self, src_uri: str) -> list[str]:
        """The stretches a generated page shows, by slug: a stretch page its own, a routine each
        of its stretches; none for other pages."""
        generated = self.pages.get(src_uri)
        if generated is None or generated.plan.slug is None or self.library is None:
            return []
        kind, slug = generated.plan.kind.name, generated.plan.slug
        if kind == "stretches":
            return [slug]
        if kind == "routines":
            return [item.stretch for item in self.library.routines[slug].stretches]
        return []

    def theme_extra(self) -> dict[str, object]:
        """What the theme's templates (overrides/main.html) read from `extra` in mkdocs.yml."""
        assert self.renderer is not None
        t = self.renderer.strings
        return {
            "site_notice": self.site_notice,
            "theme_strings": {"notice_label": t.site_notice_label, "get_help": t.get_help_heading},
            "browser_strings": t.browser,
        }


def _generate(renderer: Renderer, plan: PagePlan) -> GeneratedPage:
    markdown = renderer.render(plan)
    qr_code = None
    if QR_PLACEHOLDER in markdown:
        qr_code = qr_code_svg(renderer.address(plan.address), renderer.strings)
    return GeneratedPage(plan, markdown, renderer.structured_data(plan), qr_code)


def _read_docs(settings: SiteSettings) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """Hand-written pages as written and the path an editor sees, by src_uri; and every line
    that could carry script or a file that is not text."""
    pages: dict[str, str] = {}
    shown: dict[str, str] = {}
    problems: list[Problem] = []
    folder = settings.docs_dir
    prefix = folder.relative_to(settings.root) if folder.is_relative_to(settings.root) else folder
    for file in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not (file.is_file() and is_markdown_file(file.name)):
            continue
        src_uri = file.relative_to(folder).as_posix()
        shown[src_uri] = f"{prefix.as_posix()}/{src_uri}"
        try:
            pages[src_uri] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(
                Problem(shown[src_uri], 1, "", "file is not UTF-8 text; save it as UTF-8")
            )
            continue
        problems += [
            Problem(shown[src_uri], n, "", rule) for n, rule in unsafe_lines(pages[src_uri])
        ]
    return pages, shown, problems


def _with_snippets(
    pages: dict[str, str], shown: dict[str, str], snippets: dict[str, str]
) -> tuple[dict[str, str], list[Problem]]:
    """Hand-written pages with their safety blocks filled in."""
    filled: dict[str, str] = {}
    problems: list[Problem] = []
    for src_uri, text in pages.items():
        try:
            filled[src_uri] = insert_snippets(text, snippets)
        except SnippetError as error:
            problems.append(Problem(shown[src_uri], error.line, "", error.rule))
    return filled, problems


def build_content(settings: SiteSettings, today: dt.date) -> ContentBuild:
    """Read and check every content file, then render every page; stop at the first error."""
    library, problems = inspect_library(settings.root)
    written, shown, docs_problems = _read_docs(settings)
    problems += docs_problems
    if library is not None:
        problems += review_problems(library, today)
    if library is None or errors_only(problems):
        return ContentBuild(sorted(problems))
    renderer = Renderer(library, settings.contacts, settings.site_url)
    plans = plan_pages(library)
    snippets = dict(renderer.snippets())
    docs, snippet_problems = _with_snippets(written, shown, snippets)
    problems += snippet_problems
    for plan in plans:
        if plan.src_uri in docs:
            rule = f"this page is generated from {plan.edit_path}; remove the file"
            problems.append(Problem(shown[plan.src_uri], 1, "", rule))
    markdown_names = [str(PurePosixPath(uri).with_suffix(".md")) for uri in docs]
    live = {page_path(uri) for uri in [*markdown_names, *(plan.src_uri for plan in plans)]}
    addresses = plan_addresses(settings.root, live, settings.site_url)
    problems += addresses.problems
    if errors_only(problems):
        return ContentBuild(sorted(problems))
    pages = {plan.src_uri: _generate(renderer, plan) for plan in plans}
    return ContentBuild(
        sorted(problems),
        library=library,
        renderer=renderer,
        pages=pages,
        snippets=snippets,
        docs_dir=settings.docs_dir,
        docs=docs,
        shown_docs=shown,
        live=live,
        site_notice=renderer.site_notice(),
        catalogue=catalogue_json(library, settings.contacts.help_numbers),
        addresses=addresses,
    )


def content_build(root: Path, today: dt.date) -> tuple[ContentBuild | None, list[Problem]]:
    """The build's content as `mkdocs build` makes it, or the problems with mkdocs.yml."""
    settings, problems = read_settings(root)
    if settings is None:
        return None, problems
    content = build_content(settings, today)
    return content, content.problems
