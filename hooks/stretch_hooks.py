"""The only module that knows MkDocs: it builds the content first, then hands its pages out.

Everything is read, checked and rendered in `on_config`, before MkDocs empties the site
folder, so a content error never costs the published site; `mkdocs serve` rebuilds take the
same path. The pure work lives in the `stretchsite` package beside this file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from stretchsite.build import ContentBuild, build_content
from stretchsite.config import SiteSettings, language_site_url, read_settings, settings_from
from stretchsite.content.problems import ContentError, Problem
from stretchsite.languages import ENGLISH, Language, site_languages, translation_of
from stretchsite.pages.csp import headers_file, with_policy_meta
from stretchsite.pages.gallery import GALLERY_PAGE
from stretchsite.pages.guard import fix_theme_markup, missing_warning
from stretchsite.pages.published_links import unsafe_links
from stretchsite.pages.qrcode import fill_qr_code
from stretchsite.pages.snippets import insert_snippets

log = logging.getLogger("mkdocs.plugins.stretch_site")

_content: ContentBuild | None = None  # this build's content; replaced by every on_config
_settings: SiteSettings | None = None  # and its settings
_pages_in: dict[str, set[str]] = {}  # each other language's pages (src_uri), by its code
_checked: dict[str, ContentBuild] = {}  # each other language's content, until its build
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
    global _content, _settings
    settings, problems = settings_from(config)
    if settings is None:
        raise _fail(problems)
    _settings = settings
    prebuilt = _checked.pop(settings.language, None)  # built in the English on_config
    _content = (
        prebuilt
        if prebuilt is not None and prebuilt.site_url == settings.site_url
        else build_content(settings, dt.date.today())
    )
    if _content.errors:
        raise _fail(_content.errors)  # before MkDocs empties the site folder
    if settings.language == ENGLISH:
        _check_other_languages(settings)
    for problem in _content.problems:
        log.info(str(problem))
    config.extra.update(_content.theme_extra())
    return config


def _check_other_languages(settings: SiteSettings) -> None:
    """Every other language's content too, before MkDocs empties the site folder; and which
    pages each has, for the language menu (they are built in on_post_build)."""
    _pages_in.clear()
    _checked.clear()
    for language in site_languages(settings.root)[1:]:
        other, problems = read_settings(settings.root, language.config_file.name)
        if other is not None:  # below this build's address (`mkdocs serve` has a local one)
            site_url = language_site_url(settings.site_url, language.code)
            other = dataclasses.replace(other, site_url=site_url)
        content = build_content(other, dt.date.today()) if other else None
        errors = content.errors if content else problems
        if errors:
            raise _fail(errors)
        assert content is not None
        translated = {uri for uri, page in content.pages.items() if not page.untranslated}
        _pages_in[language.code] = {*translated, *content.docs}
        _checked[language.code] = content  # its build (on_post_build) uses it


def on_files(files: Files, config: MkDocsConfig) -> Files:
    content = _built()
    assert _settings is not None
    docs = Path(config.docs_dir).name
    languages = site_languages(_settings.root)
    for file in list(files):  # other languages' pages are built by their own builds
        if any(file.src_uri.startswith(other.prefix) for other in languages if other.prefix):
            files.remove(file)
    for file in files.documentation_pages():
        file.edit_uri = f"{docs}/{file.src_uri}"
        if _settings.language != ENGLISH:  # this language's own words for the page
            files.remove(file)
            translated = File.generated(config, file.src_uri, content=content.docs[file.src_uri])
            translated.edit_uri = f"{docs}/{_settings.language}/{file.src_uri}"
            files.append(translated)
    for src_uri, page in content.pages.items():
        generated = File.generated(config, src_uri, content=page.markdown)
        generated.edit_uri = translation_of(page.plan.edit_path, _settings.language)
        files.append(generated)
    assert content.addresses is not None and content.library is not None
    for path in content.addresses.new_addresses:
        log.info(f"new address {path} is not yet in the registry; run `make urls`")
    for output, html in content.addresses.redirect_pages.items():
        files.append(File.generated(config, output, content=html))
    files.append(File.generated(config, "assets/routine-library.json", content=content.catalogue))
    for path, svg in content.picture_files().items():
        files.append(File.generated(config, path, content=svg))
    if _settings.language == ENGLISH:  # for editors, in one language
        files.append(File.generated(config, GALLERY_PAGE, content=content.gallery()))
    return files


def _search_label() -> str:
    assert _built().renderer is not None
    t = _built().renderer.strings
    return str(t.search_dialog)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["languages"] = _alternates(page)  # before the sitemap, which lists them too
    if page.file.generated_by is not None:
        return markdown
    return insert_snippets(markdown, _built().snippets)  # checked in on_config


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    generated = _built().pages.get(page.file.src_uri)
    context["structured_data"] = generated.structured_data if generated else None
    context["stale_translation"] = _built().stale(page.file.src_uri)
    _language_menu(config, page.meta.get("languages", []))
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    _language_menu(config, [])  # 404.html and the sitemap: no page in another language
    return context


def _language_menu(config: MkDocsConfig, languages: list[dict[str, str]]) -> None:
    """The header's language menu (overrides/partials/alternate.html) lists `languages`.

    Material shows the menu when `extra.alternate` is set, and then also writes a
    `<link rel="alternate">` for each entry, for which its script fetches `sitemap.xml` below
    each link: so `alternate` is only true or false here, and the page's own languages are in
    `languages_here`. Search engines find each page's languages in the sitemap
    (overrides/sitemap.xml), which Material's script also reads.
    """
    config.extra["alternate"] = bool(languages)
    config.extra["languages_here"] = languages


def _alternates(page: Page) -> list[dict[str, str]]:
    """The page in each language that has it, for the language menu and the sitemap: `link`
    the whole address, `href` the address from this page. Nothing when only this language
    has it."""
    assert _settings is not None and _content is not None and _content.library is not None
    generated = _content.pages.get(page.file.src_uri)
    if generated is not None and generated.untranslated:
        return []
    here = _settings.language
    root_url = _settings.site_url.rstrip("/") + "/"
    if here != ENGLISH:
        root_url = root_url.removesuffix(f"{here}/")
    depth = len([part for part in page.url.split("/") if part]) + (here != ENGLISH)
    found = [
        {
            "name": language.name,
            "lang": language.code,
            "link": root_url + language.prefix + page.url,
            "href": ("../" * depth + language.prefix + page.url) or "./",
        }
        for language in site_languages(_settings.root)
        # Another language's page is this one's; English has every page another has.
        if language.code in (here, ENGLISH) or page.file.src_uri in _pages_in[language.code]
    ]
    return found if len(found) > 1 else []


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    generated = _built().pages.get(page.file.src_uri)
    stub = generated is not None and generated.untranslated  # no steps: a link to English
    shown = _built().stretches_on(page.file.src_uri)
    problem = None if stub else missing_warning(page.file.src_uri, output, shown)
    if problem:
        raise PluginError(f"{page.file.src_uri}: {problem}")
    output = fill_qr_code(
        fix_theme_markup(output, _search_label()), generated.qr_code if generated else None
    )
    unsafe = unsafe_links(output)
    if unsafe:
        source = generated.plan.edit_path if generated else page.file.src_uri
        raise PluginError(f"{source}: unsafe link {'; '.join(unsafe)}")
    return _with_policy(output)  # last: it hashes the page's final inline scripts


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output  # sitemap.xml
    return _with_policy(fix_theme_markup(output, _search_label()))  # 404.html and the like


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    assert _built().addresses is not None
    for output in _built().addresses.redirect_pages:  # copied as they are: no page events
        redirect = site / output
        redirect.write_text(_with_policy(redirect.read_text("utf-8")), "utf-8")
    assert _settings is not None
    if _settings.language == ENGLISH:  # the host's headers, then each language in its folder
        (site / "_headers").write_text(headers_file(), "utf-8")
        for language in site_languages(_settings.root)[1:]:
            _build_language(language, config)


def _build_language(language: Language, config: MkDocsConfig) -> None:
    """Build another language's site into `<site>/<code>/`, as strict as this build. Its
    hooks are this module's, so this build's content is put back after it."""
    global _content, _settings
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    english = _content, _settings
    other = load_config(
        str(language.config_file),
        site_dir=str(Path(config.site_dir) / language.code),
        strict=config.strict,
    )
    # Below the English site's address (under `mkdocs serve`, its local one).
    other.site_url = language_site_url(config.site_url, language.code)
    try:
        build(other)
    finally:
        _content, _settings = english
