"""The offline service worker (`sw.js` at the site's root) and the page it shows without one.

The worker itself is service-worker.js beside this module: hand-written, about 200 lines, for
one rule Workbox's caching strategies do not give: a saved page must keep the exact files it
was built with (pages/versions.py), and a new version of the site must fetch the saved pages
again before it deletes the old ones. Here it gets its settings: a version that changes
whenever any file a page loads changes, and the "not saved" page in each language.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from pathlib import Path

from stretchsite.pages.strings import Strings

SERVICE_WORKER = "sw.js"
_SOURCE = Path(__file__).with_name("service-worker.js")
_SETTINGS = "var SETTINGS = {}; /* filled in at build time */"


def offline_page(t: Strings, notice: str) -> str:
    """A small page for an address this phone has not saved, with the site's safety notice
    first (when to call for help needs no network); `__HOME__` is the home page's address,
    which the worker fills in. No script, no file to fetch: it must work with none."""
    return (
        f'<!doctype html><html lang="{t.language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(t.offline_title)}</title>"
        "<style>body{font:1.25rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:34rem;"
        "padding:0 1rem;color:#1b1b1f;background:#fff}a{color:#303fa1;font-weight:700}"
        "@media (prefers-color-scheme:dark){body{color:#e8e8ee;background:#1e2129}"
        "a{color:#a7b2ff}}</style></head><body>"
        f"<p><strong>{html.escape(t.site_notice_label)}</strong> {html.escape(notice)}</p>"
        f"<h1>{html.escape(t.offline_title)}</h1><p>{html.escape(t.offline_text)}</p>"
        f'<p><a href="__HOME__">{html.escape(t.offline_home)}</a></p></body></html>'
    )


def service_worker(versions: Mapping[str, str], offline: Mapping[str, tuple[Strings, str]]) -> str:
    """sw.js: `versions` are every language's versioned files (path in the site -> version);
    `offline` each language's strings and safety notice by its folder ('' for English, 'es/'
    for Spanish)."""
    source = _SOURCE.read_text(encoding="utf-8")
    pages = {prefix: offline_page(*words) for prefix, words in sorted(offline.items())}
    fingerprint = json.dumps([source, sorted(versions.items()), pages]).encode("utf-8")
    settings = {"version": hashlib.sha256(fingerprint).hexdigest()[:12], "offline": pages}
    filled = f"var SETTINGS = {json.dumps(settings, ensure_ascii=False, sort_keys=True)};"
    assert _SETTINGS in source, "service-worker.js lost its SETTINGS line"
    return source.replace(_SETTINGS, filled)
