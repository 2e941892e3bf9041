"""Review dates: a page past its "next review due" date must not be published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from stretchsite.content.library import Library
from stretchsite.content.model import Review
from stretchsite.content.problems import Problem
from stretchsite.kinds import KINDS
from stretchsite.pages.words import long_date

WARN_DAYS = 30


def _reviews(library: Library) -> Iterator[tuple[str, Review]]:
    """Each content file's key in the library, with its review dates: every kind has them."""
    for kind in KINDS:
        for slug, item in library.content[kind.name].items():
            yield (f"{kind.name}/{slug}" if kind.folder else kind.name), item.review  # type: ignore[attr-defined]


def review_problems(library: Library, today: dt.date) -> list[Problem]:
    problems = []
    for key, review in _reviews(library):
        document = library.documents[key]
        path, line = document.path, document.line_of(("review", "next_review_due"))
        due = review.next_review_due
        if due < today:
            rule = f"review was due on {long_date(due)}; review the page and update the dates"
            problems.append(Problem(path, line, "review.next_review_due", rule))
        elif (due - today).days <= WARN_DAYS:
            rule = f"review is due on {long_date(due)}, in {(due - today).days} days"
            problems.append(Problem(path, line, "review.next_review_due", rule, "warning"))
    return problems
