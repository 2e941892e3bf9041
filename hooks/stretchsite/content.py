"""Every content check the build runs: schema, references and review dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import Problem, errors_only
from .library import Library, OpenLibrary
from .reviews import review_problems


def finish_content(opened: OpenLibrary, today: dt.date) -> tuple[Library | None, list[Problem]]:
    """Every content check on opened content; the library is None when any found an error.

    The line of every field is kept only for these checks' messages: a large library's line
    maps weigh more than its content, and the build that follows does not need them.
    """
    library, problems = opened.finish()
    if library is not None:
        problems = [*problems, *review_problems(library, today)]
        library.documents.clear()  # shared with the opened content, which may render on
    if errors_only(problems):
        library = None
    return library, sorted(problems)


def inspect_content(root: Path, today: dt.date) -> tuple[Library | None, list[Problem]]:
    """Read and check all content under `root/content` at once."""
    return finish_content(OpenLibrary(root), today)
