"""A language's content: the English files, with a translation's words laid over them.

A translation (like `content/es/stretches/knee-to-chest.yml`) holds the words of its English file
under the same keys, with as many list items, and nothing else: its numbers, slugs, dose, warning,
review and sources always come from the English file, so a translation can never show another
dose. It records the English words it was translated from (`translated_from`: a short hash of
each field), so that when the English changes the check names the fields that changed, and the
page says so, until a translator updates the words and runs `make translated FILE=...`.

Stretches and routines can be translated one at a time: one without a translation (or a
routine with an untranslated stretch) is left out of that language, whose list pages link to
the English page. The safety text and the tips are needed before a language has any page.
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from stretchsite.content.messages import validate
from stretchsite.content.problems import Problem, errors_only
from stretchsite.content.yamlsource import Document, FieldPath, format_field, read_yaml
from stretchsite.kinds import KINDS, PageKind
from stretchsite.pages.strings import strings

RECORD = "translated_from"
# Fields that always come from the English file, at any depth of a kind's files. A review's
# dates are not words; its reviewer's name and credentials are, but never a registration.
ENGLISH_ONLY: dict[str, frozenset[str]] = {
    "stretches": frozenset(
        {
            "body_area",
            "hold_seconds",
            "repetitions",
            "sides",
            "position",
            "times_per_day",
            "related",
            "warning",
            "registration",
            "pictures",  # poses: the same in every language
            "sources",
        }
    ),
    "routines": frozenset(
        {
            "warning",
            "registration",
            "sources",
            "stretch",
            "hold_seconds",
            "repetitions",
            "times_per_day",
        }
    ),
    "tips": frozenset({"registration", "sources"}),
    # Red flags awaiting sign-off are for clinicians, in English, on no page.
    "safety": frozenset({"registration", "sources", "awaiting_sign_off"}),
}


def leaves(data: Any, where: FieldPath = ()) -> dict[FieldPath, Any]:
    """Every value in a file's data that is not a group or a list, by field path."""
    found: dict[FieldPath, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            found.update(leaves(value, (*where, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.update(leaves(value, (*where, index)))
    else:
        found[where] = data
    return found


def words(data: Any, english_only: frozenset[str]) -> dict[FieldPath, str]:
    """Every text a translation gives, by field path: the strings outside English-only fields."""
    return {
        where: value
        for where, value in leaves(data).items()
        if isinstance(value, str) and not any(part in english_only for part in where)
    }


def fingerprint(text: str) -> str:
    """A short hash of an English text: it changes when the text does."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


def record_of(english: Mapping[FieldPath, str]) -> dict[str, str]:
    """The `translated_from` record of a translation made from these English words."""
    return {format_field(where): fingerprint(text) for where, text in english.items()}


def _list_of(name: str) -> str | None:
    """The list a field is an item of (`steps[3]` -> `steps`), or None."""
    return name[: name.rindex("[")] if name.endswith("]") else None


def changed_fields(recorded: Mapping[str, str], english: Mapping[FieldPath, str]) -> list[str]:
    """The English fields that changed since the record was made: a list's items one by one,
    or the whole list where items were added or removed."""
    current = record_of(english)

    def items(fields: Mapping[str, str], whole: str) -> int:
        return sum(1 for name in fields if _list_of(name) == whole)

    changed: list[str] = []
    for name in [*current, *(name for name in recorded if name not in current)]:
        whole = _list_of(name)
        if whole is not None and items(current, whole) != items(recorded, whole):
            name = whole
        elif recorded.get(name) == current.get(name):
            continue
        if name not in changed:
            changed.append(name)
    return changed


@dataclass
class Translated:
    """One language's content, ready for the library: what was translated, what was left out
    and what is stale."""

    content: dict[str, dict[str, BaseModel]] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    left_out: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> slug -> title
    stale: dict[str, list[str]] = field(default_factory=dict)  # key -> changed fields
    problems: list[Problem] = field(default_factory=list)


_PLACEHOLDER = re.compile(r"\{\w+\}")


def _placeholders(text: str) -> str:
    return ", ".join(sorted(set(_PLACEHOLDER.findall(text))))


def _same_placeholders(english: str, translated: str) -> bool:
    """A translation keeps the English text's {placeholders}, every one and no other."""
    return set(_PLACEHOLDER.findall(english)) == set(_PLACEHOLDER.findall(translated))


def _set(data: Any, where: FieldPath, value: str) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


class _Translator:
    def __init__(self, root: Path, language: str, english: Mapping[str, Document]) -> None:
        self.root = root
        self.language = language
        self.english = english
        self.result = Translated()

    def file_of(self, kind: PageKind, slug: str) -> Path:
        name = f"{kind.name}/{slug}.yml" if kind.folder else f"{kind.name}.yml"
        return self.root / "content" / self.language / name

    def problem(
        self, path: str, line: int, where: FieldPath, rule: str, level: str = "error"
    ) -> None:
        self.result.problems.append(Problem(path, line, format_field(where), rule, level))

    def translate(self, kind: PageKind, key: str, file: Path) -> BaseModel | None:
        """The English file `key` with the words of `file` laid over it, or None."""
        shown = file.relative_to(self.root).as_posix()
        document, problems = read_yaml(file, shown)
        self.result.problems += problems
        if document is None:
            return None
        if not isinstance(document.data, dict):
            self.problem(shown, 1, (), "must be a group of fields (name: value)")
            return None
        english_data = self.english[key].data
        english_only = ENGLISH_ONLY[kind.name]
        data = dict(document.data)
        recorded = data.pop(RECORD, None)
        wanted = words(english_data, english_only)
        given = leaves(data)
        english_file = self.english[key].path
        errors = len(self.result.problems)
        for where, value in given.items():
            if any(part in english_only for part in where if isinstance(part, str)):
                rule = f"comes from {english_file}; remove it here"  # the dose, and the like
                self.problem(shown, document.line_of(where), where, rule)
            elif where not in wanted:
                continue  # the English lost this field (below)
            elif not isinstance(value, str):
                self.problem(shown, document.line_of(where), where, "must be text")
            elif not _same_placeholders(wanted[where], value):
                rule = (
                    f"must keep {_placeholders(wanted[where]) or 'no {placeholders}'} as in "
                    f"{english_file}: the site fills in its phone numbers and services there"
                )
                self.problem(shown, document.line_of(where), where, rule)
            elif value == wanted[where] and len(value.split()) > 3:
                rule = f"is the same as in {english_file}: translate it"
                self.problem(shown, document.line_of(where), where, rule, "warning")
        if errors_only(self.result.problems[errors:]):
            return None
        # The English gained or lost a field or an item: the translation no longer matches.
        # A page is never half translated, so it is left out (a stretch or routine, linked in
        # English instead) until it is translated; the language's safety text and tips must
        # match before the language has any page.
        shape = sorted((wanted.keys() - given.keys()) | (given.keys() - wanted.keys()))
        if shape:
            level = "warning" if kind.folder else "error"
            for where in shape:
                what = "is missing" if where in wanted else f"is not in {english_file}"
                rule = f"{what}: translate the English again"
                if kind.folder:
                    rule += " (the page is left out of this language until then)"
                self.problem(shown, document.line_of(where), where, rule, level)
            return None
        merged = copy.deepcopy(english_data)
        for where, text in given.items():
            _set(merged, where, text)
        translated = Document(shown, merged, document.lines)
        t = strings(self.language)
        rules = {"dont_starts_with": t.dont_starts_with}
        valid, problems = validate(kind.model, translated, rules)
        self.result.problems += problems
        self.result.documents[key] = translated
        self.check_record(shown, document, recorded, wanted, key)
        return valid

    def check_record(
        self,
        shown: str,
        document: Document,
        recorded: object,
        english: Mapping[FieldPath, str],
        key: str,
    ) -> None:
        line = document.line_of((RECORD,))
        if not isinstance(recorded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in recorded.items()
        ):
            rule = (
                "no record of the English it was translated from; run "
                f"`make translated FILE={shown}`"
            )
            self.problem(shown, line, (), rule, "warning")
            self.result.stale[key] = []
            return
        changed = changed_fields(recorded, english)
        if changed:
            rule = (
                "translated from an older English version; changed: "
                f"{', '.join(changed)} (update the words, then run `make translated FILE={shown}`)"
            )
            self.problem(shown, line, (), rule, "warning")
            self.result.stale[key] = changed


def translate_content(
    root: Path,
    language: str,
    english: Mapping[str, Mapping[str, BaseModel]],
    documents: Mapping[str, Document],
) -> Translated:
    """The content of `language`: each English item with its translation laid over it."""
    translator = _Translator(root, language, documents)
    result = translator.result
    for kind in KINDS:
        result.content[kind.name] = {}
        result.left_out[kind.name] = {}
        slugs = list(english[kind.name]) if kind.folder else [""]
        for slug in slugs:
            key = f"{kind.name}/{slug}" if kind.folder else kind.name
            file = translator.file_of(kind, slug)
            if not file.is_file():
                if kind.folder:
                    result.left_out[kind.name][slug] = str(english[kind.name][slug].title)  # type: ignore[attr-defined]
                else:
                    shown = file.relative_to(root).as_posix()
                    rule = (
                        f"file is missing: a language needs its {kind.name} text before any of "
                        f"its pages is published; translate {documents[key].path}"
                    )
                    result.problems.append(Problem(shown, 1, "", rule))
                continue
            valid = translator.translate(kind, key, file)
            if valid is not None:
                result.content[kind.name][slug] = valid
            elif kind.folder:  # no longer matches its English: linked in English instead
                result.left_out[kind.name][slug] = str(english[kind.name][slug].title)  # type: ignore[attr-defined]
    for kind in KINDS:  # a translation whose English file was renamed or removed
        folder = root / "content" / language / kind.name
        for file in sorted(folder.glob("*.yml")) if kind.folder else []:
            if file.stem not in english[kind.name]:
                rule = (
                    f"no English file {kind.source_file(file.stem)} for this translation: rename "
                    "it with its English file, or remove it"
                )
                result.problems.append(
                    Problem(file.relative_to(root).as_posix(), 1, "", rule, "warning")
                )
    titles = {slug: str(r.title) for slug, r in english["routines"].items()}  # type: ignore[attr-defined]
    _leave_out_routines_of_untranslated_stretches(result, titles)
    return result


def _leave_out_routines_of_untranslated_stretches(
    result: Translated, english_titles: Mapping[str, str]
) -> None:
    """A routine is shown only in a language that has all its stretches; a stretch's related
    stretches only those that language has."""
    stretches = result.content.get("stretches", {})
    routines = result.content.get("routines", {})
    for slug, routine in list(routines.items()):
        if any(item.stretch not in stretches for item in routine.stretches):  # type: ignore[attr-defined]
            del routines[slug]
            result.left_out["routines"][slug] = english_titles[slug]
    for slug, stretch in list(stretches.items()):
        related = [r for r in stretch.related if r in stretches]  # type: ignore[attr-defined]
        stretches[slug] = stretch.model_copy(update={"related": related})
