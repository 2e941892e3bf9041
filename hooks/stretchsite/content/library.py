"""Load every content file, validate each against the schema, then check references between them."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from stretchsite.content.illustrations import svg_problems
from stretchsite.content.messages import validate
from stretchsite.content.model import (
    SLUG_PATTERN,
    Decision,
    Decisions,
    Review,
    Routine,
    Safety,
    Stretch,
    Tips,
)
from stretchsite.content.problems import ContentError, Problem, errors_only
from stretchsite.content.translations import translate_content
from stretchsite.content.yamlsource import Document, format_field, read_yaml
from stretchsite.kinds import KINDS, PageKind

M = TypeVar("M", bound=BaseModel)
DECISIONS = "content/decisions.yml"  # optional: the decisions in the clinical review pack


@dataclass(frozen=True)
class Library:
    """All validated content by kind and slug (single files under ""), with each file's lines."""

    root: Path
    content: Mapping[str, Mapping[str, BaseModel]]
    illustrations: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    decisions: Mapping[str, Decision] = field(default_factory=dict)  # content/decisions.yml
    language: str = "en"
    # Another language's stretches and routines that have no translation yet, by kind (their
    # English pages are linked instead), and its translations made from older English words.
    left_out: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # slug -> title
    stale: Mapping[str, list[str]] = field(default_factory=dict)  # key -> changed English fields

    @property
    def stretches(self) -> Mapping[str, Stretch]:
        return self.content["stretches"]  # type: ignore[return-value]

    @property
    def routines(self) -> Mapping[str, Routine]:
        return self.content["routines"]  # type: ignore[return-value]

    @property
    def tips(self) -> Tips:
        return self.content["tips"][""]  # type: ignore[return-value]

    @property
    def safety(self) -> Safety:
        return self.content["safety"][""]  # type: ignore[return-value]

    def reviews(self) -> list[tuple[str, Review]]:
        """Each content file with a page (its key in `documents`) and its review: every kind
        has one."""
        return [
            ((f"{kind.name}/{slug}" if kind.folder else kind.name), item.review)  # type: ignore[attr-defined]
            for kind in KINDS
            for slug, item in self.content[kind.name].items()
        ]


def content_files(folder: Path) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """A folder's content files by slug (in name order), and the files named against the rules."""
    files: dict[str, Path] = {}
    misnamed: list[tuple[Path, str]] = []
    for file in sorted(folder.iterdir()) if folder.is_dir() else []:
        if file.suffix == ".yaml":
            misnamed.append((file, "content files end in .yml; rename this file"))
        elif file.suffix == ".yml" and not re.match(SLUG_PATTERN, file.stem):
            rule = (
                "file name becomes the page address: use lowercase words joined by "
                "hyphens, like knee-to-chest.yml"
            )
            misnamed.append((file, rule))
        elif file.suffix == ".yml" and file.stem == "index":
            rule = "index.yml would take the address of the list page; choose another name"
            misnamed.append((file, rule))
        elif file.suffix == ".yml":
            files[file.stem] = file
    return files, misnamed


def illustration_files(root: Path, slugs: Container[str]) -> tuple[dict[str, Path], list[Path]]:
    """The pictures of the given stretches by slug, and the pictures named for no stretch."""
    folder = root / "content" / "illustrations"
    found: dict[str, Path] = {}
    stray: list[Path] = []
    for file in sorted(folder.glob("*.svg")) if folder.is_dir() else []:
        if file.stem in slugs:
            found[file.stem] = file
        else:
            stray.append(file)
    return found, stray


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

    def folder(self, kind: PageKind) -> dict[str, M]:
        folder = self.root / kind.source
        if not folder.is_dir():
            self.problems.append(Problem(kind.source, 1, "", "folder is missing"))
        files, misnamed = content_files(folder)
        for file, rule in misnamed:
            self.problems.append(Problem(self.shown(file), 1, "", rule))
        self.slugs[kind.name] = set(files)
        loaded = {
            slug: self.load(file, kind.model, f"{kind.name}/{slug}") for slug, file in files.items()
        }
        return {slug: valid for slug, valid in loaded.items() if valid is not None}  # type: ignore[misc]

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


def check_unique_titles(loader: _Loader, content: Mapping[str, Mapping[str, BaseModel]]) -> None:
    """Page titles are unique across every kind with a page per file."""
    seen: dict[str, str] = {}
    pages = [
        (f"{kind.name}/{slug}", str(getattr(item, "title", "")))
        for kind in KINDS
        if kind.folder
        for slug, item in content[kind.name].items()
    ]
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


def find_illustrations(
    loader: _Loader, stretches: dict[str, Stretch], found: dict[str, Path], stray: list[Path]
) -> dict[str, Path]:
    """Report pictures named for no stretch, stretches without one and pictures that could run
    code or load anything (`illustrations.py`); the valid stretches' safe pictures."""
    for file in stray:
        rule = f'no stretch called "{file.stem}" for this picture; name it <slug>.svg'
        loader.problems.append(Problem(loader.shown(file), 1, "", rule))
    for slug, stretch in stretches.items():
        if slug not in found and stretch.pictures is None:
            document = loader.documents[f"stretches/{slug}"]
            rule = (
                "no picture yet: describe its start and end positions under pictures "
                f"(see EDITING.md), or add a drawing as content/illustrations/{slug}.svg"
            )
            loader.problems.append(Problem(document.path, 1, "", rule, "warning"))
    refused = set()
    for slug, file in found.items():
        if slug in stretches and stretches[slug].pictures is not None:
            rule = (
                f"stretches/{slug}.yml draws its pictures from its poses (pictures); "
                "remove this file, or the poses to use this drawing instead"
            )
            loader.problems.append(Problem(loader.shown(file), 1, "", rule))
            refused.add(slug)
            continue
        problems = svg_problems(file, loader.shown(file))
        if problems:
            loader.problems += problems
            refused.add(slug)
    return {slug: file for slug, file in found.items() if slug in stretches and slug not in refused}


def load_decisions(loader: _Loader) -> dict[str, Decision]:
    """content/decisions.yml if there is one (none means no decisions), each file it names
    checked to exist in the project: a warning, as a stale record does not stop a rename."""
    file = loader.root / DECISIONS
    if not file.exists():
        return {}
    valid = loader.load(file, Decisions, "decisions")
    if valid is None:
        return {}
    document = loader.documents["decisions"]
    root = loader.root.resolve()
    for slug, decision in valid.decisions.items():
        for i, name in enumerate(decision.files):
            target = (root / name).resolve()
            if not (target.is_relative_to(root) and target.is_file()):
                where = ("decisions", slug, "files", i)
                rule = (
                    f'no file called "{name}" in the project (renamed or removed?); name it '
                    "like content/tips.yml"
                )
                line = document.line_of(where)
                loader.problems.append(
                    Problem(document.path, line, format_field(where), rule, "warning")
                )
    return dict(valid.decisions)


def inspect_library(root: Path, language: str = "en") -> tuple[Library | None, list[Problem]]:
    """Read and check all content under `root/content`; never raises for bad content. Another
    language than English has its translations (`content/<language>/`) laid over the English.

    The library is None when any file has an error: nothing is published from broken content.
    """
    loader = _Loader(root)
    content: dict[str, dict[str, BaseModel]] = {}
    for kind in KINDS:
        if kind.folder:
            content[kind.name] = loader.folder(kind)
        else:
            valid = loader.load(root / kind.source, kind.model, kind.name)
            content[kind.name] = {"": valid} if valid is not None else {}
    safety = content["safety"].get("")
    check_references(loader, safety if isinstance(safety, Safety) else None)
    stretches: dict[str, Stretch] = content["stretches"]  # type: ignore[assignment]
    pictures, stray = illustration_files(root, loader.slugs.get("stretches", set()))
    illustrations = find_illustrations(loader, stretches, pictures, stray)
    check_unique_titles(loader, content)
    decisions = load_decisions(loader)
    if errors_only(loader.problems) or any(not content[k.name] for k in KINDS if not k.folder):
        return None, loader.problems
    library = Library(root, content, illustrations, loader.documents, decisions)
    if language == "en":
        return library, loader.problems
    translated = translate_content(root, language, content, loader.documents)
    problems = loader.problems + translated.problems
    if errors_only(problems):
        return None, problems
    stretches = translated.content["stretches"]
    return Library(
        root,
        translated.content,
        {slug: file for slug, file in illustrations.items() if slug in stretches},
        translated.documents,
        decisions,
        language,
        translated.left_out,
        translated.stale,
    ), problems


def load_library(root: Path, language: str = "en") -> Library:
    """Load the content, raising one ContentError that lists every error."""
    library, problems = inspect_library(root, language)
    errors = errors_only(problems)
    if errors or library is None:
        raise ContentError(errors)
    return library
