"""`python -m stretchsite export OUT`: the whole site as a plain Markdown tree, without hooks.

OUT gets `docs/` (hand-written pages with their safety text filled in, every generated page as
Markdown, the pictures and the routine library, the redirect pages) and a `mkdocs.yml` that
inherits the site's own (copied beside it, tags such as `!ENV` untouched) minus the hooks. Any
MkDocs-compatible engine can build it: our way out should Material for MkDocs end. It is
the English site: another language exports the same way from its own build.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from stretchsite.build import content_build
from stretchsite.commands.publish import unsafe_output
from stretchsite.config import CONFIG_FILE
from stretchsite.languages import translation_folders
from stretchsite.pages.app_manifest import MANIFEST, app_icons, manifest_json
from stretchsite.pages.app_manifest import SOURCE as APP_ICON
from stretchsite.pages.qrcode import fill_qr_code

BASE_CONFIG = "mkdocs.base.yml"


def export_config(extra: dict[str, object]) -> str:
    """The exported mkdocs.yml: the site's own, without hooks, with what they add to `extra`."""
    added = "".join(
        f"  {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in extra.items()
    )
    return (
        "# Exported by `python -m stretchsite export`: the site without its MkDocs hooks.\n"
        f"INHERIT: {BASE_CONFIG}\n"
        "docs_dir: docs\n"
        "hooks: []\n"
        "watch: []\n"
        "extra:\n" + added
    )


def export_site(root: Path, out: Path, today: dt.date) -> int:
    """Write the export; return the number of pages written. Raises ValueError on bad content."""
    content, problems = content_build(root, today)
    if content is None or content.library is None or content.addresses is None:
        raise ValueError("\n".join(str(p) for p in problems if p.severity == "error"))
    refused = unsafe_output(out, root)
    if refused:
        raise ValueError(refused)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    others = translation_folders(root)
    shutil.copytree(  # without the other languages' pages (docs/es/)
        content.docs_dir,
        docs,
        ignore=lambda folder, names: [
            name for name in names if Path(folder) == content.docs_dir and name in others
        ],
    )
    if (root / "overrides").is_dir():
        # Without the sitemap that lists each page's languages: the export is one language,
        # and other engines write their own sitemap.
        shutil.copytree(
            root / "overrides", out / "overrides", ignore=shutil.ignore_patterns("sitemap.xml")
        )
    shutil.copy2(root / CONFIG_FILE, out / BASE_CONFIG)
    (out / CONFIG_FILE).write_text(export_config(content.theme_extra()), "utf-8")
    generated = {uri: fill_qr_code(p.markdown, p.qr_code) for uri, p in content.pages.items()}
    pages = {**content.docs, **generated}  # not the editors' picture gallery: it needs the hooks
    for src_uri, markdown in pages.items():
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, "utf-8")
    for path, svg in content.picture_files().items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(svg, "utf-8")
    (docs / "assets" / "routine-library.json").write_text(content.catalogue, "utf-8")
    for path, png in app_icons(root / APP_ICON).items():  # installable, as the site is
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(png)
    assert content.renderer is not None
    manifest = manifest_json(content.renderer.strings, content.site_url)
    (docs / MANIFEST).write_text(manifest, "utf-8")
    for output, html in content.addresses.redirect_pages.items():
        moved = docs / output
        moved.parent.mkdir(parents=True, exist_ok=True)
        moved.write_text(html, "utf-8")
    return len(pages)
