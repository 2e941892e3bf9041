"""Hand-written pages in docs/ may not carry script: no <script>, no on...= handlers, no link
but to http(s), mailto, tel or a page of this site. Checked before a build writes anything."""

from __future__ import annotations

import re

from stretchsite.content.model import has_unsafe_link

_UNSAFE_MARKDOWN = [
    (re.compile(r"<\s*script\b", re.I), "scripts are not allowed in pages"),
    (
        re.compile(r"(?:<[^>]*|\{[^}]*)[\s{]on[a-z]+\s*=", re.I),
        "inline event handlers (on...=) are not allowed",
    ),
]
_LINK_RULE = "links must start with https://, http://, mailto: or tel:, or point to this site"


def unsafe_lines(text: str) -> list[tuple[int, str]]:
    """(line, rule) for each line of a Markdown page that could run script."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        found += [(number, rule) for pattern, rule in _UNSAFE_MARKDOWN if pattern.search(line)]
        if has_unsafe_link(line) or re.search(r"href\s*=\s*[\"']?\s*javascript:", line, re.I):
            found.append((number, _LINK_RULE))
    return found
