"""`python -m stretchsite COMMAND`: the project's one command line, for editors and CI.

check    check all content as the build does, plus reading level, spelling and addresses
new      start a new stretch file from the template
urls     record every page address in content/published-urls.txt
schemas  regenerate the JSON Schemas in schemas/ from the content model
export   write the site as plain Markdown and mkdocs.yml, without the hooks
publish  build the site into site/, all or nothing
links    check every internal link and anchor of a built site
review-pack  write the clinical review pack (HTML and PDF) for a clinician to sign off
translated  record that translations follow today's English (after updating their words)
new-language  start another language: its config, words, safety text, tips and pages to translate
changed-pages  the pages a pull request changes, as its preview comment (Markdown)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from stretchsite.commands import (
    changed_pages,
    check,
    export,
    new,
    new_language,
    publish,
    review_pack,
    schemas,
    translated,
    urls,
)
from stretchsite.content.model import BodyArea


def _check(args: argparse.Namespace) -> int:
    return check.run(args.root, args.today, args.github)


def _new(args: argparse.Namespace) -> int:
    return new.run(args.root, args.title, args.area)


def _urls(args: argparse.Namespace) -> int:
    return urls.run(args.root)


def _schemas(args: argparse.Namespace) -> int:
    return schemas.run(args.folder)


def _export(args: argparse.Namespace) -> int:
    try:
        pages = export.export_site(args.root.resolve(), args.out, dt.date.today())
    except ValueError as error:
        print(f"{error}\nNothing was exported.", file=sys.stderr)
        return 1
    config = args.out / "mkdocs.yml"
    print(f"Exported {pages} pages to {args.out}; build it with: mkdocs build -f {config}")
    return 0


def _publish(args: argparse.Namespace) -> int:
    return publish.publish(args.config_file, args.site_dir)


def _links(args: argparse.Namespace) -> int:
    from stretchsite.checks.links import broken_links

    broken = broken_links(args.site)
    for line in broken:
        print(line)
    print(f"Link check: {len(broken)} broken link(s) in {args.site}.")
    return 1 if broken else 0


def _review_pack(args: argparse.Namespace) -> int:
    return review_pack.run(args.root, args.out, args.today, args.chromium)


def _translated(args: argparse.Namespace) -> int:
    return translated.run(args.root, args.files)


def _new_language(args: argparse.Namespace) -> int:
    return new_language.run(args.root, args.code, args.name)


def _changed_pages(args: argparse.Namespace) -> int:
    return changed_pages.run(args.root, args.changed_file, args.base_url, args.today)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m stretchsite",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    root = {"type": Path, "default": Path("."), "help": "the project folder (holding content/)"}
    today = {"type": dt.date.fromisoformat, "default": dt.date.today()}

    sub = commands.add_parser("check", help="check all content")
    sub.add_argument("root", nargs="?", **root)
    sub.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="check review dates as of this day (YYYY-MM-DD)",
    )
    sub.add_argument(
        "--github",
        action="store_true",
        help="also print each problem as a GitHub Actions annotation (a note on the changed line)",
    )
    sub.set_defaults(run=_check)

    sub = commands.add_parser("new", help="start a new stretch file")
    sub.add_argument("title", nargs="?", help='the stretch title, like "Cat stretch"')
    sub.add_argument("--area", choices=[a.value for a in BodyArea], default="lower-back")
    sub.add_argument("--root", **root)
    sub.set_defaults(run=_new)

    sub = commands.add_parser("urls", help="record every page address")
    sub.add_argument("root", nargs="?", **root)
    sub.set_defaults(run=_urls)

    sub = commands.add_parser("schemas", help="regenerate the JSON Schemas")
    sub.add_argument("folder", nargs="?", type=Path, default=Path("schemas"))
    sub.set_defaults(run=_schemas)

    sub = commands.add_parser("export", help="write the site without its hooks")
    sub.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    sub.add_argument("--root", **root)
    sub.set_defaults(run=_export)

    sub = commands.add_parser("publish", help="build the site, all or nothing")
    sub.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    sub.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    sub.set_defaults(run=_publish)

    sub = commands.add_parser("links", help="check the links of a built site")
    sub.add_argument("site", nargs="?", type=Path, default=Path("site"))
    sub.set_defaults(run=_links)

    sub = commands.add_parser("review-pack", help="write the clinical review pack")
    sub.add_argument(
        "out", type=Path, help="folder to write review-pack.html and review-pack.pdf into"
    )
    sub.add_argument("--root", **root)
    sub.add_argument(
        "--today", **today, help="check review dates as of this day, and date the pack (YYYY-MM-DD)"
    )
    sub.add_argument(
        "--chromium", type=Path, help="the Chromium to print the PDF with (default: on PATH)"
    )
    sub.set_defaults(run=_review_pack)

    sub = commands.add_parser("translated", help="record that translations follow the English")
    sub.add_argument("files", nargs="+", type=Path, help="translations, like content/es/tips.yml")
    sub.add_argument("--root", **root)
    sub.set_defaults(run=_translated)

    sub = commands.add_parser("new-language", help="start another language, to translate")
    sub.add_argument("code", help="the language's code, like fr")
    sub.add_argument("name", help="its name in itself, like Français")
    sub.add_argument("--root", **root)
    sub.set_defaults(run=_new_language)

    sub = commands.add_parser(
        "changed-pages", help="the pages changed files change, as a pull request comment"
    )
    sub.add_argument(
        "--changed-file",
        type=Path,
        help="the changed paths, one a line, as `git diff --name-only --no-renames` prints them "
        "(default: read them from standard input)",
    )
    sub.add_argument(
        "--base-url",
        help="the preview's address, like https://org.github.io/repo/pr-preview/pr-12/ "
        "(without it, the comment says there is no preview)",
    )
    sub.add_argument("--root", **root)
    sub.add_argument("--today", **today, help="build the content as of this day (YYYY-MM-DD)")
    sub.set_defaults(run=_changed_pages)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))
