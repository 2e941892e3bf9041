"""Render validated content into Markdown pages (Jinja, StrictUndefined), one kind at a time.

The Markdown goes through MkDocs like any hand-written page, so search, the table of contents
and link checks see the patient text. Which pages exist comes from the registry in `kinds.py`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from pydantic import BaseModel

from stretchsite.content.library import Library
from stretchsite.content.model import BodyArea, HelpContacts, Position, RoutineItem
from stretchsite.kinds import KINDS, PageKind
from stretchsite.pages.dose import LEAD_IN_SECONDS, Dose, routine_minutes
from stretchsite.pages.jsonld import as_script_text
from stretchsite.pages.pictures import stretch_pictures
from stretchsite.pages.qrcode import QR_PLACEHOLDER, print_address_block
from stretchsite.pages.strings import Strings, strings
from stretchsite.pages.words import fill, long_date

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class PagePlan:
    """A page to generate: where it goes, the content file an editor changes, how to render it."""

    src_uri: str
    edit_path: str
    kind: PageKind
    slug: str | None  # None for a folder kind's list page

    @property
    def address(self) -> str:
        """The page's address relative to the site, like stretches/knee-to-chest/."""
        stem = self.src_uri.removesuffix(".md").removesuffix("index")
        return stem if stem.endswith("/") or not stem else f"{stem}/"


def plan_pages(library: Library) -> list[PagePlan]:
    """Every generated page: each kind's items, then its list page."""
    plans = []
    for kind in KINDS:
        for slug in library.content[kind.name]:
            plans.append(PagePlan(kind.page_of(slug), kind.source_file(slug), kind, slug))
        if kind.list_template:
            plans.append(PagePlan(kind.list_page, kind.source, kind, None))
    return plans


def by_title(items: Mapping[str, BaseModel]) -> list[tuple[str, Any]]:
    """(slug, item) pairs in title order, as lists show them."""
    return sorted(items.items(), key=lambda pair: str(getattr(pair[1], "title", "")).casefold())


def _environment(contacts: HelpContacts, t: Strings) -> jinja2.Environment:
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
    env.filters["long_date"] = lambda day: long_date(day, t)
    env.filters["yaml_string"] = json.dumps  # a JSON string is a valid YAML scalar
    env.filters["lower_first"] = lambda text: text[:1].lower() + text[1:]
    dose_of = functools.partial(Dose.of, t=t)
    env.globals.update(
        t=t,
        dose_of=dose_of,
        routine_minutes=routine_minutes,
        lead_in_seconds=LEAD_IN_SECONDS,
        by_title=by_title,
        body_areas=list(BodyArea),
    )
    return env


class Renderer:
    """Renders every page of a library; one per build."""

    def __init__(
        self,
        library: Library,
        contacts: HelpContacts,
        site_url: str,
        language: str = "en",
    ) -> None:
        """Printed pages get a placeholder where their QR code goes: the build puts the code
        in after MkDocs has converted the page, so Markdown never parses the drawing."""
        self.library = library
        self.site_url = site_url.rstrip("/") + "/"
        self.strings = strings(language)
        self.env = _environment(contacts, self.strings)
        self.pictures = stretch_pictures(library, self.strings)
        self.env.filters["dose_for"] = self.dose_for
        self.common = {
            "library": library,
            "safety": library.safety,
            "help": library.safety.when_to_get_help,
            "pictures": self.pictures,
            "lying": {
                slug
                for slug, stretch in library.stretches.items()
                if stretch.position is Position.LYING
            },
        }

    def dose_for(self, item: RoutineItem) -> Dose:
        """A routine item's dose: its stretch's own, with the routine's changes."""
        return Dose.of(self.library.stretches[item.stretch], item, t=self.strings)

    def address(self, page_path: str) -> str:
        """The published address of a page, like https://site/stretches/knee-to-chest/."""
        return self.site_url + page_path

    def render(self, plan: PagePlan) -> str:
        """The Markdown of one planned page."""
        kind = plan.kind
        if plan.slug is None:
            assert kind.list_template is not None
            template, values = kind.list_template, {"items": self.library.content[kind.name]}
        else:
            item = self.library.content[kind.name][plan.slug]
            template, values = kind.template, {"item": item, kind.item_name: item}
        print_address = ""
        if kind.prints and plan.slug is not None:
            print_address = print_address_block(
                self.address(plan.address), QR_PLACEHOLDER, self.strings
            )
        context = {**self.common, **values, "slug": plan.slug, "print_address": print_address}
        return self.env.get_template(template).render(context)

    def untranslated(self, plan: PagePlan, english_title: str) -> str:
        """The page of a stretch or routine not yet in this language: it says so, in the
        language, and links to the English page (from this language's folder)."""
        depth = len(PurePosixPath(plan.address).parts) + 1  # and the language's folder
        return self.env.get_template("untranslated.md.j2").render(
            title=english_title, english="../" * depth + plan.address
        )

    def structured_data(self, plan: PagePlan) -> str | None:
        """JSON-LD for a page whose kind describes itself to machines; None for others."""
        if plan.kind.jsonld is None or plan.slug is None:
            return None
        item = self.library.content[plan.kind.name][plan.slug]
        return as_script_text(plan.kind.jsonld(item, self.library, self.address(plan.address)))

    def pages(self) -> Iterator[tuple[PagePlan, str]]:
        """Every generated page with its Markdown."""
        for plan in plan_pages(self.library):
            yield plan, self.render(plan)

    def site_notice(self) -> str:
        return str(self.env.filters["fill"](self.library.safety.site_notice))

    def review_statement(self) -> str:
        """What the about page says about review: how many pages a registered clinician has
        checked (`review_status` in the strings: `none`, `some` or `all`)."""
        reviews = [review for _, review in self.library.reviews()]
        checked = sum(review.by_registered_clinician for review in reviews)
        form = "none" if checked == 0 else "all" if checked == len(reviews) else "some"
        forms = self.strings.entries["review_status"]
        return str(forms[form]).format(checked=checked, total=len(reviews))

    def snippets(self) -> Mapping[str, str]:
        """Safety blocks that hand-written pages in docs/ include with `<!-- safety: NAME -->`."""
        blocks: Any = self.env.get_template("_blocks.md.j2").module
        help_ = self.library.safety.when_to_get_help
        first_warning = next(iter(self.library.safety.warnings.values()))
        return {
            "check-first": self.library.safety.check_first,
            "progression": self.library.safety.progression,
            "warning": str(blocks.warning_block(first_warning)),
            "emergency": str(blocks.emergency_card(help_, 3)),
            "help-tiers": str(blocks.help_tiers(help_, 3)),
            "review-status": self.review_statement(),
        }
