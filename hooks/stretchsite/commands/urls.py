"""`python -m stretchsite urls`: record every current page address in content/published-urls.txt.

Addresses are only ever added: one that is no longer a page stays listed, so that the build
insists on a redirect for it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from stretchsite.build import content_build
from stretchsite.checks.addresses import REGISTRY, read_address_book, registry_text
from stretchsite.languages import site_languages


def run(root: Path) -> int:
    root = root.resolve()
    live: set[str] = set()
    for language in site_languages(root):  # every language's pages, like /es/tips/
        content, _ = content_build(root, dt.date.today(), language.config_file.name)
        if content is None or not content.live:
            print("Fix the content first: `make check` lists the problems.", file=sys.stderr)
            return 1
        live |= content.live
    book, _ = read_address_book(root)
    added = sorted(live - set(book.recorded))
    (root / REGISTRY).write_text(registry_text([*book.recorded, *live]), encoding="utf-8")
    for path in added:
        print(f"recorded {path}")
    print(f"{REGISTRY}: {len(set(book.recorded) | live)} addresses, {len(added)} new")
    return 0
