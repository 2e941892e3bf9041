"""Reading level of a page's main text: Flesch-Kincaid grade and SMOG, as textstat scores them.

Targets from the NHS and NIH: grade 8 or lower (Flesch-Kincaid), SMOG 10 or lower. The main text
is the page's <article> without the review footer, the timer and picture captions (which repeat
the picture's alt text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import textstat

from stretchsite.content.problems import Problem

MAX_GRADE = 8.0
MAX_SMOG = 10.0
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "figcaption", "div"}
_SKIPPED_TAGS = {"script", "style", "figcaption", "nav"}
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SKIPPED_CLASSES = {"page-review", "stretch-timer", "md-source-file", "visually-hidden"}


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


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.in_article = False
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "article":
            self.in_article = True
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in _SKIPPED_TAGS or classes & _SKIPPED_CLASSES:
            self.skipping.append(tag)
        elif tag in _BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skipping:
            self.chunks.append(data)


def main_text(html: str) -> str:
    """The patient-facing text of a page, one block per line, each ending as a sentence."""
    parser = _MainText()
    parser.feed(html)
    lines = [" ".join(line.split()) for line in "".join(parser.chunks).splitlines()]
    return "\n".join(line if line[-1] in ".!?:" else f"{line}." for line in lines if line)


def score(text: str) -> Score:
    return Score(
        grade=float(textstat.flesch_kincaid_grade(text)),
        smog=float(textstat.smog_index(text)),
        words=int(textstat.lexicon_count(text)),
    )


def readability_problems(pages: Iterable[tuple[str, str, str]]) -> list[Problem]:
    """Each page that reads above the targets; `pages` are (file to edit, page, Markdown)."""
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    problems = []
    for path, src_uri, text in pages:
        html = converter.reset().convert(_FRONT_MATTER.sub("", text))
        result = score(main_text(f"<article>{html}</article>"))
        if result.words and not result.plain_enough:
            rule = (
                f"page {src_uri} is too hard to read ({result}); aim for grade 8 and "
                "SMOG 10 or lower: shorter sentences, everyday words"
            )
            problems.append(Problem(path, 1, "", rule))
    return problems
