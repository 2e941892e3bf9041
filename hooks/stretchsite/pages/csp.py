"""Security headers for static hosts (`_headers`, the format Netlify and Cloudflare Pages read).

The Content-Security-Policy allows scripts only from the site itself and the exact inline
scripts the theme writes, by hash: no 'unsafe-inline' for scripts, nothing from other origins.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator

_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _scripts(html: str) -> Iterator[tuple[str, str]]:
    """The attributes and text of every script element (one pass of plain searches: fast)."""
    position = 0
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        if closing is None:
            return
        yield opening.group(1), html[opening.end() : closing.start()]
        position = closing.end()


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-...') for the inline scripts a browser would run."""
    hashes = set()
    for attributes, body in _scripts(html):
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE_TYPES:
            continue  # data blocks such as JSON-LD are never executed
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def content_security_policy(script_hashes: Iterable[str]) -> str:
    scripts = " ".join(["'self'", *sorted(script_hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def headers_file(script_hashes: Iterable[str]) -> str:
    return (
        "/*\n"
        f"  Content-Security-Policy: {content_security_policy(script_hashes)}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), "
        "payment=(), usb=()\n"
        "  X-Frame-Options: DENY\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
        "/assets/*\n"
        "  Cache-Control: public, max-age=86400\n"
        # Material fetches the search index on every page; an hour-old index only delays a new
        # page in search results. Pages themselves are never cached: safety text stays current.
        "/search/*\n"
        "  Cache-Control: public, max-age=3600\n"
    )


def headers_for(path: str, rules: dict[str, dict[str, str]]) -> dict[str, str]:
    """The headers a static host sends for `path` (rules ending in * match a prefix)."""
    headers: dict[str, str] = {}
    for pattern, values in rules.items():
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            headers.update(values)
    return headers


def parse_headers_file(text: str) -> dict[str, dict[str, str]]:
    """`_headers` text -> {path pattern: {header: value}}, for servers in tests."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        elif current is not None:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules
