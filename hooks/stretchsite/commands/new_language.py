"""`python -m stretchsite new-language CODE NAME`: start another language, to translate.

Writes, each from its English original, for a translator to put into the new language:
- `mkdocs.<code>.yml`: the site's name, the menu and the words for the help services;
- `hooks/stretchsite/pages/strings/<code>.yml`: the words around the content;
- `content/<code>/safety.yml` and `tips.yml`: the words of the safety text and the tips (a
  language needs both before it has any page);
- `docs/<code>/*.md`: the hand-written pages.
Stretches and routines are translated one at a time, into `content/<code>/stretches/` and
`content/<code>/routines/`; until then they are left out of the language. Everything starts in
English: translate every file before the pull request that adds the language is merged.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from stretchsite.content.translations import ENGLISH_ONLY
from stretchsite.pages.strings import CATALOGUES

CODE = re.compile(r"^[a-z]{2,3}$")
_DATES = frozenset({"last_reviewed", "next_review_due"})  # not words: from the English file
_CONFIG = """\
# The {name} site, at /{code}/ (see mkdocs.es.yml for what a language's config holds).
INHERIT: mkdocs.yml

site_name: {site_name}

nav:
{nav}
theme:
  language: {code}

plugins:
  - search:
      lang: {code}

extra:
  help_contacts:
    emergency_place: {emergency_place}
    urgent_service: {urgent_service}
    routine_contact: {routine_contact}
  translation_checked_by: ""
"""


def _words_only(text: str, fields: frozenset[str]) -> str:
    """A content file without its English-only fields (each with what is indented under it)
    and without its schema line (the schema asks for those fields)."""
    kept: list[str] = []
    skip_under: int | None = None  # the indent of the field being left out
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if skip_under is not None and (not line.strip() or indent > skip_under):
            continue
        skip_under = None
        key = re.match(r"^\s*([a-z_]+):", line)
        if key and key.group(1) in fields:
            skip_under = indent
            continue
        if not line.startswith("# yaml-language-server"):
            kept.append(line)
    return "".join(kept)


def run(root: Path, code: str, name: str) -> int:
    if not CODE.match(code) or code == "en":
        print(f"{code!r}: use a two- or three-letter language code, like fr", file=sys.stderr)
        return 2
    config = root / f"mkdocs.{code}.yml"
    if config.exists():
        print(f"{config.name} already exists: {name} has been started", file=sys.stderr)
        return 2
    english = (root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = english[english.index("\nnav:\n") + 6 :].split("\n\n", 1)[0] + "\n"

    def setting(key: str) -> str:
        found = re.search(rf"(?m)^\s*{key}: (.*)$", english)
        return found.group(1).strip() if found else ""

    config.write_text(
        _CONFIG.format(
            name=name,
            code=code,
            site_name=setting("site_name"),
            nav=nav,
            emergency_place=setting("emergency_place"),
            urgent_service=setting("urgent_service"),
            routine_contact=setting("routine_contact"),
        ),
        encoding="utf-8",
    )
    catalogues = root / "hooks" / "stretchsite" / "pages" / CATALOGUES.name
    catalogue = (catalogues / "en.yml").read_text(encoding="utf-8")
    catalogue = re.sub(r"(?m)^language_name: .*$", f"language_name: {name}", catalogue)
    (catalogues / f"{code}.yml").write_text(
        f"# {name} words for the site's frame: translate every value (see en.yml).\n" + catalogue,
        encoding="utf-8",
    )
    content = root / "content" / code
    content.mkdir(parents=True, exist_ok=True)
    for kind in ("safety", "tips"):
        text = (root / "content" / f"{kind}.yml").read_text(encoding="utf-8")
        translation = content / f"{kind}.yml"
        translation.write_text(
            f"# {name} translation of content/{kind}.yml: translate every value.\n"
            + _words_only(text, ENGLISH_ONLY[kind] | _DATES),
            encoding="utf-8",
        )
    pages = root / "docs" / code
    for page in sorted((root / "docs").glob("*.md")):
        pages.mkdir(exist_ok=True)
        shutil.copy2(page, pages / page.name)
    print(
        f"Started {name}: translate {config.name}, hooks/stretchsite/pages/strings/{code}.yml, "
        f"content/{code}/ and docs/{code}/ (see EDITING.md, 'Add a language')."
    )
    return 0
