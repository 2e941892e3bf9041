"""The only module that knows MkDocs: it loads content, adds the generated pages and guards them.

Everything else lives in the pure `stretchsite` package beside this file. State lives in one
`_Build`, replaced by each build's on_config (mkdocs serve reuses this module between builds).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from stretchsite.addresses import page_path, plan_addresses
from stretchsite.errors import ContentError, Problem
from stretchsite.handout import fill_qr_code
from stretchsite.headers import headers_file, inline_script_hashes
from stretchsite.library import illustration_files
from stretchsite.messages import validate
from stretchsite.model import HelpContacts
from stretchsite.pageguard import fix_theme_markup, missing_warning
from stretchsite.prerender import GeneratedPages
from stretchsite.render import PagePlan, plan_pages
from stretchsite.secondprocess import worth_a_second_process
from stretchsite.session import ContentSource
from stretchsite.snippets import SnippetError, insert_snippets
from stretchsite.yamlsource import Document

log = logging.getLogger("mkdocs.plugins.stretch_site")


@dataclass
class _Build:
    root: Path
    plans: list[PagePlan]
    pages: GeneratedPages
    catalogue: File | None = None
    reported: bool = False
    script_hashes: set[str] = field(default_factory=set)


_build: _Build | None = None


def _fail(problems: list[Problem]) -> PluginError:
    return PluginError("\n" + str(ContentError(problems)))


def _report(build: _Build) -> None:
    """Stop on any content error; otherwise log each warning (once a build)."""
    if build.reported:
        return
    outcome = build.pages.outcome()
    if outcome.errors:
        raise _fail(outcome.errors)
    for problem in outcome.problems:
        log.info(str(problem))
    build.reported = True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).parent
    contacts, problems = validate(
        HelpContacts, Document("mkdocs.yml", config.extra.get("help_contacts"), {})
    )
    if not isinstance(contacts, HelpContacts):
        raise _fail(problems)
    plans = plan_pages(root)
    source = ContentSource(root, dt.date.today(), contacts, config.site_url or "/")
    pages = GeneratedPages(source, plans, worth_a_second_process(len(plans)))
    _build = _Build(root, plans, pages)
    if not pages.background:
        _report(_build)  # read here already: stop before MkDocs empties the site folder
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None
    for file in files.documentation_pages():
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}"
    for plan in _build.plans:
        if files.get_file_from_path(plan.src_uri) is not None:
            raise PluginError(
                f"docs/{plan.src_uri}: this page is generated from content; "
                "remove the file from docs/"
            )
        # The Markdown arrives in on_pre_page, just before MkDocs reads the page.
        generated = File.generated(config, plan.src_uri, content="")
        generated.edit_uri = plan.edit_path
        files.append(generated)
    _add_redirects(files, config)
    # Filled in on_env, once every content file was read and checked.
    _build.catalogue = File.generated(config, "assets/routine-library.json", content="")
    files.append(_build.catalogue)
    stretches = {plan.slug for plan in _build.plans if plan.method == "stretch_page"}
    pictures, _ = illustration_files(_build.root, stretches)
    for slug, path in pictures.items():
        files.append(
            File.generated(config, f"assets/illustrations/{slug}.svg", abs_src_path=str(path))
        )
    return files


def _add_redirects(files: Files, config: MkDocsConfig) -> None:
    """Fail if a published address would disappear; write a page for each redirect."""
    live = {page_path(file.src_uri) for file in files.documentation_pages()}
    plan = plan_addresses(Path(config.config_file_path).parent, live, config.site_url or "/")
    if plan.problems:
        raise _fail(plan.problems)
    for path in plan.new_addresses:
        log.info(f"new address {path} is not yet in the registry; run `make urls`")
    for output, html in plan.redirect_pages.items():
        files.append(File.generated(config, output, content=html))


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    assert _build is not None
    if page.file.src_uri in _build.pages:
        page.file.content_string = _build.pages.markdown(page.file.src_uri)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    if page.file.generated_by is not None:
        return markdown
    text = _build.pages.site_text()
    if text is None:
        return markdown  # safety.yml or tips.yml has errors: the build stops in on_env
    try:
        return insert_snippets(markdown, text.snippets)
    except SnippetError as error:
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(str(Problem(shown, error.line, "", error.rule))) from None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page is converted: stop on any content error before a file is written."""
    assert _build is not None and _build.catalogue is not None
    _report(_build)
    text = _build.pages.site_text()
    assert text is not None, "the content passed every check"
    config.extra["site_notice"] = text.site_notice
    _build.catalogue.content_string = _build.pages.outcome().catalogue
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    assert _build is not None
    context["structured_data"] = _build.pages.structured_data(page.file.src_uri)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    assert _build is not None
    problem = missing_warning(page.file.src_uri, output)
    if problem:
        raise PluginError(f"{page.file.src_uri}: {problem}")
    output = fill_qr_code(fix_theme_markup(output), _build.pages.qr_code(page.file.src_uri))
    _build.script_hashes.update(inline_script_hashes(output))
    return output


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    assert _build is not None
    _build.script_hashes.update(inline_script_hashes(output))  # 404.html and the like
    return output


def on_post_build(config: MkDocsConfig) -> None:
    assert _build is not None
    _build.pages.close()
    (Path(config.site_dir) / "_headers").write_text(headers_file(_build.script_hashes), "utf-8")


def on_build_error(error: Exception) -> None:
    if _build is not None:
        _build.pages.close()
