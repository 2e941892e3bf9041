"""Load every content file, validate each against the schema, then check references between them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from .errors import ContentError, Problem, errors_only
from .messages import validate
from .model import SLUG_PATTERN, Routine, Safety, Stretch, Tips
from .yamlsource import Document, format_field, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Library:
    """All validated content, with where each piece came from (for edit links and messages)."""

    root: Path
    stretches: dict[str, Stretch]
    routines: dict[str, Routine]
    tips: Tips
    safety: Safety
    source_paths: dict[str, str] = field(default_factory=dict)
    illustrations: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)

    def stretch_source(self, slug: str) -> str:
        return self.source_paths[f"stretches/{slug}"]

    def routine_source(self, slug: str) -> str:
        return self.source_paths[f"routines/{slug}"]


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.documents: dict[str, Document] = {}
        self.source_paths: dict[str, str] = {}
        self.slugs: dict[str, set[str]] = {}

    def shown(self, file: Path) -> str:
        return file.relative_to(self.root).as_posix()

    def load(self, file: Path, model: type[M], key: str) -> M | None:
        shown = self.shown(file)
        if not file.is_file():
            self.problems.append(Problem(shown, 1, "", "file is missing"))
            return None
        document, problems = read_yaml(file, shown)
        self.problems.extend(problems)
        if document is None:
            return None
        self.documents[key] = document
        self.source_paths[key] = shown
        if not isinstance(document.data, dict):
            self.problems.append(Problem(shown, 1, "", "must be a group of fields (name: value)"))
            return None
        valid, problems = validate(model, document)
        flagged = {(p.path, p.field) for p in self.problems}
        self.problems.extend(p for p in problems if (p.path, p.field) not in flagged)
        return valid  # type: ignore[return-value]

    def load_folder(self, folder: Path, model: type[M], kind: str) -> dict[str, M]:
        loaded: dict[str, M] = {}
        if not folder.is_dir():
            self.problems.append(Problem(self.shown(folder), 1, "", "folder is missing"))
            return loaded
        for file in sorted(folder.iterdir()):
            if file.suffix == ".yaml":
                rule = "content files end in .yml; rename this file"
                self.problems.append(Problem(self.shown(file), 1, "", rule))
                continue
            if file.suffix != ".yml":
                continue
            if not re.match(SLUG_PATTERN, file.stem):
                rule = (
                    "file name becomes the page address: use lowercase words joined by "
                    "hyphens, like knee-to-chest.yml"
                )
                self.problems.append(Problem(self.shown(file), 1, "", rule))
                continue
            self.slugs.setdefault(kind, set()).add(file.stem)
            valid = self.load(file, model, f"{kind}/{file.stem}")
            if valid is not None:
                loaded[file.stem] = valid
        return loaded

    def refer(
        self, key: str, where: tuple[str | int, ...], target: str, known: Iterable[str], what: str
    ) -> None:
        known = set(known)
        if target in known:
            return
        document = self.documents[key]
        choices = ", ".join(sorted(known)) or "none"
        self.problems.append(
            Problem(
                document.path,
                document.line_of(where),
                format_field(where),
                f'no {what} called "{target}" (known: {choices})',
            )
        )


def _text(data: object, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _items(data: object, key: str) -> list[object]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def check_references(loader: _Loader, safety: Safety | None) -> None:
    """References between files, checked on every readable file, valid or not."""
    warnings = set(safety.warnings) if safety else set()
    stretch_slugs = loader.slugs.get("stretches", set())
    for key, document in loader.documents.items():
        kind, _, slug = key.partition("/")
        if kind not in ("stretches", "routines"):
            continue
        warning = _text(document.data, "warning")
        if warning is not None and safety is not None:
            loader.refer(key, ("warning",), warning, warnings, "safety warning")
        if kind == "stretches":
            for i, related in enumerate(_items(document.data, "related")):
                if not isinstance(related, str):
                    continue
                if related == slug:
                    loader.problems.append(
                        Problem(
                            document.path,
                            document.line_of(("related", i)),
                            format_field(("related", i)),
                            "a stretch cannot be related to itself",
                        )
                    )
                else:
                    loader.refer(key, ("related", i), related, stretch_slugs, "stretch")
        else:
            for i, item in enumerate(_items(document.data, "stretches")):
                target = _text(item, "stretch")
                if target is not None:
                    loader.refer(key, ("stretches", i, "stretch"), target, stretch_slugs, "stretch")


def check_unique_titles(loader: _Loader, library: Library) -> None:
    seen: dict[str, str] = {}
    pages = [(f"stretches/{s}", x.title) for s, x in library.stretches.items()]
    pages += [(f"routines/{s}", x.title) for s, x in library.routines.items()]
    for key, title in pages:
        folded = title.casefold()
        if folded in seen:
            document = loader.documents[key]
            other = loader.source_paths[seen[folded]]
            loader.problems.append(
                Problem(
                    document.path,
                    document.line_of(("title",)),
                    "title",
                    f'"{title}" is already the title of {other}; titles must be unique',
                )
            )
        else:
            seen[folded] = key


def find_illustrations(loader: _Loader, stretches: dict[str, Stretch]) -> dict[str, Path]:
    folder = loader.root / "content" / "illustrations"
    found: dict[str, Path] = {}
    if folder.is_dir():
        known = loader.slugs.get("stretches", set())
        for file in sorted(folder.glob("*.svg")):
            if file.stem not in known:
                rule = f'no stretch called "{file.stem}" for this picture; name it <slug>.svg'
                loader.problems.append(Problem(loader.shown(file), 1, "", rule))
            elif file.stem in stretches:
                found[file.stem] = file
    for slug in stretches:
        if slug not in found:
            document = loader.documents[f"stretches/{slug}"]
            rule = f"no picture yet: add content/illustrations/{slug}.svg"
            loader.problems.append(Problem(document.path, 1, "", rule, "warning"))
    return found


def inspect_library(root: Path) -> tuple[Library | None, list[Problem]]:
    """Load and check all content under `root/content`; never raises for bad content."""
    loader = _Loader(root)
    content = root / "content"
    safety = loader.load(content / "safety.yml", Safety, "safety")
    tips = loader.load(content / "tips.yml", Tips, "tips")
    stretches = loader.load_folder(content / "stretches", Stretch, "stretches")
    routines = loader.load_folder(content / "routines", Routine, "routines")
    check_references(loader, safety)
    illustrations = find_illustrations(loader, stretches)
    if safety is None or tips is None:
        return None, loader.problems
    library = Library(
        root,
        stretches,
        routines,
        tips,
        safety,
        loader.source_paths,
        illustrations,
        loader.documents,
    )
    check_unique_titles(loader, library)
    if errors_only(loader.problems):
        return None, loader.problems
    return library, loader.problems


def load_library(root: Path) -> Library:
    """Load the content, raising one ContentError that lists every error."""
    library, problems = inspect_library(root)
    errors = errors_only(problems)
    if errors or library is None:
        raise ContentError(errors)
    return library
