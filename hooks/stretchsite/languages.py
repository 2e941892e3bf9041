"""The site's languages: English from `mkdocs.yml`, and one `mkdocs.<code>.yml` per other language.

English is the content's own language, at the site's root. Another language's config inherits
`mkdocs.yml` (`INHERIT`) and changes the theme's language, the menu's words and the site's name;
its pages are built into `<code>/` by the English build (stretch_hooks.py on_post_build), from
the translations in `content/<code>/` and `docs/<code>/`. The same slugs give the same addresses
in every language, so a page's other languages are found by its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stretchsite.pages.strings import Strings, strings

ENGLISH = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, for the language menu: "Español"
    config_file: Path

    @property
    def prefix(self) -> str:
        """Where its pages live under the site's root: "" for English, "es/" for Spanish."""
        return "" if self.code == ENGLISH else f"{self.code}/"


def site_languages(root: Path) -> list[Language]:
    """English first, then every language with a `mkdocs.<code>.yml`, by code."""
    codes = sorted(file.name.split(".")[1] for file in root.glob("mkdocs.*.yml"))
    files = {ENGLISH: root / "mkdocs.yml"} | {code: root / f"mkdocs.{code}.yml" for code in codes}
    return [Language(code, _name(strings(code)), file) for code, file in files.items()]


def translation_folders(root: Path) -> set[str]:
    """The other languages' folder names (es), inside content/ and docs/: not English's."""
    return {language.code for language in site_languages(root)} - {ENGLISH}


def _name(t: Strings) -> str:
    return str(t.language_name)


def translation_of(english_file: str, code: str) -> str:
    """Where a language keeps its words for an English content file:
    content/stretches/x.yml -> content/es/stretches/x.yml (English: the file itself)."""
    if code == ENGLISH:
        return english_file
    return f"content/{code}/{english_file.removeprefix('content/')}"
