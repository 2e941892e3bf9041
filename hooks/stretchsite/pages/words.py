"""Small formatting helpers shared by the page renderers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def long_date(day: dt.date) -> str:
    """2026-11-24 -> '24 November 2026', the form the NHS uses on its pages."""
    return f"{day.day} {day:%B %Y}"


def placeholders(text: str) -> list[str]:
    return _PLACEHOLDER.findall(text)


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put site configuration (phone numbers, services) into safety text."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
