"""Checks and fixes on each finished HTML page, before it is written."""

from __future__ import annotations

import re

_GUARDED = re.compile(r"^(stretches|routines)/(?!index\.md$)[^/]+\.md$")
_WARNING = 'class="admonition danger stretch-warning"'
_STEPS = ('id="steps"', "<ol>")


_SEARCH_DIALOG = 'class="md-search" data-md-component="search" role="dialog"'


_EDIT_LINK = 'title="Edit this page" class="md-content__button md-icon" rel="edit"'


def fix_theme_markup(html: str) -> str:
    """Two fixes to Material's markup, found by axe-core and html-validate.

    The search dialog gets an accessible name (axe: aria-dialog-name). The icon-only "edit this
    page" link gets a text name instead of a title alone (WCAG H30), and loses rel="edit", which
    HTML does not allow on links.
    """
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG + ' aria-label="Search this site"', 1)
    return html.replace(
        _EDIT_LINK,
        'title="Edit this page" aria-label="Edit this page" class="md-content__button md-icon"',
        1,
    )


def missing_warning(src_uri: str, html: str) -> str | None:
    """Why this page may not be published, or None when it is safe."""
    if not _GUARDED.match(src_uri):
        return None
    article = max(html.find("<article"), 0)
    warning_at = html.find(_WARNING, article)
    if warning_at < 0:
        return "the safety warning is missing; every stretch and routine page must show it"
    if any(html.find(step, article, warning_at) >= 0 for step in _STEPS):
        return "the safety warning must come before the first step"
    return None
