"""The last check on every finished page: no address in it may run script or load a `data:` URL,
and no element may carry an event handler (`onclick=...`).

Content is checked field by field long before this (`content/model.py`); this is the defence in
depth over the HTML that MkDocs and the theme actually wrote, whatever path a link took to get
there (content text, templates, theme overrides, hand-written pages, Markdown extensions).

Each tag's attributes are read as a browser reads them: values decoded (`&#115;` is `s`), then
the address trimmed as a browser's URL parser trims it. Regular expressions, not html.parser:
MkDocs wrote the page, it is well-formed, and parsing it in full would cost some 7 ms a page.
"""

from __future__ import annotations

import re
from html import unescape

from stretchsite.content.model import LINK_SCHEMES

# Attributes whose value a browser reads as an address (or a list of them, for srcset and ping).
URL_ATTRIBUTES = frozenset(
    {
        "action",
        "background",
        "cite",
        "data",
        "formaction",
        "href",
        "icon",
        "imagesrcset",
        "longdesc",
        "manifest",
        "ping",
        "poster",
        "src",
        "srcset",
        "xlink:href",
    }
)
_LISTS = frozenset({"srcset", "imagesrcset", "ping"})

# Where a `data:` address is allowed, as (tag, attribute). Building the site and scanning every
# page found none: the theme draws its icons inline, and its stylesheets carry their own data:
# images (CSS is not scanned). Add a pair here only after checking that the theme writes it.
DATA_ALLOWED: frozenset[tuple[str, str]] = frozenset()

_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.I | re.S)


def _address(value: str) -> str:
    """An attribute value (references already decoded) as a browser's URL parser reads it."""
    return _TAB_OR_NEWLINE.sub("", value.strip(_C0_AND_SPACE))


def _list_addresses(value: str) -> list[str]:
    """The addresses in a srcset (comma-separated "address descriptors") or a ping list."""
    return [word for candidate in value.split(",") for word in candidate.split()[:1]]


def why_unsafe(address: str, tag: str = "a", attribute: str = "href") -> str | None:
    """Why a browser must not get this address, or None when it may: http(s), mailto, tel, or a
    relative address such as `../tips/`, `#steps` or `?q=1`."""
    address = _address(address)
    if address.replace("\\", "/").startswith("//"):
        return "a protocol-relative address (//host): write the full https:// address"
    match = _SCHEME.match(address)
    if match is None:
        return None
    scheme = match.group(1).lower()
    if scheme in LINK_SCHEMES or (scheme == "data" and (tag, attribute) in DATA_ALLOWED):
        return None
    return f"the {scheme}: scheme is not allowed"


# Comments and the text of scripts and styles are not read (their opening tags are).
_HIDDEN_TEXT = re.compile(r"<!--.*?-->|<(script|style)\b([^>]*)>.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)(?:"[^"]*"|'[^']*'|[^'">])*>""")
# Values that could hide a scheme or a host: a colon, a character reference or a backslash in
# them, or two slashes at their start. Every other value is a relative address or not one.
_SUSPECT_VALUE = re.compile(
    r"""=\s*(?:"(?=[^"]*[:&\\]|\s*[/\\]{2})([^"]*)"|'(?=[^']*[:&\\]|\s*[/\\]{2})([^']*)'"""
    r"""|(?=[^\s"'>]*[:&\\]|[/\\]{2})([^\s"'>]+))"""
)
_HANDLER = re.compile(r"""(?i:on)[^\s"'>/=]*\s*=""")  # an attribute if after space, quote or /
# Read on the reversed page, from just before an `=`: the attribute's name.
_NAME_BACKWARDS = re.compile(r"""\s*([^\s"'<>/=]+)""")
_READ = URL_ATTRIBUTES | {"srcdoc", "content"}


def _tag_at(html: str, at: int) -> tuple[str, str] | None:
    """The name and the whole text of the start tag that position `at` stands in; None when
    it stands in text. A `<` that starts no tag (in a value, an end tag) is passed over."""
    start = html.rfind("<", 0, at)
    while start >= 0:
        tag = _TAG.match(html, start)
        if tag is not None:
            return (tag.group(1).lower(), tag.group()) if tag.end() > at else None
        start = html.rfind("<", 0, start)
    return None


def _addresses(name: str, value: str, refresh: bool) -> list[str]:
    """The addresses an attribute holds: none, one, or a list (srcset, ping)."""
    if name in _LISTS:
        return _list_addresses(value)
    if name in URL_ATTRIBUTES:
        return [value]
    if name == "content" and refresh:
        target = _REFRESH_URL.match(value)  # matches any text
        return [target.group(1).strip("'\"")] if target else [value]
    return []


def unsafe_links(html: str) -> list[str]:
    """Every address in a page that a browser could run as script or load from a `data:` URL,
    and every event handler attribute, as `<tag attribute="value">: why`, in page order; empty
    when the page is safe.

    Fast on long pages: patterns pick out the few values that could hide a scheme or a host
    and the attributes named on...; only those are placed in their tag and decoded.
    """
    html = _HIDDEN_TEXT.sub(r"<\1\2>", html)
    found: list[tuple[int, str]] = []
    for handler in _HANDLER.finditer(html):
        if html[handler.start() - 1] not in " \t\n\r\f\"'/":
            continue  # inside a longer name, like data-md-component=
        around = _tag_at(html, handler.start())
        if around is not None:
            name = handler.group().rstrip("= \t\n\r\f").lower()
            rule = "event handler attributes are not allowed"
            found.append((handler.start(), f"<{around[0]} {name}>: {rule}"))
    backwards, length = html[::-1], len(html)
    for value in _SUSPECT_VALUE.finditer(html):
        named = _NAME_BACKWARDS.match(backwards, length - value.start())
        name = named.group(1)[::-1].lower() if named else ""
        around = _tag_at(html, value.start()) if name in _READ else None
        if around is None:
            continue  # not an address, or text between tags like "only = slow ones"
        tag, whole_tag = around
        text = unescape(next(v for v in value.group(1, 2, 3) if v is not None))
        if name == "srcdoc":
            found += [(value.start(), f"<{tag} srcdoc>: {inner}") for inner in unsafe_links(text)]
        refresh = tag == "meta" and "refresh" in whole_tag.lower()
        for address in _addresses(name, text, refresh):
            why = why_unsafe(address, tag, name)
            if why:
                shown = text if len(text) <= 80 else text[:77] + "..."
                found.append((value.start(), f'<{tag} {name}="{shown}">: {why}'))
    return [message for _, message in sorted(found)]
