"""`python -m stretchsite links site/`: every internal link and anchor in the built site.

MkDocs' strict mode checks links written in Markdown; this also covers what templates, hooks
and the theme wrote: navigation, assets, redirects and the anchors they point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_LINKING = {
    ("a", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
}
_SKIPPED_LINK_RELS = {"canonical", "alternate"}


@dataclass
class _PageLinks(HTMLParser):
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name):
                self.ids.add(str(values[name]))
        if tag == "link" and values.get("rel") in _SKIPPED_LINK_RELS:
            return
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            content = values.get("content") or ""
            if "url=" in content:
                self.links.append(content.split("url=", 1)[1].strip())
        for linking_tag, attribute in _LINKING:
            if tag == linking_tag and values.get(attribute):
                self.links.append(str(values[attribute]))


def _read(page: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _target_file(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site: Path) -> list[str]:
    """`page: link (why)` for each internal link that leads nowhere."""
    site = site.resolve()
    pages = {page: _read(page) for page in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        base = "/" + page.relative_to(site).as_posix()
        for link in parsed.links:
            parts = urlsplit(urljoin(base, link))
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:")):
                continue
            target = _target_file(site, parts.path) if parts.path != base else page
            shown = f"/{page.relative_to(site).as_posix()}: {link}"
            if not target.is_file():
                broken.append(f"{shown} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _read(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{shown} (no #{parts.fragment} on that page)")
    return broken
