"""Every content check the build runs: schema, references and review dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .errors import Problem, errors_only
from .library import Library, inspect_library
from .reviews import review_problems


def inspect_content(root: Path, today: dt.date) -> tuple[Library | None, list[Problem]]:
    """Every content check; the library is None when any check found an error.

    The line of every field is kept only for these checks' messages: a large library's line
    maps weigh more than its content, and the build that follows does not need them.
    """
    library, problems = inspect_library(root)
    if library is not None:
        problems = [*problems, *review_problems(library, today)]
        library = dataclasses.replace(library, documents={})
    if errors_only(problems):
        library = None
    return library, sorted(problems)
