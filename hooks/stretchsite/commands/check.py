"""`python -m stretchsite check`: every content check the build runs, plus reading level,
spelling and unsafe Markdown, as one command for editors.

Prints one `path:line: field: rule` line per problem, then a summary; exits 1 on any error.
With `--github` (the pull-request workflow), each problem is also printed as a GitHub Actions
workflow command, which GitHub shows as a note on that line of the pull request's changes. It is
a flag, not read from the environment: `make test` runs the check again in the same job, and its
tests compare the plain output, so only the step that asks for notes prints them.
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
from stretchsite.content.problems import Problem, github_annotation
from stretchsite.languages import ENGLISH, Language, site_languages


def all_problems(root: Path, today: dt.date) -> list[Problem]:
    """Every language's problems (its content, translations and pages), and spelling."""
    problems = spelling_problems(root)
    for language in site_languages(root):
        problems += language_problems(root, today, language)
    return sorted(set(problems))


def language_problems(root: Path, today: dt.date, language: Language) -> list[Problem]:
    content, problems = content_build(root, today, language.config_file.name)
    if content is None or content.addresses is None:
        return problems
    pages = [(p.plan.edit_path, p.plan.src_uri, p.markdown) for p in content.pages.values()]
    pages += [(content.shown_docs[uri], uri, text) for uri, text in content.docs.items()]
    problems += readability_problems(pages, language.code, root)
    if language.code == ENGLISH:  # English words a patient may not know; the review status
        problems += plain_words_problems(root, pages, content.site_notice)
        if content.library is not None:
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
    return problems


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "Content check passed: no problems found."
    verdict = "failed" if errors else "passed with warnings"
    return f"Content check {verdict}: {errors} error(s), {warnings} warning(s)."


def run(root: Path, today: dt.date, github: bool = False) -> int:
    problems = all_problems(root.resolve(), today)
    for problem in problems:
        print(problem)
        if github:
            print(github_annotation(problem))
    print(summary(problems))
    return 1 if any(p.severity == "error" for p in problems) else 0
