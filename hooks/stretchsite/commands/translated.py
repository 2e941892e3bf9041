"""`python -m stretchsite translated FILE...`: record that translations follow today's English.

Run it after updating a translation's words (`make translated FILE=content/es/tips.yml`). It
writes, at the end of each file, a `translated_from` block: a short hash of each English field.
When the English changes later, the check names the fields that changed and the page says the
translation is older than the English, until the words are updated and this is run again.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from stretchsite.content.translations import ENGLISH_ONLY, RECORD, record_of, words
from stretchsite.content.yamlsource import read_yaml
from stretchsite.kinds import KIND

_BLOCK = re.compile(
    rf"(?m)^# The English words this translation follows.*\n|^{RECORD}:.*\n(?:^[ \t]+.*\n?)*"
)


def english_file(root: Path, translation: Path) -> tuple[Path, str] | str:
    """The English file a translation is made from and its kind, or why there is none."""
    parts = translation.resolve().relative_to(root.resolve() / "content").parts
    if len(parts) == 2 and parts[1].endswith(".yml") and Path(parts[1]).stem in KIND:
        kind = Path(parts[1]).stem
        return root / "content" / parts[1], kind
    if len(parts) == 3 and parts[1] in KIND and KIND[parts[1]].folder:
        return root / "content" / parts[1] / parts[2], parts[1]
    return "is not a translation: translations are content/<language>/<file>.yml"


def record(root: Path, translation: Path) -> str | None:
    """Write the record of today's English into a translation; why not, if it cannot be."""
    try:
        found = english_file(root, translation)
    except ValueError:
        return "is not in this project's content/ folder"
    if isinstance(found, str):
        return found
    english, kind = found
    document, problems = read_yaml(english, english.relative_to(root).as_posix())
    if document is None:
        return f"its English file {english.relative_to(root)} cannot be read: {problems[0].rule}"
    fields = record_of(words(document.data, ENGLISH_ONLY[kind]))
    lines = "".join(f'  "{name}": "{value}"\n' for name, value in fields.items())
    text = _BLOCK.sub("", translation.read_text(encoding="utf-8")).rstrip("\n")
    block = (
        "# The English words this translation follows: written by `make translated`; "
        "do not edit.\n"
        f"{RECORD}:\n{lines}"
    )
    translation.write_text(f"{text}\n\n{block}", encoding="utf-8")
    return None


def run(root: Path, files: list[Path]) -> int:
    failed = 0
    for file in files:
        if not file.is_file():
            print(f"{file}: no such file", file=sys.stderr)
            failed += 1
            continue
        why = record(root, file)
        if why:
            print(f"{file}: {why}", file=sys.stderr)
            failed += 1
        else:
            print(f"{file}: now follows today's English")
    return 1 if failed else 0
