"""`python -m stretchsite.export OUT`: the whole site as a plain Markdown tree, without hooks.

OUT gets `docs/` (hand-written pages with their safety text filled in, every generated page as
Markdown, the pictures and the routine library) and a `mkdocs.yml` that is the site's own minus
the hooks. Any MkDocs-compatible engine can build it: our way out when Material for MkDocs ends
(its successor, Zensical, reads mkdocs.yml but runs no hooks).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
from pathlib import Path

import yaml

from .addresses import read_address_book, redirect_page
from .catalogue import catalogue_json
from .content import inspect_content
from .editorial import site_contacts
from .render import Renderer
from .snippets import insert_snippets

_HOOK_ONLY_KEYS = ("hooks", "watch")


def export_config(root: Path) -> dict[str, object]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in _HOOK_ONLY_KEYS:
        config.pop(key, None)
    config["docs_dir"] = "docs"
    if (root / "overrides").is_dir():
        config["theme"]["custom_dir"] = "overrides"
    return config


def export_site(root: Path, out: Path, today: dt.date) -> int:
    """Write the export; return the number of Markdown pages written."""
    library, problems = inspect_content(root, today)
    if library is None:
        raise ValueError("\n".join(str(p) for p in problems if p.severity == "error"))
    config = export_config(root)
    renderer = Renderer(library, site_contacts(root), str(config.get("site_url") or "/"))
    config.setdefault("extra", {})["site_notice"] = renderer.site_notice()  # type: ignore[index]
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(root / "docs", docs)
    if (root / "overrides").is_dir():
        shutil.copytree(root / "overrides", out / "overrides")
    snippets = renderer.snippets()
    pages = 0
    for page in sorted(docs.rglob("*.md")):
        page.write_text(insert_snippets(page.read_text("utf-8"), snippets), "utf-8")
        pages += 1
    for generated in renderer.pages():
        target = docs / generated.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.markdown, "utf-8")
        pages += 1
    pictures = docs / "assets" / "illustrations"
    pictures.mkdir(parents=True, exist_ok=True)
    for slug, path in library.illustrations.items():
        shutil.copy2(path, pictures / f"{slug}.svg")
    (docs / "assets" / "routine-library.json").write_text(catalogue_json(library), "utf-8")
    book, _ = read_address_book(root)
    for source, target in book.redirects.items():
        moved = docs / source.strip("/") / "index.html"
        moved.parent.mkdir(parents=True, exist_ok=True)
        moved.write_text(redirect_page(source, target, str(config.get("site_url") or "/")))
    (out / "mkdocs.yml").write_text(
        "# Exported by `python -m stretchsite.export`: the site without its MkDocs hooks.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        "utf-8",
    )
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="export", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        pages = export_site(args.root.resolve(), args.out, dt.date.today())
    except ValueError as error:
        print(f"{error}\nNothing was exported.", file=sys.stderr)
        return 1
    print(
        f"Exported {pages} pages to {args.out}; build it with: mkdocs build -f "
        f"{args.out / 'mkdocs.yml'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
