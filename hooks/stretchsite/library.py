"""Load every content file, validate each against the schema, then check references between them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Iterable, Iterator, Mapping
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
    """All validated content, with the line of each field (for messages, until they are sent)."""

    root: Path
    stretches: Mapping[str, Stretch]
    routines: Mapping[str, Routine]
    tips: Tips
    safety: Safety
    illustrations: dict[str, Path] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


class ContentUnavailable(LookupError):
    """A page needs a content file that did not pass its checks."""


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

    def folder(self, folder: Path, model: type[M], kind: str) -> _Folder[M]:
        if not folder.is_dir():
            self.problems.append(Problem(self.shown(folder), 1, "", "folder is missing"))
        files, misnamed = content_files(folder)
        for file, rule in misnamed:
            self.problems.append(Problem(self.shown(file), 1, "", rule))
        self.slugs[kind] = set(files)
        return _Folder(self, files, model, kind)

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


class _Folder(Mapping[str, M]):
    """A folder's content by slug; each file is read and validated when first asked for."""

    def __init__(self, loader: _Loader, files: dict[str, Path], model: type[M], kind: str) -> None:
        self._loader = loader
        self._files = files
        self._model = model
        self._kind = kind
        self._loaded: dict[str, M | None] = {}

    def _load(self, slug: str) -> M | None:
        if slug not in self._loaded:
            self._loaded[slug] = self._loader.load(
                self._files[slug], self._model, f"{self._kind}/{slug}"
            )
        return self._loaded[slug]

    def __getitem__(self, slug: str) -> M:
        if slug not in self._files:
            raise ContentUnavailable(f"{self._kind}/{slug}: no such file")
        valid = self._load(slug)
        if valid is None:
            raise ContentUnavailable(f"{self._kind}/{slug}")
        return valid

    def __contains__(self, slug: object) -> bool:
        return slug in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def valid(self) -> dict[str, M]:
        """Every file read and validated; the ones that passed, in name order."""
        return {slug: valid for slug in self._files if (valid := self._load(slug)) is not None}


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


def check_unique_titles(
    loader: _Loader, stretches: dict[str, Stretch], routines: dict[str, Routine]
) -> None:
    seen: dict[str, str] = {}
    pages = [(f"stretches/{s}", x.title) for s, x in stretches.items()]
    pages += [(f"routines/{s}", x.title) for s, x in routines.items()]
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
    """Report pictures named for no stretch and stretches without one; the valid ones' pictures."""
    for file in stray:
        rule = f'no stretch called "{file.stem}" for this picture; name it <slug>.svg'
        loader.problems.append(Problem(loader.shown(file), 1, "", rule))
    for slug in stretches:
        if slug not in found:
            document = loader.documents[f"stretches/{slug}"]
            rule = f"no picture yet: add content/illustrations/{slug}.svg"
            loader.problems.append(Problem(document.path, 1, "", rule, "warning"))
    return {slug: file for slug, file in found.items() if slug in stretches}


class OpenLibrary:
    """Content opened for a build: safety and tips read at once, each stretch and routine when a
    page first needs it, and every check run by `finish`.

    `library` (None when safety or tips cannot be read) renders pages before everything is read;
    a page that needs a file which fails its checks raises ContentUnavailable.
    """

    def __init__(self, root: Path) -> None:
        loader = self._loader = _Loader(root)
        content = root / "content"
        self.safety = loader.load(content / "safety.yml", Safety, "safety")
        self.tips = loader.load(content / "tips.yml", Tips, "tips")
        self.stretches = loader.folder(content / "stretches", Stretch, "stretches")
        self.routines = loader.folder(content / "routines", Routine, "routines")
        self._pictures, self._stray_pictures = illustration_files(root, self.stretches)
        self.library: Library | None = None
        if self.safety is not None and self.tips is not None:
            self.library = Library(
                root,
                self.stretches,
                self.routines,
                self.tips,
                self.safety,
                self._pictures,
                loader.documents,
            )

    def finish(self) -> tuple[Library | None, list[Problem]]:
        """Read what no page needed yet, check the files against each other, report everything."""
        loader = self._loader
        stretches, routines = self.stretches.valid(), self.routines.valid()
        check_references(loader, self.safety)
        illustrations = find_illustrations(loader, stretches, self._pictures, self._stray_pictures)
        check_unique_titles(loader, stretches, routines)
        if self.library is None or errors_only(loader.problems):
            return None, loader.problems
        library = dataclasses.replace(
            self.library, stretches=stretches, routines=routines, illustrations=illustrations
        )
        return library, loader.problems


def inspect_library(root: Path) -> tuple[Library | None, list[Problem]]:
    """Load and check all content under `root/content`; never raises for bad content."""
    return OpenLibrary(root).finish()


def load_library(root: Path) -> Library:
    """Load the content, raising one ContentError that lists every error."""
    library, problems = inspect_library(root)
    errors = errors_only(problems)
    if errors or library is None:
        raise ContentError(errors)
    return library
