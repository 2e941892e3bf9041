"""The strings catalogue: the words the code and templates write come from one file per language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import stretchsite.pages.strings as strings_module
from conftest import FIXTURES, ROOT, UK
from stretchsite.checks.addresses import redirect_page
from stretchsite.content.library import load_library
from stretchsite.content.model import BodyArea
from stretchsite.pages.catalogue import catalogue
from stretchsite.pages.render import TEMPLATES, Renderer
from stretchsite.pages.strings import CATALOGUES, strings

EN = strings()
ATTRIBUTES = set(vars(EN))  # language, browser, entries: not keys
HOOKS = ROOT / "hooks" / "stretchsite"
PYTHON = [
    *sorted((HOOKS / "pages").glob("*.py")),
    HOOKS / "checks" / "addresses.py",
    HOOKS / "build.py",
    HOOKS / "languages.py",
    HOOKS / "content" / "translations.py",
    ROOT / "hooks" / "stretch_hooks.py",
]
SCRIPTS = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))  # not vendor/
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.j2"))
SITE = "https://stretches.example.org/"

# t.key, t("key", ...) in templates and Python; t('key'), tNodes('key'), reason('key') in scripts
_LOOKUP = re.compile(r"""\bt(?:\.(\w+)|\(\s*"(\w+)")""")
_JS_LOOKUP = re.compile(r"""\b(?:t|tNodes|reason)\(\s*'(\w+)'""")
_JS_KEY = re.compile(r"'([a-z]+(?:_[a-z]+)+)'")  # the scripts write snake_case only for keys
_QUOTED = re.compile(r"""["'](\w+)["']""")


def lookups() -> dict[str, set[str]]:
    """Keys the code asks for, by file."""
    found = {}
    for file in [*TEMPLATE_FILES, *PYTHON]:
        if file.name != "strings.py":  # its docstring shows the syntax
            text = file.read_text(encoding="utf-8")
            found[file.name] = {a or b for a, b in _LOOKUP.findall(text)} - ATTRIBUTES
    for file in SCRIPTS:
        text = file.read_text(encoding="utf-8")
        found[file.name] = set(_JS_LOOKUP.findall(text)) | set(_JS_KEY.findall(text))
    return found


def test_every_key_looked_up_is_in_the_catalogue_and_every_key_is_used() -> None:
    found = lookups()
    missing = {(name, key) for name, keys in found.items() for key in keys if key not in EN.entries}
    assert missing == set()
    for script in SCRIPTS:  # only the browser part reaches the scripts
        assert found[script.name] <= set(EN.browser), script.name
    # Keys chosen in an expression (`"a" if x else "b"`) count as used where they are quoted.
    sources = [*TEMPLATE_FILES, *PYTHON, *SCRIPTS, ROOT / "overrides" / "main.html"]
    quoted = {key for f in sources for key in _QUOTED.findall(f.read_text(encoding="utf-8"))}
    used = set().union(*found.values()) | quoted
    assert set(EN.entries) - used == set()
    assert set(EN.body_areas) == set(BodyArea) and len(EN.months) == 12
    for other in CATALOGUES.glob("*.yml"):
        assert set(strings(other.stem).entries) == set(EN.entries), other.name


# What is left of a template once Jinja, HTML tags, link targets, attribute lists and front
# matter keys are taken out: patient words would be all that could remain.
_STRIP = [
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S),
    re.compile(r"<[^>]*>"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"\{ [^}]*\}"),
    re.compile(r"(?m)^\s*(title|description|search|exclude):"),
]
TEMPLATE_WORDS_ALLOWED = {"true"}  # `search: exclude: true` in front matter: MkDocs, not words


@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=lambda p: p.name)
def test_templates_have_no_words_of_their_own(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    assert set(re.findall(r"[^\W\d_]+", text)) - TEMPLATE_WORDS_ALLOWED == set()


_JS_COMMENT = re.compile(r"/\*.*?\*/|(?:^|\s)//[^\n]*", re.S)
_JS_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"")
_WORDS = re.compile(r"(?:^|\s)[A-Z][a-z]|(?:^|\s)[a-z]+ [a-z]+(?:\s|$)")  # "Start", "time left"
SCRIPT_STRINGS_ALLOWED = {
    "use strict",  # a directive
    "admonition warning routine-problem",  # CSS classes (Material's admonition)
}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_have_no_words_of_their_own(script: Path) -> None:
    code = _JS_COMMENT.sub("", script.read_text(encoding="utf-8"))
    literals = {a or b for a, b in _JS_STRING.findall(code)}
    assert {s for s in literals if _WORDS.search(s)} - SCRIPT_STRINGS_ALLOWED == set()


def values(value: Any) -> list[str]:
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in values(item)] if isinstance(value, list) else [value]


def shout(value: Any) -> Any:
    """The catalogue in capitals, {placeholders} kept: another language, as far as code can tell."""
    if isinstance(value, dict):
        return {key: shout(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shout(item) for item in value]
    parts = re.split(r"(\{\w+\})", value)
    return "".join(part if i % 2 else part.upper() for i, part in enumerate(parts))


def test_a_new_catalogue_is_all_another_language_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = YAML(typ="safe", pure=True).load((CATALOGUES / "en.yml").read_text("utf-8"))
    shutil.copy(CATALOGUES / "en.yml", tmp_path)
    (tmp_path / "xx.yml").write_text(json.dumps(shout(english)), "utf-8")  # JSON is YAML
    monkeypatch.setattr(strings_module, "CATALOGUES", tmp_path)
    library = load_library(FIXTURES / "library")
    pages = {
        language: dict(
            (plan.src_uri, markdown)
            for plan, markdown in Renderer(library, UK, SITE, language=language).pages()
        )
        for language in ("en", "xx")
    }
    heading = re.compile(r"(?m)^##+ .*$")
    stretch_page = "stretches/knee-to-chest.md"
    for en, xx in zip(
        heading.findall(pages["en"][stretch_page]),
        heading.findall(pages["xx"][stretch_page]),
        strict=True,
    ):
        assert en != xx  # every heading of a stretch page has words from the catalogue
    # No English from the catalogue is left on any page (words that content also uses aside).
    content = "\n".join(p.read_text("utf-8") for p in (FIXTURES / "library").rglob("*.yml"))
    fragments = {
        fragment.strip()
        for text in values(english)
        for fragment in re.split(r"\{\w+\}", text)
        if len(fragment.strip()) > 2 and fragment.strip() not in content
    }
    outputs = {
        **pages["xx"],
        "redirect": redirect_page("/old/", "/new/", SITE, strings("xx")),
        "library": json.dumps(catalogue(library, "{slug}", strings("xx"), ("999", "111"))),
    }
    shown = 0
    for fragment in fragments:
        words = re.compile(rf"(?<![\w/.-]){re.escape(fragment)}(?!\w)")  # not inside a URL
        for name, text in outputs.items():
            assert not words.search(text), (name, fragment)
            shown += bool(words.search(pages["en"].get(name, "")))
    assert shown > 100  # the check saw the catalogue's words on the English pages
