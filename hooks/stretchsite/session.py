"""Reading, checking and rendering the content for one build: the same code in either process."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .addresses import page_path
from .catalogue import catalogue_json
from .content import finish_content
from .errors import Problem, errors_only
from .handout import QR_PLACEHOLDER, qr_code_svg
from .library import OpenLibrary
from .model import HelpContacts
from .render import PagePlan, Renderer


@dataclass(frozen=True)
class ContentSource:
    """Where the content is and what its pages are rendered with."""

    root: Path
    today: dt.date
    contacts: HelpContacts
    site_url: str


@dataclass(frozen=True)
class RenderedPage:
    markdown: str
    structured_data: str | None  # JSON-LD for stretch and routine pages
    qr_code: str | None  # the QR code of the address the page prints, if it prints one


@dataclass(frozen=True)
class SiteText:
    """Safety text that every page shows or hand-written pages include."""

    site_notice: str
    snippets: dict[str, str]


@dataclass(frozen=True)
class Outcome:
    """Every problem the content checks found, and the routine builder's catalogue."""

    problems: list[Problem]
    catalogue: str  # JSON; empty when the content has errors

    @property
    def errors(self) -> list[Problem]:
        return errors_only(self.problems)


def render_page(renderer: Renderer, plan: PagePlan) -> RenderedPage:
    """The page's Markdown, structured data, and QR code if its print block asks for one."""
    markdown = renderer.render(plan)
    structured_data = renderer.structured_data(plan.src_uri)
    if QR_PLACEHOLDER not in markdown:
        return RenderedPage(markdown, structured_data, None)
    address = renderer.address(page_path(plan.src_uri).lstrip("/"))
    return RenderedPage(markdown, structured_data, qr_code_svg(address))


class ContentSession:
    """Reads content as pages need it, renders them, and runs every check when asked."""

    def __init__(self, source: ContentSource) -> None:
        self._today = source.today
        self._opened = OpenLibrary(source.root)
        library = self._opened.library
        self._renderer = (
            None
            if library is None
            else Renderer(library, source.contacts, source.site_url, inline_qr=False)
        )
        self._outcome: Outcome | None = None

    def site_text(self) -> SiteText | Outcome:
        """The site notice and safety snippets, or the outcome when safety or tips are broken."""
        if self._renderer is None:
            return self.outcome()
        return SiteText(self._renderer.site_notice(), dict(self._renderer.snippets()))

    def render(self, plans: list[PagePlan]) -> list[RenderedPage] | Outcome:
        """The pages, or the outcome when a file they need has errors."""
        if self._renderer is None:
            return self.outcome()
        try:
            return [render_page(self._renderer, plan) for plan in plans]
        except LookupError:  # a file or reference the page needs did not pass its checks
            if self.outcome().errors:
                return self.outcome()
            raise

    def outcome(self) -> Outcome:
        """Read what no page needed yet and run every check (once)."""
        if self._outcome is None:
            library, problems = finish_content(self._opened, self._today)
            catalogue = catalogue_json(library) if library is not None else ""
            self._outcome = Outcome(problems, catalogue)
        return self._outcome
