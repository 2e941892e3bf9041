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
from stretchsite.kinds import KIND
from stretchsite.languages import ENGLISH, site_languages, translation_folders, translation_of
from stretchsite.pages.app_manifest import SOURCE as APP_ICON
from stretchsite.pages.app_manifest import icon_problems
from stretchsite.pages.catalogue import catalogue_json
from stretchsite.pages.gallery import GALLERY_PAGE, gallery_markdown
from stretchsite.pages.qrcode import QR_PLACEHOLDER, qr_code_svg
from stretchsite.pages.render import PagePlan, Renderer, plan_pages
from stretchsite.pages.snippets import SnippetError, insert_snippets
from stretchsite.pages.strings import Strings


@dataclass(frozen=True)
class GeneratedPage:
    plan: PagePlan
    markdown: str
    structured_data: str | None  # JSON-LD for stretch and routine pages
    qr_code: str | None  # the QR code of the address the page prints, if it prints one
    untranslated: bool = False  # says it is not yet in this language, and links to English


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
    live: set[str] = field(default_factory=set)  # every page's address, like /tips/ or /es/tips/
    site_notice: str = ""
    catalogue: str = ""  # the routine builder's stretch library, JSON
    addresses: AddressPlan | None = None
    translation_notice: str = ""  # on every page of a translation no qualified translator checked
    site_url: str = ""  # the address it was built for (a language's, like .../es/)

    def picture_files(self) -> dict[str, str]:
        """Every stretch picture the site publishes, by path (assets/illustrations/...)."""
        assert self.renderer is not None
        return {
            picture.file: picture.svg
            for found in self.renderer.pictures.values()
            for picture in found.pictures
        }

    def gallery(self) -> str:
        """The editors' page of every stretch's pictures."""
        assert self.library is not None and self.renderer is not None
        return gallery_markdown(self.library, self.renderer.pictures)

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
        if kind == "routines" and slug in self.library.routines:  # not a page left in English
            return [item.stretch for item in self.library.routines[slug].stretches]
        return []

    def theme_extra(self) -> dict[str, object]:
        """What the theme's templates (overrides/main.html) read from `extra` in mkdocs.yml."""
        assert self.renderer is not None
        t = self.renderer.strings
        return {
            "site_notice": self.site_notice,
            "translation_notice": self.translation_notice,
            "theme_strings": {
                "notice_label": t.site_notice_label,
                "get_help": t.get_help_heading,
                "og_locale": t.og_locale,
                "translation_stale": t.translation_stale,
                "read_in_english": t.read_in_english,
                "preview_notice": t.preview_notice,
                "not_found": t.not_found,
            },
            "browser_strings": t.browser,  # each page's own set: hooks/stretch_hooks.py
            "installable": True,  # the manifest and its icons (pages/app_manifest.py)
        }

    def stale(self, src_uri: str) -> bool:
        """Whether a page shows words translated from older English (content/translations.py):
        its own, its stretches' on a routine, or the safety text, which every page shows."""
        if self.library is None or not self.library.stale:
            return False
        if "safety" in self.library.stale:
            return True
        generated = self.pages.get(src_uri)
        if generated is None or generated.plan.slug is None:
            return False
        plan = generated.plan
        keys = {f"{plan.kind.name}/{plan.slug}" if plan.kind.folder else plan.kind.name}
        keys |= {f"stretches/{slug}" for slug in self.stretches_on(src_uri)}
        return bool(keys & self.library.stale.keys())


def _generate(renderer: Renderer, plan: PagePlan) -> GeneratedPage:
    markdown = renderer.render(plan)
    qr_code = None
    if QR_PLACEHOLDER in markdown:
        qr_code = qr_code_svg(renderer.address(plan.address), renderer.strings)
    return GeneratedPage(plan, markdown, renderer.structured_data(plan), qr_code)


def english_pages(docs_dir: Path, root: Path) -> list[Path]:
    """The English hand-written pages: docs/ without the other languages' folders."""
    others = translation_folders(root)
    found = sorted(docs_dir.rglob("*")) if docs_dir.is_dir() else []
    return [
        file
        for file in found
        if file.is_file()
        and is_markdown_file(file.name)
        and file.relative_to(docs_dir).parts[0] not in others
    ]


def _read_docs(settings: SiteSettings) -> tuple[dict[str, str], dict[str, str], list[Problem]]:
    """This language's hand-written pages as written and the path an editor sees, by src_uri;
    and every line that could carry script or a file that is not text. Another language than
    English has every English page (docs/<language>/about.md for docs/about.md)."""
    pages: dict[str, str] = {}
    shown: dict[str, str] = {}
    problems: list[Problem] = []
    folder = settings.pages_dir
    root = settings.root
    prefix = folder.relative_to(root) if folder.is_relative_to(root) else folder
    english = english_pages(settings.docs_dir, root)
    files = (
        english
        if settings.language == ENGLISH
        else [folder / file.relative_to(settings.docs_dir) for file in english]
    )
    for file in files:
        src_uri = file.relative_to(folder).as_posix()
        if not file.is_file():
            english_file = (settings.docs_dir / src_uri).relative_to(root).as_posix()
            rule = f"file is missing: translate {english_file} (every language has every page)"
            problems.append(Problem(f"{prefix.as_posix()}/{src_uri}", 1, "", rule))
            continue
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
    library, problems = inspect_library(settings.root, settings.language)
    written, shown, docs_problems = _read_docs(settings)
    problems += docs_problems
    problems += icon_problems(settings.root / APP_ICON)
    if library is not None:
        problems += review_problems(library, today)
    if library is None or errors_only(problems):
        return ContentBuild(sorted(problems))
    renderer = Renderer(library, settings.contacts, settings.site_url, settings.language)
    plans = plan_pages(library)
    # A stretch or routine another language has not translated yet keeps its address there:
    # a page that says so, in that language, and links to the English page.
    untranslated = {
        KIND[kind].page_of(slug): (
            PagePlan(
                KIND[kind].page_of(slug),
                translation_of(KIND[kind].source_file(slug), settings.language),
                KIND[kind],
                slug,
            ),
            title,
        )
        for kind, titles in library.left_out.items()
        for slug, title in titles.items()
    }
    snippets = dict(renderer.snippets())
    docs, snippet_problems = _with_snippets(written, shown, snippets)
    problems += snippet_problems
    for plan in plans:
        if plan.src_uri in docs:
            rule = f"this page is generated from {plan.edit_path}; remove the file"
            problems.append(Problem(shown[plan.src_uri], 1, "", rule))
    markdown_names = [str(PurePosixPath(uri).with_suffix(".md")) for uri in docs]
    prefix = "" if settings.language == ENGLISH else f"/{settings.language}"
    editors = [GALLERY_PAGE] if settings.language == ENGLISH else []  # pages/gallery.py
    generated = [*(plan.src_uri for plan in plans), *untranslated, *editors]
    live = {prefix + page_path(uri) for uri in [*markdown_names, *generated]}
    addresses = plan_addresses(settings.root, live, settings.site_url, settings.language)
    problems += addresses.problems
    if errors_only(problems):
        return ContentBuild(sorted(problems))
    pages = {plan.src_uri: _generate(renderer, plan) for plan in plans}
    for src_uri, (plan, title) in untranslated.items():
        pages[src_uri] = GeneratedPage(plan, renderer.untranslated(plan, title), None, None, True)
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
        catalogue=catalogue_json(
            library,
            renderer.pictures,
            settings.contacts.help_numbers,
            settings.language,
            [
                {"code": language.code, "name": language.name, "prefix": language.prefix}
                for language in site_languages(settings.root)
            ],
        ),
        addresses=addresses,
        translation_notice=_translation_notice(settings, renderer.strings),
        site_url=settings.site_url,
    )


def _translation_notice(settings: SiteSettings, t: Strings) -> str:
    """What every page of a translation says until a qualified translator has checked it."""
    if settings.language == ENGLISH or settings.translation_checked_by:
        return ""
    return str(t.translation_unchecked)


def content_build(
    root: Path, today: dt.date, config_file: str = "mkdocs.yml"
) -> tuple[ContentBuild | None, list[Problem]]:
    """The build's content as `mkdocs build` makes it (of another language, with its
    `mkdocs.<code>.yml`), or the problems with the config file."""
    settings, problems = read_settings(root, config_file)
    if settings is None:
        return None, problems
    content = build_content(settings, today)
    return content, content.problems
