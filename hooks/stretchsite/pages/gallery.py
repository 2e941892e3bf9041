"""The picture gallery for editors: every stretch's start and end at a large size on one
page, so a pull request's preview shows a changed pose at a glance. Not for patients: it is in
no menu, and kept out of search, the sitemap and search engines (`noindex`)."""

from __future__ import annotations

from collections.abc import Mapping

from stretchsite.content.library import Library
from stretchsite.pages.pictures import StretchPictures

GALLERY_PAGE = "editors/pictures.md"


def gallery_markdown(library: Library, pictures: Mapping[str, StretchPictures]) -> str:
    lines = [
        "---",
        "title: Stretch pictures, for editors",
        "noindex: true",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Stretch pictures, for editors",
        "",
        "Every stretch's pictures, large, to check a change to its poses (`pictures:` in its",
        "file) against its steps. The pictures are drawn when the site is built. This page is",
        "not in the site's menu, its search or its sitemap.",
        "",
    ]
    for slug, stretch in sorted(library.stretches.items(), key=lambda item: item[1].title):
        found = pictures.get(slug)
        source = f"content/stretches/{slug}.yml"
        lines += [f"## {stretch.title} {{ #{slug} }}", "", f"`{source}`", ""]
        if found is None:
            lines += ["No pictures yet.", ""]
            continue
        lines.append('<div class="pose-gallery" markdown>')
        for picture in found.pictures:
            lines += [
                "",
                "<figure markdown>",
                f'![{picture.alt}](../{picture.file}){{ width="{picture.width}" '
                f'height="{picture.height}" }}',
                f"<figcaption>{picture.label or 'Drawn by an editor'}</figcaption>",
                "</figure>",
            ]
        lines += ["", "</div>", ""]
    return "\n".join(lines) + "\n"
