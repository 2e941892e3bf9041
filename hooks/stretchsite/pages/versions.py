"""Each file a page loads is named with its version, so a page and its files always match.

A page asks for `assets/stylesheets/site.css?v=1a2b3c4d5e`, where the version is the start of
the file's SHA-256. Static hosts ignore the query, so the same file is served; but a browser
cache and the offline service worker (pages/offline.py) key files by the whole address. A
page saved on a patient's phone therefore keeps the styles, scripts and pictures it was built
with, and a page from a newer build never gets an older file from the cache: the two versions
of the site never mix.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping

VERSION_PARAMETER = "v"
# src="..", href="..", data-library=".." (the routine library the routine pages fetch)
_REFERENCE = re.compile(r"""\b(src|href|data-library)="([^"?#:]+)(#[^"]*)?\"""")


def version_of(data: bytes) -> str:
    """Ten hex digits of the file's SHA-256: the same bytes, the same version."""
    return hashlib.sha256(data).hexdigest()[:10]


def versioned(path: str, data: bytes) -> str:
    """`path` with the version of `data`, like `assets/x.svg?v=1a2b3c4d5e`."""
    return f"{path}?{VERSION_PARAMETER}={version_of(data)}"


def with_versions(html: str, page_url: str, versions: Mapping[str, str]) -> str:
    """`html` with every relative reference to a file in `versions` (by its path in the site,
    like `assets/stylesheets/site.css`) versioned. `page_url` is the page's address in the
    site, like `stretches/knee-to-chest/` (or `404.html`)."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)

    def replace(match: re.Match[str]) -> str:
        attribute, target, fragment = match.group(1), match.group(2), match.group(3) or ""
        if target.startswith("/"):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(folder, target))
        version = versions.get(path)
        if version is None:
            return match.group(0)
        return f'{attribute}="{target}?{VERSION_PARAMETER}={version}{fragment}"'

    return _REFERENCE.sub(replace, html)
