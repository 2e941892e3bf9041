"""Single-sourced safety text inside hand-written pages: `<!-- safety: NAME -->` markers."""

from __future__ import annotations

import re
from collections.abc import Mapping

MARKER = re.compile(r"^<!--\s*safety:\s*([a-z-]+)\s*-->\s*$", re.MULTILINE)


class SnippetError(Exception):
    def __init__(self, line: int, rule: str) -> None:
        super().__init__(rule)
        self.line = line
        self.rule = rule


def insert_snippets(markdown: str, snippets: Mapping[str, str]) -> str:
    """Replace each marker with its safety block; an unknown name is an error with its line."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in snippets:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(snippets))
            raise SnippetError(line, f'unknown safety block "{name}" (known: {known})')
        return snippets[name]

    return MARKER.sub(replace, markdown)
