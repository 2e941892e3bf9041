"""The words around the content, one catalogue per language: `strings/en.yml` for English.

Templates read them as `t.key`, or `t("key", name=value)` to fill in `{name}`; a counted entry
(`one`, `two`, `other`) is picked by the number `n`. The entries under `browser` are also the
JavaScript's words: the theme writes them into every page as a JSON data block.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

CATALOGUES = Path(__file__).parent / "strings"
# Words only the routine builder's and shared routine's own scripts use (their pages name them
# in `scripts:`); other pages leave them out, about 2 KB less on every stretch page.
ROUTINE_SCRIPTS_ONLY = ("builder_", "link_", "routine_")
_COUNTS = {1: "one", 2: "two"}


class Strings:
    """One language's catalogue: every key at one level, the browser's part kept apart too."""

    def __init__(self, language: str, catalogue: dict[str, Any]) -> None:
        self.language = language
        self.browser: dict[str, Any] = catalogue.get("browser", {})
        self.entries = {k: v for k, v in catalogue.items() if k != "browser"} | self.browser

    def browser_words(self, routine_scripts: bool) -> dict[str, Any]:
        """The browser's words for a page: the routine scripts' own only where they run."""
        if routine_scripts:
            return self.browser
        return {k: v for k, v in self.browser.items() if not k.startswith(ROUTINE_SCRIPTS_ONLY)}

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self.entries[key]
        except KeyError:
            raise AttributeError(f"no {key!r} in the {self.language} strings") from None

    def __call__(self, key: str, /, **values: object) -> str:
        """The words for `key` with `{name}`s filled in; a counted entry's form is chosen by n."""
        entry = self.entries[key]
        if isinstance(entry, dict):
            entry = entry.get(_COUNTS.get(values["n"], "other"), entry["other"])
        return str(entry).format(**values)


@functools.cache
def strings(language: str = "en") -> Strings:
    catalogue = (CATALOGUES / f"{language}.yml").read_text(encoding="utf-8")
    return Strings(language, YAML(typ="safe", pure=True).load(catalogue))
