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
from stretchsite.editor.admin import EditorMissing, preview_data, write_admin
from stretchsite.languages import ENGLISH, Language, site_languages, translation_of
from stretchsite.pages.app_manifest import MANIFEST, app_icons, manifest_json
from stretchsite.pages.app_manifest import SOURCE as APP_ICON
from stretchsite.pages.assets import (
    LAZY_SEARCH,
    PALETTE,
    SCRIPTS,
    STYLES,
    inline_script,
    joined,
    minified,
    palette_colours,
    palette_for,
    without_palette_link,
)
from stretchsite.pages.csp import headers_file, with_policy_meta
from stretchsite.pages.gallery import GALLERY_PAGE
from stretchsite.pages.guard import fix_theme_markup, missing_warning
from stretchsite.pages.offline import SERVICE_WORKER, service_worker
from stretchsite.pages.published_links import unsafe_links
from stretchsite.pages.qrcode import fill_qr_code
from stretchsite.pages.snippets import insert_snippets
from stretchsite.pages.strings import strings
from stretchsite.pages.versions import version_of, with_versions

log = logging.getLogger("mkdocs.plugins.stretch_site")

_content: ContentBuild | None = None  # this build's content; replaced by every on_config
_settings: SiteSettings | None = None  # and its settings
_pages_in: dict[str, set[str]] = {}  # each other language's pages (src_uri), by its code
_checked: dict[str, ContentBuild] = {}  # each other language's content, until its build
_serving = False  # under `mkdocs serve`, whose live-reload script changes on every request
_versions: dict[str, dict[str, str]] = {}  # each language's files' versions, by path in its site
_notices: dict[str, str] = {}  # each language's safety notice, for the offline page
_page_versions: dict[str, dict[str, str]] = {}  # each language's pages' versions, by address
_bundled: dict[str, list[str]] = {}  # the style sheets and scripts each bundle joins, in order


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
    _notices[settings.language] = _content.site_notice
    # The offline service worker is at the site's root, above each language's folder. Editors'
    # previews (`mkdocs serve`) are never saved.
    folder = next(x for x in site_languages(settings.root) if x.code == settings.language).prefix
    config.extra["service_worker"] = None if _serving else "../" * folder.count("/") + "sw.js"
    # Every page's own styles and scripts, each kind in one minified file (pages/assets.py).
    _bundled[STYLES] = [str(path) for path in config.extra_css]
    _bundled[SCRIPTS] = [str(path) for path in config.extra_javascript]
    config.extra_css = [STYLES]
    config.extra_javascript = []  # overrides/main.html loads them before Material's bundle
    config.extra["site_scripts"] = SCRIPTS
    config.extra["lazy_search"] = inline_script(Path(config.docs_dir) / LAZY_SEARCH)
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
    _minify(files, config)
    # Installable: the manifest and its icons, in each language's site (pages/app_manifest.py).
    for path, png in app_icons(_settings.root / APP_ICON).items():
        files.append(File.generated(config, path, content=png))
    t = strings(_settings.language)
    files.append(File.generated(config, MANIFEST, content=manifest_json(t, _settings.site_url)))
    _versions[_settings.language] = {
        file.dest_uri: version_of(file.content_bytes)
        for file in files
        if file.dest_uri.startswith("assets/") and not file.is_documentation_page()
    }
    _page_versions[_settings.language] = {}  # filled as each page is written
    return files


def _minify(files: Files, config: MkDocsConfig) -> None:
    """The site's own scripts and styles, minified; those on every page joined in one file."""
    docs = Path(config.docs_dir).resolve()
    for file in list(files):
        if file.generated_by or not file.src_uri.endswith((".js", ".css")):
            continue
        source = Path(file.abs_src_path).resolve()
        if not source.is_relative_to(docs) or "vendor" in source.relative_to(docs).parts:
            continue  # the theme's own and vendored libraries: minified already, with licences
        files.remove(file)
        if file.src_uri != LAZY_SEARCH:  # written into each page instead
            text = minified(file.src_uri, file.content_string)
            files.append(File.generated(config, file.src_uri, content=text))
    palette = next((file for file in files if PALETTE.fullmatch(file.src_uri)), None)
    if palette is None:
        raise PluginError("Material's palette style sheet was not found: check its version")
    colours = palette_colours(config.theme.get("palette"))
    for bundle, parts in _bundled.items():
        texts = [files.get_file_from_path(part).content_string for part in parts]
        if bundle == STYLES:
            texts.insert(0, palette_for(palette.content_string, colours))
        files.append(File.generated(config, bundle, content=joined(bundle, texts)))


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
    assert _built().renderer is not None
    words = _built().renderer.strings.browser_words(routine_scripts=bool(page.meta.get("scripts")))
    config.extra["browser_strings"] = words
    _language_menu(config, page.meta.get("languages", []))
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    assert _built().renderer is not None
    config.extra["browser_strings"] = _built().renderer.strings.browser_words(routine_scripts=False)
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
    output = without_palette_link(output)
    unsafe = unsafe_links(output)
    if unsafe:
        source = generated.plan.edit_path if generated else page.file.src_uri
        raise PluginError(f"{source}: unsafe link {'; '.join(unsafe)}")
    output = _with_policy(with_versions(output, page.url, _versions[_language()]))
    _page_versions[_language()][page.url] = version_of(output.encode("utf-8"))
    return output  # the policy last: it hashes the page's final inline scripts


def _language() -> str:
    assert _settings is not None
    return _settings.language


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output  # sitemap.xml
    output = without_palette_link(fix_theme_markup(output, _search_label()))
    return _with_policy(with_versions(output, template_name, _versions[_language()]))  # 404


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    assert _built().addresses is not None
    for output in _built().addresses.redirect_pages:  # copied as they are: no page events
        redirect = site / output
        redirect.write_text(_with_policy(redirect.read_text("utf-8")), "utf-8")
    assert _settings is not None
    if _settings.language == ENGLISH:  # the host's headers, then each language in its folder
        (site / "_headers").write_text(headers_file(), "utf-8")
        languages = site_languages(_settings.root)
        for language in languages[1:]:
            _build_language(language, config)
        if not _serving:
            (site / SERVICE_WORKER).write_text(_service_worker(languages), "utf-8")
        _write_editor(site)


def _write_editor(site: Path) -> None:
    """`/admin/`, the form editor, with the patient page's styles for its previews."""
    content, settings = _built(), _settings
    assert content.library is not None and content.renderer is not None and settings is not None
    styles = [*site.glob("assets/stylesheets/main.*.min.css"), site / STYLES]
    preview = preview_data(content.library, settings.contacts, content.renderer.strings)
    preview["css"] = [f"../{style.relative_to(site).as_posix()}" for style in styles]
    try:
        write_admin(site, settings.editor, settings.site_url, content.library, preview)
    except EditorMissing as missing:
        raise PluginError(str(missing)) from None


def _service_worker(languages: list[Language]) -> str:
    """sw.js for every language's pages: one worker at the root serves them all. Its version
    changes with any page or file, so a corrected page reaches the pages a patient saved."""
    versions = {
        f"{language.prefix}{path}": version
        for language in languages
        for found in (_versions, _page_versions)
        for path, version in found.get(language.code, {}).items()
    }
    offline = {x.prefix: (strings(x.code), _notices.get(x.code, "")) for x in languages}
    return service_worker(versions, offline)


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
