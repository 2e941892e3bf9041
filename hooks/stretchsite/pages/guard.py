"""Checks and fixes on each finished HTML page, before it is written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

_GUARDED = re.compile(r"^(stretches|routines)/(?!index\.md$)[^/]+\.md$")
_WARNING = 'class="admonition danger stretch-warning"'
_STEPS = ('id="steps"', "<ol>")
# What every stretch and routine page must carry besides its warning, by the class that marks it.
_REQUIRED = {
    'the "check first" advice': 'class="check-first"',
    "the emergency signs": "care-card--emergency",
    "the urgent signs": "care-card--urgent",
    "the signs to see a doctor soon": "care-card--routine",
}


_SEARCH_DIALOG = 'class="md-search" data-md-component="search" role="dialog"'


_EDIT_LINK = re.compile(r'title="([^"]*)" class="md-content__button md-icon" rel="edit"')

# Material's drawer and search toggles carry autocomplete="off" so that a browser going "back"
# does not restore them checked (drawer or search open). HTML allows autocomplete only on text-like
# inputs, so the "off" moves to an empty form that owns them (form="..."): browsers honour the
# form owner's autocomplete="off" when they restore a page's form state. The inputs stay where
# they are, as Material's CSS reaches the page through `.md-toggle:checked ~ ...` selectors.
_TOGGLE_FORM = "__md_toggles"
_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}"'
    for name in ("drawer", "search")
)
_TOGGLE_OFF = ' autocomplete="off">'


def _fix_toggles(html: str) -> str:
    at = [html.find(toggle + _TOGGLE_OFF) for toggle in _TOGGLES]
    if min(at) < 0:
        return html
    for toggle in _TOGGLES:
        html = html.replace(toggle + _TOGGLE_OFF, f'{toggle} form="{_TOGGLE_FORM}">', 1)
    first = min(at)
    form = f'<form id="{_TOGGLE_FORM}" autocomplete="off" hidden></form>\n    '
    return html[:first] + form + html[first:]


_TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def fix_theme_markup(html: str, search_label: str) -> str:
    """Four fixes to Material's markup, found by axe-core, html-validate and the Nu checker.

    The search dialog gets an accessible name (axe: aria-dialog-name). The icon-only "edit this
    page" link gets a text name instead of a title alone (WCAG H30), and loses rel="edit", which
    HTML does not allow on links. The drawer and search toggles lose autocomplete="off", which
    HTML does not allow on checkboxes, and get it from a form of their own instead. On pages
    outside the navigation (stretches, routines) Material writes no `__toc` toggle, so the "Table
    of contents" title must not be a label for it. `search_label` names the search dialog, in
    the page's language.
    """
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_TITLE, '<label class="md-nav__title">', 1)
    label = escape(search_label, quote=True)
    html = html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG} aria-label="{label}"', 1)
    html = _EDIT_LINK.sub(r'title="\1" aria-label="\1" class="md-content__button md-icon"', html, 1)
    return _fix_toggles(html)


def missing_warning(src_uri: str, html: str, stretches: Sequence[str]) -> str | None:
    """Why this page may not be published, or None when it is safe.

    A stretch or routine page shows its warning before its first step, the "check first" advice,
    all three tiers of when to get help, and, for each stretch it shows (`stretches`, by slug),
    that stretch's own cautions before that stretch's steps.
    """
    if not _GUARDED.match(src_uri):
        return None
    article = max(html.find("<article"), 0)
    warning_at = html.find(_WARNING, article)
    if warning_at < 0:
        return "the safety warning is missing; every stretch and routine page must show it"
    if any(html.find(step, article, warning_at) >= 0 for step in _STEPS):
        return "the safety warning must come before the first step"
    missing = [part for part, marker in _REQUIRED.items() if html.find(marker, article) < 0]
    if missing:
        return f"{', '.join(missing)} missing; every stretch and routine page must show it"
    for slug in stretches:
        # A routine shows each stretch under a heading with its slug; a stretch page, under Steps.
        start = html.find(f'id="{slug}"', article)
        if start < 0:
            start = max(html.find('id="steps"', article), article)
        cautions_at = html.find(f'data-cautions-for="{slug}"', article)
        if cautions_at < 0:
            return f"the cautions of {slug} are missing; show them before its steps"
        first_step = html.find("<ol", start)
        if (html.find(f'id="{slug}"', article) > cautions_at) or (0 <= first_step < cautions_at):
            return f"the cautions of {slug} must come before its steps"
    return None
