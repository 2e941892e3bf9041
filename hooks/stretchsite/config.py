"""Site settings from `mkdocs.yml`, read by MkDocs' own config loader (so `!ENV` and Material's
`!!python/name:` tags work) and checked like content: `mkdocs.yml:line: field: rule`."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from stretchsite.content.messages import validate
from stretchsite.content.model import EditorSettings, HelpContacts
from stretchsite.content.problems import Problem
from stretchsite.content.yamlsource import Document

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SiteSettings:
    """What the content pages need from the site's configuration."""

    root: Path  # the project folder, holding content/
    docs_dir: Path
    site_url: str
    contacts: HelpContacts
    language: str = "en"  # theme.language: another language's pages come from its translations
    translation_checked_by: str = ""  # extra.translation_checked_by: who checked the translation
    editor: EditorSettings = field(
        default_factory=EditorSettings
    )  # extra.editor: the form editor's repository

    @property
    def pages_dir(self) -> Path:
        """Where this language's hand-written pages are: docs/, or docs/<language>/."""
        return self.docs_dir if self.language == "en" else self.docs_dir / self.language


def _line_of(root: Path, key: str) -> int:
    """The line of `key:` in mkdocs.yml, for messages (1 when it cannot be found)."""
    try:
        lines = (root / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((n for n, text in enumerate(lines, 1) if text.strip().startswith(f"{key}:")), 1)


def settings_from(config: MkDocsConfig) -> tuple[SiteSettings | None, list[Problem]]:
    """The settings of a loaded MkDocs configuration, or the problems with them."""
    root = Path(config.config_file_path).parent
    raw = config.extra.get("help_contacts")
    line = _line_of(root, "help_contacts")
    document = Document(CONFIG_FILE, raw, {(): line})
    contacts, problems = validate(HelpContacts, document)
    problems = [
        Problem(p.path, p.line, f"extra.help_contacts.{p.field}".rstrip("."), p.rule)
        for p in problems
    ]
    editor_document = Document(
        CONFIG_FILE, config.extra.get("editor", {}), {(): _line_of(root, "editor")}
    )
    editor, editor_problems = validate(EditorSettings, editor_document)
    problems += [
        Problem(p.path, p.line, f"extra.editor.{p.field}".rstrip("."), p.rule)
        for p in editor_problems
    ]
    if not config.site_url:
        rule = "is required: printed pages carry each page's full address and its QR code"
        problems.append(Problem(CONFIG_FILE, _line_of(root, "site_url"), "site_url", rule))
    if not isinstance(contacts, HelpContacts) or not isinstance(editor, EditorSettings) or problems:
        return None, problems
    docs_dir = Path(config.docs_dir)
    language = str(config.theme.get("language") or "en")
    site_url = language_site_url(config.site_url, language)
    checked_by = str(config.extra.get("translation_checked_by") or "")
    return SiteSettings(root, docs_dir, site_url, contacts, language, checked_by, editor), []


def language_site_url(site_url: str, language: str) -> str:
    """A language's address: the site's own for English, its folder below it for another
    (a language's config inherits the English `site_url`, so the two never drift apart)."""
    site_url = site_url.rstrip("/") + "/"
    if language == "en" or site_url.endswith(f"/{language}/"):
        return site_url
    return f"{site_url}{language}/"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_settings(
    root: Path, config_file: str = CONFIG_FILE
) -> tuple[SiteSettings | None, list[Problem]]:
    """Load `root/mkdocs.yml` (or a language's `mkdocs.<code>.yml`) as `mkdocs build` would;
    every failure becomes a Problem."""
    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(str(root / config_file))
    except Exception as error:  # MkDocs raises several kinds for a broken file
        reasons = collected.messages or [str(error)]
        return None, [Problem(config_file, 1, "", f"cannot be read: {r}") for r in reasons]
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate
    return settings_from(config)
