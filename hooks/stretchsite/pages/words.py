"""Small formatting helpers shared by the page renderers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from stretchsite.content.model import PLACEHOLDER_PATTERN
from stretchsite.pages.strings import Strings, strings

_PLACEHOLDER = re.compile(PLACEHOLDER_PATTERN)


def long_date(day: dt.date, t: Strings | None = None) -> str:
    """2026-11-24 -> '24 November 2026', the form the NHS uses on its pages (English default)."""
    t = t or strings()
    return t("date_format", day=day.day, month=t.months[day.month - 1], year=day.year)


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put site configuration (phone numbers, services) into safety text; never raises.

    The content model refuses any placeholder that is not a field of `HelpContacts`, so every
    name here has a value; an unknown one (a bug) is left as written, braces and all.
    """
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), text)
