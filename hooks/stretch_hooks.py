"""The only module that knows MkDocs: it builds the content first, then hands its pages out.

Everything is read, checked and rendered in `on_config`, before MkDocs empties the site
folder, so a content error never costs the published site; `mkdocs serve` rebuilds take the
same path. The pure work lives in the `stretchsite` package beside this file.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from stretchsite.build import ContentBuild, build_content
from stretchsite.config import settings_from
from stretchsite.content.problems import ContentError, Problem
from stretchsite.pages.csp import headers_file, with_policy_meta
from stretchsite.pages.guard import fix_theme_markup, missing_warning
from stretchsite.pages.published_links import unsafe_links
from stretchsite.pages.qrcode import fill_qr_code
from stretchsite.pages.snippets import insert_snippets

log = logging.getLogger("mkdocs.plugins.stretch_site")

_content: ContentBuild | None = None  # this build's content; replaced by every on_config
_serving = False  # under `mkdocs serve`, whose live-reload script changes on every request


def _fail(problems: list[Problem]) -> PluginError:
    return PluginError("\n" + str(ContentError(problems)))


def _built() -> ContentBuild:
    assert _content is not None, "on_config runs first"
    return _content


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def _with_policy(html: str) -> str:
    """The page with its Content-Security-Policy; none under `mkdocs serve`, which injects a
    live-reload script that no policy written at build time can allow."""
    return html if _serving else with_policy_meta(html)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content
    settings, problems = settings_from(config)
    if settings is None:
        raise _fail(problems)
    _content = build_content(settings, dt.date.today())
    if _content.errors:
        raise _fail(_content.errors)  # before MkDocs empties the site folder
    for problem in _content.problems:
        log.info(str(problem))
    config.extra.update(_content.theme_extra())
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    content = _built()
    docs = Path(config.docs_dir).name
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"
    for src_uri, page in content.pages.items():
        generated = File.generated(config, src_uri, content=page.markdown)
        generated.edit_uri = page.plan.edit_path
        files.append(generated)
    assert content.addresses is not None and content.library is not None
    for path in content.addresses.new_addresses:
        log.info(f"new address {path} is not yet in the registry; run `make urls`")
    for output, html in content.addresses.redirect_pages.items():
        files.append(File.generated(config, output, content=html))
    files.append(File.generated(config, "assets/routine-library.json", content=content.catalogue))
    for slug, path in content.library.illustrations.items():
        files.append(
            File.generated(config, f"assets/illustrations/{slug}.svg", abs_src_path=str(path))
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None:
        return markdown
    return insert_snippets(markdown, _built().snippets)  # checked in on_config


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    generated = _built().pages.get(page.file.src_uri)
    context["structured_data"] = generated.structured_data if generated else None
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    generated = _built().pages.get(page.file.src_uri)
    problem = missing_warning(page.file.src_uri, output, _built().stretches_on(page.file.src_uri))
    if problem:
        raise PluginError(f"{page.file.src_uri}: {problem}")
    output = fill_qr_code(fix_theme_markup(output), generated.qr_code if generated else None)
    unsafe = unsafe_links(output)
    if unsafe:
        source = generated.plan.edit_path if generated else page.file.src_uri
        raise PluginError(f"{source}: unsafe link {'; '.join(unsafe)}")
    return _with_policy(output)  # last: it hashes the page's final inline scripts


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output  # sitemap.xml
    return _with_policy(fix_theme_markup(output))  # 404.html and the like


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    assert _built().addresses is not None
    for output in _built().addresses.redirect_pages:  # copied as they are: no page events
        redirect = site / output
        redirect.write_text(_with_policy(redirect.read_text("utf-8")), "utf-8")
    (site / "_headers").write_text(headers_file(), "utf-8")
