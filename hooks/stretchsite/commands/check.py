"""`python -m stretchsite check`: every content check the build runs, plus reading level,
spelling and unsafe Markdown, as one command for editors.

Prints one `path:line: field: rule` line per problem, then a summary; exits 1 on any error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from stretchsite.build import content_build
from stretchsite.checks.addresses import REGISTRY
from stretchsite.checks.plain_words import plain_words_problems
from stretchsite.checks.readability import readability_problems
from stretchsite.checks.reviews import unreviewed_problems
from stretchsite.checks.spelling import spelling_problems
from stretchsite.content.problems import Problem


def all_problems(root: Path, today: dt.date) -> list[Problem]:
    content, problems = content_build(root, today)
    problems = [*problems, *spelling_problems(root)]
    if content is not None and content.addresses is not None:
        pages = [(p.plan.edit_path, p.plan.src_uri, p.markdown) for p in content.pages.values()]
        docs = content.docs
        pages += [(content.shown_docs[uri], uri, text) for uri, text in docs.items()]
        problems += readability_problems(pages)
        problems += plain_words_problems(root, pages, content.site_notice)
        if content.library is not None:  # pages no registered clinician has checked
            problems += unreviewed_problems(content.library)
        problems += [
            Problem(
                REGISTRY,
                1,
                "",
                f"new address {path} is not yet recorded; run `make urls`",
                "warning",
            )
            for path in content.addresses.new_addresses
        ]
    return sorted(problems)


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Content check passed: no problems found."
    verdict = "failed" if errors else "passed with warnings"
    return f"Content check {verdict}: {errors} error(s), {warnings} warning(s)."


def run(root: Path, today: dt.date) -> int:
    problems = all_problems(root.resolve(), today)
    for problem in problems:
        print(problem)
    print(summary(problems))
    return 1 if any(p.severity == "error" for p in problems) else 0
