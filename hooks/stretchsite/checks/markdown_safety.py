"""Hand-written pages in docs/ may not carry script: no <script>, no on...= handlers, no
javascript: links."""

from __future__ import annotations

import re
from pathlib import Path

from stretchsite.content.problems import Problem

_UNSAFE_MARKDOWN = [
    (re.compile(r"<\s*script\b", re.I), "scripts are not allowed in pages"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "inline event handlers (on...=) are not allowed"),
    (
        re.compile(r"(?:\]\(|href\s*=\s*[\"']?)\s*javascript:", re.I),
        "javascript: links are not allowed",
    ),
]


def unsafe_markdown_problems(root: Path, folder: str = "docs") -> list[Problem]:
    """Every line of the Markdown pages in `root/folder` that could carry script."""
    problems = []
    for file in sorted((root / folder).rglob("*.md")):
        text = file.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for pattern, rule in _UNSAFE_MARKDOWN:
                if pattern.search(line):
                    problems.append(Problem(file.relative_to(root).as_posix(), number, "", rule))
    return problems
