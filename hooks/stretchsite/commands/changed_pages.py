"""`python -m stretchsite changed-pages`: the patient pages a pull request changes, as the
Markdown comment the pull-request workflow keeps up to date on it.

`changed_pages` maps the files a change touches (`git diff --name-only --no-renames`) to the
addresses of the pages they change, in every language: English at the site's root, another
language under its folder (es/). A content file in English changes the page in every language
(a translation holds only words; its dose, warning and pictures come from the English file), a
translation only its own. A stretch also changes each routine that shows it. Files that shape
every page (the site's settings, the hooks, the theme, the safety notice) are named instead of
listing every page. Files that are gone (deleted or renamed) are mapped like any other.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from mkdocs.utils.meta import get_data

from stretchsite.build import content_build
from stretchsite.checks.addresses import page_path
from stretchsite.checks.readability import (
    MAX_GRADE,
    MAX_SMOG,
    MIN_EASE,
    ease,
    is_patient_page,
    page_texts,
    score,
)
from stretchsite.content.yamlsource import read_yaml
from stretchsite.kinds import KIND
from stretchsite.languages import ENGLISH, Language, site_languages

MARKER = "<!-- stretch-preview -->"  # the workflow finds its one comment by this first line
GALLERY = "editors/pictures/"  # every stretch's pictures, for editors (pages/gallery.py)

# Files that change every page (a folder ends in /), and what they hold.
EVERY_PAGE = {
    "mkdocs.yml": "the site's settings",
    "hooks/": "the code that makes the pages",
    "overrides/": "the page template",
    "docs/assets/": "the styles and scripts of every page",
    "content/app-icon.png": "the app icon",
    "requirements.lock": "the versions of MkDocs and Material that build the site",
}


@dataclass(frozen=True)
class ChangedPages:
    """What a change changes: page addresses (like stretches/knee-to-chest/, es/tips/; "" is
    the home page), the stretches whose pictures may have changed, and the files that change
    every page (of their language), each with what it holds."""

    addresses: tuple[str, ...]
    stretches: tuple[str, ...]
    every_page: tuple[tuple[str, str], ...]  # (path, what it holds)


def changed_pages(root: Path, paths: Iterable[str]) -> ChangedPages:
    """The pages that changed files change, as the project at `root` builds them."""
    languages = site_languages(root)
    addresses: dict[str, int] = {}  # each once, with its language's place in `languages`
    stretches: dict[str, None] = {}
    every: dict[tuple[str, str], None] = {}
    routines = _routines_by_stretch(root)
    for path in (line.strip() for line in paths):
        holds = _every_page(path, languages)
        if holds:
            every[(path, holds)] = None
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[0] not in ("content", "docs"):
            continue
        language, rest = _language_of(parts[1:], languages)
        if not rest:
            continue
        targets = [language] if language else languages  # English content is every language's
        if parts[0] == "docs":
            if path.endswith(".md") and rest[0] != "assets":
                target = language or languages[0]
                address = target.prefix + page_path("/".join(rest)).lstrip("/")
                addresses[address] = languages.index(target)
            continue
        slug = PurePosixPath(path).stem
        if rest == ("illustrations", f"{slug}.svg"):  # a stretch's drawn picture
            rest = ("stretches", f"{slug}.yml")
        if not rest[-1].endswith(".yml") or len(rest) not in (1, 2):
            continue
        kind = KIND.get(rest[0] if len(rest) == 2 else slug)
        if kind is None or kind.folder != (len(rest) == 2):
            continue  # not a page's content: decisions, redirects, another folder
        shows = [kind.page_of(slug)]
        if kind.name == "stretches":
            stretches[slug] = None
            shows += [KIND["routines"].page_of(routine) for routine in routines.get(slug, [])]
        for target in targets:
            for page in shows:
                addresses[target.prefix + page_path(page).lstrip("/")] = languages.index(target)
    ordered = sorted(addresses, key=addresses.__getitem__)  # English first, as found
    return ChangedPages(tuple(ordered), tuple(stretches), tuple(every))


def _every_page(path: str, languages: list[Language]) -> str | None:
    """What the file holds when it changes every page (of its language), else None."""
    for name, holds in EVERY_PAGE.items():
        if path == name or (name.endswith("/") and path.startswith(name)):
            return holds
    if path == "content/safety.yml":
        return (
            "the safety text on every page: the notice at the top, the warning box, 'check "
            "first', how to build up, getting down to the floor and up, and when to get help"
        )
    for language in languages[1:]:
        if path == f"content/{language.code}/safety.yml":
            return f"the safety text on every page under {language.prefix}"
        if path == language.config_file.name:
            return f"the settings of every page under {language.prefix}"
    return None


def _language_of(
    parts: tuple[str, ...], languages: list[Language]
) -> tuple[Language | None, tuple[str, ...]]:
    """A path inside content/ or docs/ without its language's folder: (that language, the
    rest); (None, parts) for English, whose files are every language's source."""
    for language in languages:
        if language.code != ENGLISH and parts[:1] == (language.code,):
            return language, parts[1:]
    return None, parts


def _routines_by_stretch(root: Path) -> dict[str, list[str]]:
    """Each stretch's routines, read from the routine files as written (valid or not)."""
    found: dict[str, list[str]] = {}
    folder = root / KIND["routines"].source
    for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        document, _ = read_yaml(file, file.name)
        data = document.data if document is not None else None
        items = data.get("stretches") if isinstance(data, dict) else None
        for item in items if isinstance(items, list) else []:
            stretch = item.get("stretch") if isinstance(item, dict) else None
            if isinstance(stretch, str):
                found.setdefault(stretch, []).append(file.stem)
    return found


@dataclass(frozen=True)
class BuiltPage:
    title: str
    reading: str  # its reading level, or why it has none


def built_pages(root: Path, today: dt.date) -> dict[str, BuiltPage]:
    """Every page the content builds, by address, with its reading level as `make check`
    scores it; none of a language whose content has an error."""
    pages: dict[str, BuiltPage] = {}
    for language in site_languages(root):
        content, _ = content_build(root, today, language.config_file.name)
        if content is None:
            continue
        found = [(p.plan.address, p.markdown, p.untranslated) for p in content.pages.values()]
        found += [(page_path(uri).lstrip("/"), text, False) for uri, text in content.docs.items()]
        for address, markdown, untranslated in found:
            title = str(get_data(markdown)[1].get("title", "")) or address
            reading = (
                "not yet translated: it links to the English page"
                if untranslated
                else reading_level(markdown, language.code)
            )
            pages[language.prefix + address] = BuiltPage(title, reading)
    return pages


def reading_level(markdown: str, language: str) -> str:
    """A page's reading level against its target, in a few words."""
    if not is_patient_page(markdown):
        return "for clinicians: not scored"
    prose = page_texts(markdown).prose
    if language != ENGLISH:
        least = MIN_EASE.get(language)
        if least is None or not prose.strip():
            return "not scored"
        found = ease(prose, language)
        verdict = "plain enough" if found >= least else f"too hard: aim for {least:.0f} or higher"
        return f"Fernández-Huerta {found:.0f}, {verdict}"
    result = score(prose)
    verdict = (
        "plain enough"
        if result.plain_enough
        else f"too hard: aim for grade {MAX_GRADE:.0f} and SMOG {MAX_SMOG:.0f} or lower"
    )
    return f"grade {result.grade:.1f}, SMOG {result.smog:.1f}, {verdict}"


# The clinical reviewer's list, here as well as in the pull request template: the form editor
# writes its own pull request description, so the template never shows on its changes.
REVIEW_CHECKLIST = (
    "**Before approving** (a registered clinician who did not make the change):",
    "",
    "- [ ] Read each changed page on the preview, not in the form.",
    "- [ ] Cautions, getting down to the floor and up, and when to get help checked on the "
    "preview.",
    "- [ ] Steps match the pictures (link above).",
    "- [ ] Doses (hold, repeats, sides, times a day) are the sources' or a clinician's.",
    "- [ ] If what a page tells patients to do changed, `registration` was removed from its "
    "review.",
    "- [ ] A reworded step, a filled gap or a chosen default is recorded in "
    "`content/decisions.yml`.",
)


def comment(changed: ChangedPages, pages: dict[str, BuiltPage], base_url: str | None) -> str:
    """The pull request's comment: each changed page with its preview link and reading level.
    Without `base_url`, the site could not be built: the comment says so, without links."""
    base = base_url.rstrip("/") + "/" if base_url else None
    lines = [MARKER, "## Preview of this change", ""]
    if base:
        lines += [f"The whole site as this change makes it: {base}", ""]
    else:
        lines += [
            "**No preview**: the site could not be built from this change. The content "
            "check's messages say why: on the changed lines (the *Files changed* tab) and in "
            "the check's log.",
            "",
        ]
    if changed.addresses:
        lines += ["| Page | Address | Reading level |", "| --- | --- | --- |"]
        for address in changed.addresses:
            page = pages.get(address)
            shown = f"/{address}"
            link = f"[{shown}]({base}{address})" if base and page else f"`{shown}`"
            gone = "*no page: removed or moved*" if base else "*not built*"
            title = _cell(page.title) if page else gone
            reading = page.reading if page else ""
            lines.append(f"| {title} | {link} | {reading} |")
        lines.append("")
    elif not changed.every_page:
        lines += ["This change does not change any page.", ""]
    drawn = [slug for slug in changed.stretches if f"stretches/{slug}/" in pages]
    if drawn and base:
        links = ", ".join(f"[{slug}]({base}{GALLERY}#{slug})" for slug in drawn)
        lines += [f"Pictures to check against the steps: {links}.", ""]
    if changed.every_page:
        also = " also" if changed.addresses else ""
        lines += [f"It{also} changes **every page**, through:", ""]
        lines += [f"- `{path}`: {holds}" for path, holds in changed.every_page]
        lines.append("")
    others = "".join(
        f"; Fernández-Huerta {v:.0f} or higher under {k}/" for k, v in MIN_EASE.items()
    )
    lines.append(
        f"Reading level targets: Flesch-Kincaid grade {MAX_GRADE:.0f} and SMOG {MAX_SMOG:.0f} "
        f"or lower in English{others}."
    )
    return "\n".join([*lines, "", *REVIEW_CHECKLIST]) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def run(root: Path, changed_file: Path | None, base_url: str | None, today: dt.date) -> int:
    """Print the comment for the changed paths in `changed_file` (one a line; stdin if None)."""
    text = changed_file.read_text(encoding="utf-8") if changed_file else sys.stdin.read()
    paths = [line.strip() for line in text.splitlines() if line.strip()]
    root = root.resolve()
    print(comment(changed_pages(root, paths), built_pages(root, today), base_url), end="")
    return 0
