"""The only module that knows MkDocs: it loads content, adds the generated pages and guards them.

Everything else lives in the pure `stretchsite` package beside this file.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from stretchsite.addresses import (
    address_problems,
    page_path,
    read_address_book,
    redirect_page,
    unrecorded,
)
from stretchsite.catalogue import catalogue_json
from stretchsite.check import inspect_content
from stretchsite.errors import ContentError, Problem
from stretchsite.headers import write_headers
from stretchsite.messages import validate
from stretchsite.model import HelpContacts
from stretchsite.pageguard import missing_warning, fix_theme_markup
from stretchsite.render import Renderer
from stretchsite.snippets import SnippetError, insert_snippets
from stretchsite.yamlsource import Document

log = logging.getLogger("mkdocs.plugins.stretch_site")
_renderer: Renderer | None = None  # replaced, never grown, by each build's on_config


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _renderer
    root = Path(config.config_file_path).parent
    library, problems = inspect_content(root, dt.date.today())
    contacts_doc = Document("mkdocs.yml", config.extra.get("help_contacts"), {})
    contacts, contact_problems = validate(HelpContacts, contacts_doc)
    errors = [p for p in [*problems, *contact_problems] if p.severity == "error"]
    if errors or library is None or contacts is None:
        raise PluginError("\n" + str(ContentError(errors)))
    for problem in problems:
        log.info(str(problem))
    _renderer = Renderer(library, contacts, config.site_url or "/")  # type: ignore[arg-type]
    config.extra["site_notice"] = _renderer.site_notice()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _renderer is not None
    for file in files.documentation_pages():
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    for page in _renderer.pages():
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(
                f"docs/{page.src_uri}: this page is generated from content; "
                "remove the file from docs/"
            )
        generated = File.generated(config, page.src_uri, content=page.markdown)
        generated.edit_uri = page.edit_path
        files.append(generated)
    _add_redirects(files, config)
    files.append(
        File.generated(
            config, "assets/routine-library.json", content=catalogue_json(_renderer.library)
        )
    )
    for slug, path in _renderer.library.illustrations.items():
        files.append(
            File.generated(config, f"assets/illustrations/{slug}.svg", abs_src_path=str(path))
        )
    return files


def _add_redirects(files: Files, config: MkDocsConfig) -> None:
    """Fail if a published address would disappear; write a page for each redirect."""
    live = {page_path(file.src_uri) for file in files.documentation_pages()}
    book, problems = read_address_book(Path(config.config_file_path).parent)
    problems += address_problems(book, live)
    if problems:
        raise PluginError("\n" + str(ContentError(problems)))
    for path in unrecorded(book, live):
        log.info(f"new address {path} is not yet in the registry; run `make urls`")
    for source, target in book.redirects.items():
        html = redirect_page(source, target, config.site_url or "/")
        files.append(File.generated(config, f"{source.strip('/')}/index.html", content=html))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _renderer is not None
    if page.file.generated_by is not None:
        return markdown
    try:
        return insert_snippets(markdown, _renderer.snippets())
    except SnippetError as error:
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(str(Problem(shown, error.line, "", error.rule))) from None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    assert _renderer is not None
    context["structured_data"] = _renderer.structured_data(page.file.src_uri)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    problem = missing_warning(page.file.src_uri, output)
    if problem:
        raise PluginError(f"{page.file.src_uri}: {problem}")
    return fix_theme_markup(output)


def on_post_build(config: MkDocsConfig) -> None:
    write_headers(Path(config.site_dir))
