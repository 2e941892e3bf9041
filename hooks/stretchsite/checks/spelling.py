"""Spelling in content/ and docs/, by codespell, with the project's own word list.

English only: codespell knows English misspellings, and would take Spanish words such as
"hace" or "profesional" for them, so the other languages' folders (content/es/, docs/es/) are
not read."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from codespell_lib import main as codespell

from stretchsite.content.problems import Problem
from stretchsite.languages import translation_folders

WORD_LIST = ".codespell-words.txt"


def spelling_problems(root: Path) -> list[Problem]:
    others = translation_folders(root)
    targets = [
        str(path)
        for folder in (root / "content", root / "docs")
        for path in (sorted(folder.iterdir()) if folder.is_dir() else [])
        if path.name not in others
    ]
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
