"""Every kind of generated page, in one registry: its content, its model, its template, its address.

Adding a kind of page is a model (`content/model.py`), a template (`pages/templates/`) and one
entry here. A kind is either a folder of files, one page per file (a stretch, a routine), with
an optional list page, or a single file with one page (the tips, the "when to get help" page).
Templates get the item as `item` and under the kind's `item_name`, with the whole library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from stretchsite.content.model import Routine, Safety, Stretch, Tips
from stretchsite.pages.jsonld import routine_data, stretch_data

JsonLd = Callable[[Any, Any, str], dict[str, Any]]  # (item, library, page address) -> data


@dataclass(frozen=True)
class PageKind:
    name: str  # the folder under content/ (stretches), or the file's stem (tips)
    model: type[BaseModel]
    item_name: str  # what templates call one item: stretch, routine, tips, safety
    template: str
    folder: bool  # one file and one page per item, or one file with one page
    page: str  # Markdown path of an item's page; {slug} stands for the file's name
    list_template: str | None = None  # folder kinds: a page listing every item
    prints: bool = False  # its printed handout carries the page's address and a QR code
    jsonld: JsonLd | None = None

    @property
    def source(self) -> str:
        """Where editors find this kind's content, relative to the project."""
        return f"content/{self.name}/" if self.folder else f"content/{self.name}.yml"

    def source_file(self, slug: str) -> str:
        return f"content/{self.name}/{slug}.yml" if self.folder else self.source

    def page_of(self, slug: str) -> str:
        return self.page.format(slug=slug)

    @property
    def list_page(self) -> str:
        return f"{self.name}/index.md"


KINDS: tuple[PageKind, ...] = (
    PageKind(
        "stretches",
        Stretch,
        "stretch",
        "stretch.md.j2",
        folder=True,
        page="stretches/{slug}.md",
        list_template="stretch_index.md.j2",
        prints=True,
        jsonld=stretch_data,
    ),
    PageKind(
        "routines",
        Routine,
        "routine",
        "routine.md.j2",
        folder=True,
        page="routines/{slug}.md",
        list_template="routine_index.md.j2",
        prints=True,
        jsonld=routine_data,
    ),
    PageKind("tips", Tips, "tips", "tips.md.j2", folder=False, page="tips.md"),
    PageKind("safety", Safety, "safety", "help.md.j2", folder=False, page="when-to-get-help.md"),
)
KIND = {kind.name: kind for kind in KINDS}
