"""Reading level of a patient page's prose: Flesch-Kincaid grade and SMOG, as textstat scores them.

Targets: Flesch-Kincaid grade 6 or lower and SMOG 9 or lower, on every English patient page;
Fernández-Huerta 70 or higher ("bastante fácil", fairly easy) on every Spanish one. Clinician
pages (front matter `audience: clinicians`) are not scored.

Only the prose a patient reads is scored: paragraphs and list items, each list item a sentence
of its own (a full stop is added when it has none). Left out, because they are not sentences and
their few short words would pull the grade down: headings, tables (the dose table), buttons and
links that stand alone as a paragraph, labels (a leading bold label such as "**Start
position:**", a leading link followed by a colon as in lists of stretches, or a leading phrase
of up to four words ending in a colon such as "Note:" or "It works on:"), definition terms, the
hold timer, picture captions (they repeat the picture's alt text), the printed address,
screen-reader-only text and the review footer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown
import textstat
from mkdocs.utils.meta import get_data

from stretchsite.content.problems import Problem

MAX_GRADE = 6.0
MAX_SMOG = 9.0
MIN_EASE = {"es": 70.0}  # Fernández-Huerta, by language: textstat's formula for Spanish
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]

# Who a docs/ page is for, from its front matter: `audience: clinicians` exempts a page from
# the patient checks (reading level, plain words). Every other page is a patient page.
AUDIENCE_FIELD = "audience"
PATIENTS = "patients"
CLINICIANS = "clinicians"
AUDIENCES = (PATIENTS, CLINICIANS)

VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
# Never page text: chrome, code and the review footer (who reviewed the page, its sources).
CHROME_TAGS = {"script", "style", "nav", "noscript", "template"}
CHROME_CLASSES = {"page-review", "md-source-file", "md-content__button", "headerlink"}
# Only paragraphs and list items are read (so not headings, definition terms, or text that
# stands in a <div> of its own); and not these, even when they hold a paragraph.
_NOT_PROSE_TAGS = {"table", "figcaption", "button"}
_NOT_PROSE_CLASSES = {
    "stretch-timer",
    "print-address",
    "admonition-title",
    "visually-hidden",
    "md-button",
}
_PROSE_BLOCKS = {"p", "li", "dd"}  # paragraphs, list items, definitions
_LEADING_INLINE = {"strong", "b", "a"}
_PLAIN_LABEL = re.compile(r"^[^\W\d_][\w'\u2019-]*(?: [\w'\u2019-]+){0,3}:(?:\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")  # a readability message names the hardest
_WORD = re.compile(r"[^\W_]+")
# Blocks of all the page text, for checks that read every word (plain_words).
_BLOCK_TAGS = {
    "address", "article", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "p", "pre",
    "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip


@dataclass
class _Block:
    parts: list[str] = field(default_factory=list)
    # Text length at the end of each inline element that opened the block (strong, b, a).
    leading_ends: dict[str, int] = field(default_factory=dict)
    leading_open: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _is_label(block: _Block, text: str) -> int:
    """How many characters of `text` are a leading label; 0 when it has none."""
    for tag in ("strong", "b", "a"):
        end = block.leading_ends.get(tag)
        if end is None:
            continue
        rest = text[end:].lstrip()
        if text[:end].rstrip().endswith(":"):
            return end
        if rest.startswith(":"):
            return len(text) - len(rest) + 1
    label = _PLAIN_LABEL.match(text.lstrip())
    return len(text) - len(text.lstrip()) + label.end() if label else 0


class _ArticleText(HTMLParser):
    """Walks the text of a page's <article> (of the whole input when it has none), leaving out
    the elements `skips` names, with everything inside them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[str] = []
        self.has_article = "<article" in html
        self.in_article = False
        self.feed(html)
        self.close()

    def skips(self, tag: str, classes: set[str]) -> bool:
        return tag in CHROME_TAGS or bool(classes & CHROME_CLASSES)

    def start(self, tag: str) -> None: ...

    def end(self, tag: str) -> None: ...

    def text(self, data: str) -> None: ...

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if self.skipping:
            if tag == self.skipping[-1] and tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        if self.skips(tag, set((dict(attrs).get("class") or "").split())):
            if tag not in VOID_TAGS:
                self.skipping.append(tag)
        else:
            self.start(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "article":
            self.in_article = False
        self.end(tag)

    def handle_data(self, data: str) -> None:
        if not self.skipping and (self.in_article or not self.has_article):
            self.text(data.replace("\n", " "))


class _Prose(_ArticleText):
    """Paragraphs and list items, as sentences; see the module's docstring for what is left out."""

    def __init__(self, html: str) -> None:
        self.sentences: list[str] = []
        self.blocks: list[_Block] = []
        super().__init__(html)

    def skips(self, tag: str, classes: set[str]) -> bool:
        return (
            tag in _NOT_PROSE_TAGS
            or bool(classes & _NOT_PROSE_CLASSES)
            or super().skips(tag, classes)
        )

    def start(self, tag: str) -> None:
        if tag in _PROSE_BLOCKS:
            self._flush()
            self.blocks.append(_Block())
        elif tag == "br" and self.blocks:
            self.blocks[-1].parts.append("\n")
        elif tag in _LEADING_INLINE and self.blocks and not self.blocks[-1].text.strip():
            self.blocks[-1].leading_open.append(tag)

    def end(self, tag: str) -> None:
        if tag in _PROSE_BLOCKS and self.blocks:
            self._flush()
            self.blocks.pop()
        elif self.blocks and tag in self.blocks[-1].leading_open:
            block = self.blocks[-1]
            block.leading_open.remove(tag)
            block.leading_ends.setdefault(tag, len(block.text))

    def text(self, data: str) -> None:
        if self.blocks:
            self.blocks[-1].parts.append(data)

    def _flush(self) -> None:
        """End the open block's text so far (a nested list starts, or the block ends)."""
        if not self.blocks:
            return
        block = self.blocks[-1]
        text = block.text
        if text.strip() and block.leading_ends.get("a") == len(text.rstrip()):
            text = ""  # a link standing alone, like a button
        text = text[_is_label(block, text) :]
        for line in text.split("\n"):
            words = " ".join(line.split())
            if words and not _ENDS_SENTENCE.search(words):
                words = f"{words.rstrip(':;,')}."
            if words:
                self.sentences.append(words)
        self.blocks[-1] = _Block()


def prose(html: str) -> str:
    """The prose of a page, one sentence unit (a paragraph, a list item) per line, each ending
    as a sentence. Of a whole page, only its <article> is read."""
    return "\n".join(_Prose(html).sentences)


class _PageText(_ArticleText):
    """Everything a patient reads on the page, one block per line, in reading order."""

    def __init__(self, html: str) -> None:
        self.chunks: list[str] = []
        super().__init__(html)

    def start(self, tag: str) -> None:
        if tag in _BLOCK_TAGS or tag == "br":
            self.chunks.append("\n")

    def end(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n")

    def text(self, data: str) -> None:
        self.chunks.append(data)


def page_text(html: str) -> str:
    """What a patient reads on a page, one block per line; of a whole page, its <article>."""
    lines = (" ".join(line.split()) for line in "".join(_PageText(html).chunks).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class Score:
    grade: float
    smog: float
    words: int

    @property
    def plain_enough(self) -> bool:
        return self.grade <= MAX_GRADE and self.smog <= MAX_SMOG

    def __str__(self) -> str:
        return f"Flesch-Kincaid grade {self.grade:.1f}, SMOG {self.smog:.1f}, {self.words} words"


def score(text: str) -> Score:
    return Score(
        grade=float(textstat.flesch_kincaid_grade(text)),
        smog=float(textstat.smog_index(text)),
        words=int(textstat.lexicon_count(text)),
    )


def ease(text: str, language: str) -> float:
    """The reading ease of a text in another language than English (Fernández-Huerta for
    Spanish: 0 very hard to 100 very easy)."""
    before = textstat.textstat._textstatistics__lang  # textstat keeps it for every later call
    textstat.set_lang(language)
    try:
        return float(textstat.fernandez_huerta(text))
    finally:
        textstat.set_lang(before)


def audience(page_markdown: str) -> str:
    """Who a page is for: its front matter's `audience`, patients when it has none."""
    _, meta = get_data(page_markdown)  # as MkDocs reads it; unreadable front matter reads as {}
    return str(meta.get(AUDIENCE_FIELD, PATIENTS)).strip()


def is_patient_page(page_markdown: str) -> bool:
    return audience(page_markdown) != CLINICIANS


def page_html(page_markdown: str) -> str:
    """A page's Markdown as HTML, without its front matter, inside <article>."""
    body, _ = get_data(page_markdown)
    return f"<article>{_converter().reset().convert(body)}</article>"


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)


@dataclass(frozen=True)
class PageTexts:
    prose: str  # what the reading level is scored on
    everything: str  # every word a patient reads, headings and labels too


@functools.cache
def page_texts(page_markdown: str) -> PageTexts:
    """A page's texts, its Markdown converted once for every check that reads it."""
    html = page_html(page_markdown)
    return PageTexts(prose(html), page_text(html))


def audience_problems(pages: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """A page whose `audience` is neither patients nor clinicians."""
    allowed = " or ".join(AUDIENCES)
    return [
        Problem(path, 1, AUDIENCE_FIELD, f"must be {allowed} (found {audience(text)!r})")
        for path, _, text in pages
        if audience(text) not in AUDIENCES
    ]


def readability_problems(
    pages: Iterable[tuple[str, str, str]], language: str = "en", root: Path | None = None
) -> list[Problem]:
    """Each patient page that reads above the targets; `pages` are (file to edit, page,
    Markdown). With `root`, each problem sits on the line of the page's hardest sentence in
    the file to edit (line 1 when it is not found there), so a pull request shows it beside
    the words that most likely made the page harder."""
    pages = list(pages)
    problems = audience_problems(pages)
    if language != "en":
        return problems + _ease_problems(pages, language, root)
    for path, src_uri, text in pages:
        if not is_patient_page(text):
            continue
        prose_text = page_texts(text).prose
        result = score(prose_text)
        if result.words and not result.plain_enough:
            rule = (
                f"page {src_uri} is too hard to read ({result}); aim for grade "
                f"{MAX_GRADE:.0f} and SMOG {MAX_SMOG:.0f} or lower: shorter sentences, "
                "everyday words"
            )
            problems.append(_at_hardest_sentence(root, path, prose_text, rule))
    return problems


def _at_hardest_sentence(root: Path | None, path: str, prose_text: str, rule: str) -> Problem:
    """The problem on the line of the hardest sentence (by its own Flesch-Kincaid grade)
    written in the file to edit (the page also shows words from other files, like the safety
    text); line 1 if none is found there."""
    sentences = [s for line in prose_text.splitlines() for s in _SENTENCES.split(line) if s]
    try:
        text = (root / path).read_text(encoding="utf-8") if root else ""
    except OSError:
        text = ""
    grades = {s: textstat.flesch_kincaid_grade(s) for s in sentences}
    for sentence in sorted(sentences, key=grades.__getitem__, reverse=True):
        line = _line_of_sentence(text, sentence)
        if line:
            shown = sentence if len(sentence) <= 80 else sentence[:77].rstrip() + "..."
            hardest = f'; its hardest sentence (grade {grades[sentence]:.0f}): "{shown}"'
            return Problem(path, line, "", rule + hardest)
    return Problem(path, 1, "", rule)


def _line_of_sentence(text: str, sentence: str) -> int | None:
    """Where a sentence starts in a file's text, found by its first words whatever lies between
    them (line breaks, indentation, Markdown)."""
    words = _WORD.findall(sentence)[:6]
    found = re.search(r"\W+".join(map(re.escape, words)), text) if words else None
    return text.count("\n", 0, found.start()) + 1 if found else None


def _ease_problems(
    pages: list[tuple[str, str, str]], language: str, root: Path | None = None
) -> list[Problem]:
    """Another language's patient pages below its reading ease target (none for a language
    without a formula)."""
    least = MIN_EASE.get(language)
    problems = []
    for path, src_uri, text in pages:
        prose_text = page_texts(text).prose
        if least is None or not is_patient_page(text) or not prose_text.strip():
            continue
        found = ease(prose_text, language)
        if found < least:
            rule = (
                f"page {src_uri} is too hard to read (Fernández-Huerta {found:.1f}); aim for "
                f"{least:.0f} or higher: shorter sentences, everyday words"
            )
            problems.append(_at_hardest_sentence(root, path, prose_text, rule))
    return problems
