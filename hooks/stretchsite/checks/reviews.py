"""Review dates and review status.

A page past its "next review due" date must not be published. A page counts as checked by a
clinician only when its `review.reviewer.registration` records a professional registration
(like "HCPC PH123456"): then its footer says "Page last reviewed"; until then it says plainly
that no clinician has checked it, `check` lists it, and the about page counts it.
"""

from __future__ import annotations

import datetime as dt

from stretchsite.content.library import Library
from stretchsite.content.problems import Problem
from stretchsite.pages.words import long_date

WARN_DAYS = 30


def review_problems(library: Library, today: dt.date) -> list[Problem]:
    problems = []
    for key, review in library.reviews():
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


def unreviewed_problems(library: Library) -> list[Problem]:
    """A warning for each page no registered clinician has checked: it does not stop the build,
    but `check` lists every one, so "passed" never hides them."""
    problems = []
    for key, review in library.reviews():
        if review.by_registered_clinician:
            continue
        document = library.documents[key]
        rule = (
            "not yet checked by a clinician, and the page says so; once one has, record their "
            "registration here, like HCPC PH123456 (`make review-pack` prints what they check)"
        )
        line = document.line_of(("review", "reviewer"))
        problems.append(
            Problem(document.path, line, "review.reviewer.registration", rule, "warning")
        )
    return problems
