"""`python -m stretchsite.check`: every content check the build runs, as one command for editors.

Prints one `path:line: field: rule` line per problem, then a summary; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .addresses import REGISTRY, page_path, plan_addresses
from .content import inspect_content
from .editorial import (
    docs_pages,
    readability_problems,
    site_renderer,
    spelling_problems,
    unsafe_markdown_problems,
)
from .errors import Problem
from .library import Library


def live_paths(root: Path, library: Library) -> set[str]:
    generated = [page.src_uri for page in site_renderer(root, library).pages()]
    return {page_path(uri) for uri in [*generated, *(p for p, _ in docs_pages(root, "docs"))]}


def _address_problems(root: Path, library: Library) -> list[Problem]:
    plan = plan_addresses(root, live_paths(root, library), "/")
    return plan.problems + [
        Problem(
            REGISTRY, 1, "", f"new address {path} is not yet recorded; run `make urls`", "warning"
        )
        for path in plan.new_addresses
    ]


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Content check passed: no problems found."
    verdict = "failed" if errors else "passed with warnings"
    return f"Content check {verdict}: {errors} error(s), {warnings} warning(s)."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stretchsite-check", description=__doc__)
    parser.add_argument(
        "root",
        nargs="?",
        default=".",
        type=Path,
        help="the project folder (holding content/); default: here",
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="check review dates as of this day (YYYY-MM-DD)",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    library, problems = inspect_content(root, args.today)
    problems += unsafe_markdown_problems(root) + spelling_problems(root)
    if library is not None:
        problems += readability_problems(root, library)
        problems += _address_problems(root, library)
    problems.sort()
    for problem in problems:
        print(problem)
    print(summary(problems))
    return 1 if any(p.severity == "error" for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
