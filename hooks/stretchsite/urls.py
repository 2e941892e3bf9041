"""`python -m stretchsite.urls`: record every current page address in content/published-urls.txt.

Addresses are only ever added: one that is no longer a page stays listed, so that the build
insists on a redirect for it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from .addresses import REGISTRY, read_address_book, registry_text
from .check import live_paths
from .content import inspect_content


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0] if argv else ".").resolve()
    library, _ = inspect_content(root, dt.date.today())
    if library is None:
        print("Fix the content first: `make check` lists the problems.", file=sys.stderr)
        return 1
    book, _ = read_address_book(root)
    live = live_paths(root, library)
    added = sorted(live - set(book.recorded))
    (root / REGISTRY).write_text(registry_text([*book.recorded, *live]), encoding="utf-8")
    for path in added:
        print(f"recorded {path}")
    print(f"{REGISTRY}: {len(set(book.recorded) | live)} addresses, {len(added)} new")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
