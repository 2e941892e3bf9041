"""Plain words on patient pages: a word a patient may not know is explained where they first
read it, and words about the technology behind the site are not used at all.

The page text is checked as the patient reads it, after rendering: contact details from
`extra.help_contacts` in mkdocs.yml and the safety blocks are filled in, and headings, labels,
tables and captions count (the review footer does not). Clinician pages (front matter
`audience: clinicians`) are not checked. The safety notice above every page is checked once, on
its own, as it comes first on every page.

A word is explained when its first use is followed by its meaning in brackets, "pelvis (the ring
of bones between your hips)", or is itself in brackets after its meaning, "the way you stand and
sit (your posture)". To add a word, add a `HardWord` to `HARD_WORDS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from stretchsite.checks.readability import is_patient_page, page_texts
from stretchsite.content.problems import Problem


@dataclass(frozen=True)
class HardWord:
    """A word a patient may not know, every form of it, and how an editor could explain it."""

    word: str
    pattern: str  # a regular expression matching every form of the word
    explanation: str  # a suggestion, written as it could appear on the page
    ignore_case: bool = True

    @property
    def regex(self) -> re.Pattern[str]:
        flags = re.IGNORECASE if self.ignore_case else 0
        return re.compile(rf"(?<![\w&])(?:{self.pattern})(?![\w&])", flags)


# The one list of words to explain on first use. Abbreviations match their case only ("GP", not
# "gp"), so that ordinary words are not caught.
HARD_WORDS: tuple[HardWord, ...] = (
    HardWord("pelvis", r"pelvis(?:es)?", "pelvis (the ring of bones between your hips)"),
    HardWord(
        "A&E",
        r"A&E",
        "A&E (the emergency department at a hospital)",
        ignore_case=False,
    ),
    HardWord("GP", r"GPs?", "a GP (your family doctor)", ignore_case=False),
    HardWord(
        "physiotherapist",
        r"physiotherapists?",
        "a physiotherapist (a health worker who helps you move better)",
    ),
    HardWord(
        "symptoms",
        r"symptoms?",
        "symptoms (what you feel when something is wrong, like pain or tingling)",
    ),
    HardWord("posture", r"postures?", "the way you stand and sit (your posture)"),
)


@dataclass(frozen=True)
class BannedWord:
    """A word that has no place on a patient page, and what to write instead."""

    word: str
    pattern: str
    instead: str


BANNED_WORDS: tuple[BannedWord, ...] = (
    BannedWord(
        "JavaScript",
        r"java[\s-]*script",
        "say what the patient can do instead, without naming the technology, like "
        '"Your routine cannot be shown in this browser. You can still see every stretch on '
        'the stretches page."',
    ),
)

SITE_NOTICE = "the safety notice above every page"
SETTINGS = "mkdocs.yml"
_SETTING_LINE = re.compile(r"^[ \t]*[\w-]+:[ \t]*(?P<value>[^#\n]+)$", re.MULTILINE)
# Where text on a page can come from, after the page's own file, in the order to look.
_SOURCES = (
    "content/safety.yml",
    "content",
    "docs",
    "mkdocs.yml",
    "hooks/stretchsite/pages/strings",
)
_MAX_PAGES_NAMED = 3


# Brackets that hold something other than a meaning: "GP (or 111)", "physiotherapist (if you
# can)", "symptoms (see below)", "(2 weeks)".
_NOT_A_MEANING = re.compile(r"^\s*(?:or|if|see|ask|and|but|e\.g\.|[0-9])", re.I)


def _a_meaning(bracketed: str) -> bool:
    """Whether the words in brackets after a hard word explain it: at least two words, not an
    aside, and not another hard word."""
    return (
        len(bracketed.split()) >= 2
        and not _NOT_A_MEANING.match(bracketed)
        and not any(word.regex.search(bracketed) for word in HARD_WORDS)
    )


def _explained(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] comes with its meaning in brackets, after it or
    around it ("the way you stand and sit (your posture)")."""
    after = re.match(r"[ \t]*\(([^()\n]*\w[^()\n]*)\)", text[end:])
    if after and _a_meaning(after.group(1)):
        return True  # "pelvis (the ring of bones between your hips)", not "GP (NHS GP)"
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("(", line_start, start)
    if opening == -1 or ")" in text[opening:start]:
        return False
    closing = re.match(r"([^()\n]*)\)", text[end:])
    return (
        closing is not None
        and len(text[opening + 1 : start].split()) <= 2  # "(your posture)", "(a GP)"
        and len(closing.group(1).split()) <= 1
        and len(text[line_start:opening].split()) >= 2  # the meaning, before the bracket
    )


def _context(text: str, start: int, end: int, words: int = 5) -> str:
    """The words around text[start:end] on its line, as the patient reads them."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    left, right = text[line_start:start], text[end : len(text) if line_end == -1 else line_end]
    shown_left = re.search(rf"(?:\S+\s+){{0,{words}}}$", left)
    shown_right = re.match(rf"\S*(?:\s+\S+){{0,{words}}}", right)
    assert shown_left is not None and shown_right is not None  # both match an empty string
    before = "…" if shown_left.group(0) != left else ""
    after = "…" if shown_right.group(0) != right else ""
    return f"{before}{shown_left.group(0)}{text[start:end]}{shown_right.group(0)}{after}"


class _Finder:
    """Finds the file and line a piece of page text was written in."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str] = {}
        self._order: list[str] | None = None

    def _text(self, path: str) -> str:
        if path not in self._texts:
            file = self.root / path
            try:
                self._texts[path] = file.read_text(encoding="utf-8") if file.is_file() else ""
            except (OSError, UnicodeDecodeError):
                self._texts[path] = ""
        return self._texts[path]

    def _sources(self) -> list[str]:
        if self._order is None:
            order: list[str] = []
            for source in _SOURCES:
                folder = self.root / source
                files = sorted(folder.rglob("*")) if folder.is_dir() else [folder]
                for file in files:
                    if file.suffix in {".yml", ".yaml", ".md"} and file.is_file():
                        relative = file.relative_to(self.root).as_posix()
                        if relative not in order:
                            order.append(relative)
            self._order = order
        return self._order

    def _setting_line(self, text: str, start: int, end: int) -> int | None:
        """The line of mkdocs.yml whose value the page shows around text[start:end], as the
        contact details in `extra.help_contacts` are filled into pages."""
        settings = self._text(SETTINGS)
        word = text[start:end]
        for setting in _SETTING_LINE.finditer(settings):
            value = setting.group("value").strip().strip("\"'")
            at = start - value.find(word)
            if word in value and at >= 0 and text[at : at + len(value)] == value:
                return settings.count("\n", 0, setting.start("value")) + 1
        return None

    def locate(self, own: str, text: str, start: int, end: int) -> tuple[str, int]:
        """(file, line) where text[start:end] was written: a setting in mkdocs.yml that the page
        shows there, or the file that holds the words around it (the page's own file first),
        or else the page's own file."""
        setting = self._setting_line(text, start, end)
        if setting is not None:
            return SETTINGS, setting
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = re.findall(r"\w+", text[line_start:start])
        after = re.findall(r"\w+", text[end : len(text) if line_end == -1 else line_end])
        for size in (4, 2, 1, 0):
            head = [re.escape(w) for w in before[-size:]] if size else []
            tail = [re.escape(w) for w in after[:size]]
            if size and not (head or tail):
                continue
            pattern = r"\W+".join([*head, f"({re.escape(text[start:end])})", *tail])
            phrase = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
            # The word alone is looked for only in the page's own file.
            candidates = [own, *(s for s in self._sources() if s != own)] if size else [own]
            for path in candidates:
                found = phrase.search(self._text(path))
                if found:
                    return path, self._text(path).count("\n", 0, found.start(1)) + 1
        return own, 1


def _shown_on(pages: list[str]) -> str:
    """Where a problem shows: "page tips.md", "pages a.md, b.md, c.md and 2 more"."""
    notice = [SITE_NOTICE] if SITE_NOTICE in pages else []
    pages = [page for page in pages if page != SITE_NOTICE]
    named = ", ".join(pages[:_MAX_PAGES_NAMED])
    if len(pages) > _MAX_PAGES_NAMED:
        named += f" and {len(pages) - _MAX_PAGES_NAMED} more"
    named = f"{'page' if len(pages) == 1 else 'pages'} {named}" if pages else ""
    return " and ".join(part for part in [*notice, named] if part)


@dataclass(frozen=True)
class Finding:
    """A word on a page that breaks a rule, where it is in the page text, and the rule."""

    start: int
    end: int
    rule: str


def findings(text: str) -> list[Finding]:
    """The unexplained first use of each hard word and every use of a banned word in a page's
    text (as `page_text` gives it)."""
    found = []
    for word in HARD_WORDS:
        first = word.regex.search(text)
        if first and not _explained(text, first.start(), first.end()):
            rule = (
                f'"{first.group(0)}" is not explained where the patient first reads it '
                f'("{_context(text, first.start(), first.end())}"); explain it right there, '
                f'for example "{word.explanation}"'
            )
            found.append(Finding(first.start(), first.end(), rule))
    for banned in BANNED_WORDS:
        for use in re.finditer(banned.pattern, text, re.IGNORECASE):
            rule = f'"{use.group(0)}" is a word patients do not know; {banned.instead}'
            found.append(Finding(use.start(), use.end(), rule))
    return found


def plain_words_problems(
    root: Path, pages: Iterable[tuple[str, str, str]], site_notice: str = ""
) -> list[Problem]:
    """Unexplained hard words and banned words on patient pages, at the file and line to
    change; `pages` are (file to edit, page, Markdown), `site_notice` the notice above every
    page as the patient reads it."""
    finder = _Finder(root)
    texts = [
        (path, src_uri, page_texts(text).everything)
        for path, src_uri, text in pages
        if is_patient_page(text)
    ]
    if site_notice.strip():
        texts.append(("content/safety.yml", SITE_NOTICE, site_notice))
    # One problem per place to change and rule, naming every page it shows on.
    shown_on: dict[tuple[str, int, str], list[str]] = {}
    for path, src_uri, text in texts:
        for finding in findings(text):
            where = finder.locate(path, text, finding.start, finding.end)
            pages_shown = shown_on.setdefault((*where, finding.rule), [])
            if src_uri not in pages_shown:
                pages_shown.append(src_uri)
    return sorted(
        Problem(path, line, "", f"{_shown_on(on)}: {rule}")
        for (path, line, rule), on in shown_on.items()
    )
