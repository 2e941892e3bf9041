"""The Content-Security-Policy: in every page's own <meta>, plus `_headers` for the rest.

Each page carries its policy in a `<meta http-equiv="Content-Security-Policy">`, so patients
get it from any static host, GitHub Pages included (it ignores `_headers`). The policy allows
scripts only from the site itself and, by hash, the exact inline scripts of that one page: no
'unsafe-inline' for scripts, nothing from other origins. A meta tag cannot carry
frame-ancestors, report-uri or sandbox, so `_headers` (the format Netlify and Cloudflare Pages
read) carries frame-ancestors and the other security headers for hosts that send them.
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
# A script runs when its type is empty, "module" or a JavaScript MIME type (HTML standard).
_EXECUTABLE_TYPES = {
    "",
    "module",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.I)
_POLICY_META = re.compile(
    r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy\b[^>]*>[ \t]*\n?""", re.I
)

# Only a header can carry these (a meta tag's frame-ancestors, report-uri and sandbox are
# ignored). The page's own meta policy carries everything else, so there is one list of hashes.
HEADER_POLICY = "frame-ancestors 'none'"


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
        text = body.replace("\r\n", "\n").replace("\r", "\n")  # as the HTML parser reads it
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def content_security_policy(script_hashes: Iterable[str]) -> str:
    """One page's policy: every directive a <meta> policy honours, its own scripts by hash."""
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
        ]
    )


def with_policy_meta(html: str) -> str:
    """`html` with its own policy in a <meta>, right after <meta charset>, before any script.

    Call it on the finished page, after every other change: the hashes are of the scripts as
    they are now. A policy meta already in the page is replaced, so a second call is harmless.
    """
    html = _POLICY_META.sub("", html)
    head = _HEAD.search(html)
    if head is None:
        raise ValueError("no <head> to put the Content-Security-Policy <meta> in")
    first_script = _SCRIPT_OPEN.search(html, head.end())
    limit = first_script.start() if first_script else len(html)
    charset = _CHARSET.search(html, head.end(), limit)
    at = charset.end() if charset else head.end()
    if _SCRIPT_OPEN.search(html, 0, at):
        raise ValueError("a script comes before <head>: the policy would not cover it")
    policy = content_security_policy(inline_script_hashes(html))
    assert not set('"&<>') & set(policy), policy  # safe in a double-quoted attribute as it is
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return f"{html[:at]}\n{meta}{html[at:]}"


def headers_file() -> str:
    """`_headers`: what only a header can carry, for hosts that read the file."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {HEADER_POLICY}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: no-referrer\n"
        "  Permissions-Policy: camera=(), microphone=(), geolocation=(), "
        "payment=(), usb=()\n"
        "  X-Frame-Options: DENY\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
        # The form editor signs in through a pop-up window that must reach back to it.
        "/admin/*\n"
        "  Cross-Origin-Opener-Policy: same-origin-allow-popups\n"
        "  X-Robots-Tag: noindex\n"
        "/assets/*\n"
        "  Cache-Control: public, max-age=86400\n"
        # Fetched when a reader searches; an hour-old index only delays a new
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
