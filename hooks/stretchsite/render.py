"""Render validated content into Markdown pages (Jinja, StrictUndefined).

The Markdown goes through MkDocs like any hand-written page, so search, the table of contents
and link checks see the patient text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import jinja2

from .dose import Dose
from .handout import QR_PLACEHOLDER, print_address_block, qr_code_svg
from .library import Library, content_files
from .model import BodyArea, HelpContacts
from .structured import as_script_text, routine_data, stretch_data
from .words import fill, long_date

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """A generated Markdown page and the content file an editor changes to edit it."""

    src_uri: str
    markdown: str
    edit_path: str


@dataclass(frozen=True)
class PagePlan:
    """A page to generate: where it goes, the file an editor changes, and how to render it."""

    src_uri: str
    edit_path: str
    method: Literal[
        "stretch_index", "stretch_page", "routine_index", "routine_page", "tips_page", "help_page"
    ]
    slug: str | None = None


def plan_pages(root: Path) -> list[PagePlan]:
    """Every generated page, in build order, from the names of the content files alone.

    Each page comes after the content it needs is likely read: the stretch and routine lists,
    which show every entry, follow the pages of their entries.
    """
    content = root / "content"
    stretches, _ = content_files(content / "stretches")
    routines, _ = content_files(content / "routines")
    plan = [
        PagePlan(f"stretches/{slug}.md", f"content/stretches/{slug}.yml", "stretch_page", slug)
        for slug in stretches
    ]
    plan.append(PagePlan("stretches/index.md", "content/stretches/", "stretch_index"))
    plan += [
        PagePlan(f"routines/{slug}.md", f"content/routines/{slug}.yml", "routine_page", slug)
        for slug in routines
    ]
    plan.append(PagePlan("routines/index.md", "content/routines/", "routine_index"))
    plan.append(PagePlan("tips.md", "content/tips.yml", "tips_page"))
    plan.append(PagePlan("when-to-get-help.md", "content/safety.yml", "help_page"))
    return plan


def _environment(contacts: HelpContacts) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # output is Markdown; HTML attributes are escaped with `| e`
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    values = contacts.model_dump()
    env.filters["fill"] = lambda text: fill(text, values)
    env.filters["long_date"] = long_date
    env.filters["yaml_string"] = json.dumps  # a JSON string is a valid YAML scalar
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    return env


class Renderer:
    """Renders every page of a library; one per build."""

    def __init__(
        self, library: Library, contacts: HelpContacts, site_url: str, inline_qr: bool = True
    ) -> None:
        """`inline_qr=False` leaves a placeholder that the build fills after rendering."""
        self.library = library
        self.inline_qr = inline_qr
        self.site_url = site_url.rstrip("/") + "/"
        self.env = _environment(contacts)
        self.common = {
            "safety": library.safety,
            "help": library.safety.when_to_get_help,
        }

    def _render(self, template: str, **values: object) -> str:
        return self.env.get_template(template).render(**self.common, **values)

    def address(self, page_path: str) -> str:
        """The published address of a page, like https://site/stretches/knee-to-chest/."""
        return self.site_url + page_path

    def _print_block(self, page_path: str) -> object:
        url = self.address(page_path)
        return print_address_block(url, qr_code_svg(url) if self.inline_qr else QR_PLACEHOLDER)

    def stretch_page(self, slug: str) -> str:
        library = self.library
        stretch = library.stretches[slug]
        related = [(other, library.stretches[other]) for other in stretch.related]
        return self._render(
            "stretch.md.j2",
            slug=slug,
            stretch=stretch,
            dose=Dose.of(stretch),
            warning=library.safety.warnings[stretch.warning],
            related=related,
            has_picture=slug in library.illustrations,
            print_address=self._print_block(f"stretches/{slug}/"),
        )

    def stretch_index(self) -> str:
        groups = []
        for area in BodyArea:
            entries = [
                (slug, stretch, Dose.of(stretch))
                for slug, stretch in sorted(
                    self.library.stretches.items(), key=lambda kv: kv[1].title.casefold()
                )
                if stretch.body_area is area
            ]
            if entries:
                groups.append((area, entries))
        return self._render("stretch_index.md.j2", groups=groups)

    def routine_page(self, slug: str) -> str:
        library = self.library
        routine = library.routines[slug]
        items = [
            (
                item,
                library.stretches[item.stretch],
                Dose.of(library.stretches[item.stretch], item),
                item.stretch in library.illustrations,
            )
            for item in routine.stretches
        ]
        return self._render(
            "routine.md.j2",
            routine=routine,
            items=items,
            warning=library.safety.warnings[routine.warning],
            print_address=self._print_block(f"routines/{slug}/"),
        )

    def routine_index(self) -> str:
        routines = sorted(self.library.routines.items(), key=lambda kv: kv[1].title.casefold())
        return self._render("routine_index.md.j2", routines=routines)

    def tips_page(self) -> str:
        return self._render("tips.md.j2", tips=self.library.tips)

    def help_page(self) -> str:
        return self._render("help.md.j2")

    def render(self, plan: PagePlan) -> str:
        """The Markdown of one planned page."""
        method = getattr(self, plan.method)
        return method(plan.slug) if plan.slug is not None else method()

    def pages(self) -> Iterator[Page]:
        """Every generated page, rendered, with the content file behind it."""
        for plan in plan_pages(self.library.root):
            yield Page(plan.src_uri, self.render(plan), plan.edit_path)

    def structured_data(self, src_uri: str) -> str | None:
        """JSON-LD for a generated stretch or routine page; None for other pages."""
        kind, _, name = src_uri.removesuffix(".md").partition("/")
        library = self.library
        if kind == "stretches" and name in library.stretches:
            url = self.address(f"stretches/{name}/")
            return as_script_text(stretch_data(library.stretches[name], url))
        if kind == "routines" and name in library.routines:
            url = self.address(f"routines/{name}/")
            return as_script_text(routine_data(library.routines[name], library.stretches, url))
        return None

    def site_notice(self) -> str:
        return self.env.from_string("{{ notice | fill }}").render(
            notice=self.library.safety.site_notice
        )

    def snippets(self) -> Mapping[str, str]:
        """Safety blocks that hand-written pages in docs/ include with `<!-- safety: NAME -->`."""
        blocks = self.env.get_template("_blocks.md.j2").module
        help_ = self.library.safety.when_to_get_help
        first_warning = next(iter(self.library.safety.warnings.values()))
        return {
            "check-first": self.library.safety.check_first,
            "progression": self.library.safety.progression,
            "warning": str(blocks.warning_block(first_warning, [], "warning")),  # type: ignore[attr-defined]
            "emergency": str(blocks.emergency_card(help_, 3)),  # type: ignore[attr-defined]
        }
