"""Pull-request checks beyond the schema: reading level, spelling, unsafe Markdown.

These run in the check command (and so in pre-commit and CI), not in every build: they read every
page as text and are slower than the schema checks.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import yaml
from codespell_lib import main as codespell

from .errors import Problem
from .library import Library
from .model import HelpContacts
from .readability import main_text, score
from .render import Renderer
from .snippets import insert_snippets

MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_UNSAFE_MARKDOWN = [
    (re.compile(r"<\s*script\b", re.I), "scripts are not allowed in pages"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I), "inline event handlers (on...=) are not allowed"),
    (
        re.compile(r"(?:\]\(|href\s*=\s*[\"']?)\s*javascript:", re.I),
        "javascript: links are not allowed",
    ),
]
WORD_LIST = ".codespell-words.txt"


def site_contacts(root: Path) -> HelpContacts:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return HelpContacts.model_validate(config["extra"]["help_contacts"])


def docs_pages(root: Path, relative_to: str = ".") -> Iterator[tuple[str, str]]:
    """Hand-written pages: (path, text), the path relative to `root / relative_to`."""
    base = root / relative_to
    for file in sorted((root / "docs").rglob("*.md")):
        yield file.relative_to(base).as_posix(), file.read_text(encoding="utf-8")


def site_renderer(root: Path, library: Library) -> Renderer:
    """A renderer with the site's own phone numbers, for checks outside a MkDocs build."""
    return Renderer(library, site_contacts(root), "https://example.invalid/")


def readability_problems(root: Path, library: Library) -> list[Problem]:
    renderer = site_renderer(root, library)
    converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    pages = [(page.edit_path, page.src_uri, page.markdown) for page in renderer.pages()]
    snippets = renderer.snippets()
    pages += [(path, path, insert_snippets(text, snippets)) for path, text in docs_pages(root)]
    problems = []
    for path, src_uri, text in pages:
        html = converter.reset().convert(_FRONT_MATTER.sub("", text))
        result = score(main_text(f"<article>{html}</article>"))
        if result.words and not result.plain_enough:
            rule = (
                f"page {src_uri} is too hard to read ({result}); aim for grade 8 and "
                "SMOG 10 or lower: shorter sentences, everyday words"
            )
            problems.append(Problem(path, 1, "", rule))
    return problems


def unsafe_markdown_problems(root: Path) -> list[Problem]:
    problems = []
    for path, text in docs_pages(root):
        for number, line in enumerate(text.splitlines(), 1):
            for pattern, rule in _UNSAFE_MARKDOWN:
                if pattern.search(line):
                    problems.append(Problem(path, number, "", rule))
    return problems


def spelling_problems(root: Path) -> list[Problem]:
    targets = [str(root / "content"), str(root / "docs")]
    args = ["--quiet-level", "2", "--skip", "*.svg,*.js,*.css"]
    words = root / WORD_LIST
    if words.exists():
        args += ["--ignore-words", str(words)]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        codespell(*args, *targets)
    problems = []
    for line in out.getvalue().splitlines():
        found = re.match(r"(.+?):(\d+): (.+)$", line)
        if found:
            path = Path(found.group(1)).resolve().relative_to(root.resolve()).as_posix()
            rule = f"spelling: {found.group(3)} (add real words to {WORD_LIST})"
            problems.append(Problem(path, int(found.group(2)), "", rule))
    return problems
