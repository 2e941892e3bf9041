"""Problems found in content, reported to editors as `path:line: field: rule` (and, in GitHub
Actions, as notes on the changed lines of a pull request: `github_annotation`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file, located by line and field."""

    path: str
    line: int
    field: str
    rule: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.field:
            return f"{where}: {prefix}{self.field}: {self.rule}"
        return f"{where}: {prefix}{self.rule}"


class ContentError(Exception):
    """Raised once, after every problem in the content has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        super().__init__("\n".join([*lines, f"Content has {count} {noun}; nothing was built."]))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def github_annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command (`::error file=...,line=...`), which a
    pull request shows as a note on that line of the file. Escaped as GitHub unescapes: in the
    message `%`, CR and LF; in the properties also `:` and `,`."""
    properties = {
        "file": problem.path,
        "line": str(problem.line),
        "title": problem.field or "content check",
    }
    shown = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{problem.severity} {shown}::{_escape_data(problem.rule)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
