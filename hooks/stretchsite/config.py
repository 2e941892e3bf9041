"""Site settings from `mkdocs.yml`, read by MkDocs' own config loader (so `!ENV` and Material's
`!!python/name:` tags work) and checked like content: `mkdocs.yml:line: field: rule`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from stretchsite.content.messages import validate
from stretchsite.content.model import HelpContacts
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
    if not config.site_url:
        rule = "is required: printed pages carry each page's full address and its QR code"
        problems.append(Problem(CONFIG_FILE, _line_of(root, "site_url"), "site_url", rule))
    if not isinstance(contacts, HelpContacts) or problems:
        return None, problems
    docs_dir = Path(config.docs_dir)
    return SiteSettings(root, docs_dir, config.site_url, contacts), []


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_settings(root: Path) -> tuple[SiteSettings | None, list[Problem]]:
    """Load `root/mkdocs.yml` as `mkdocs build` would; every failure becomes a Problem."""
    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    propagate, logger.propagate = logger.propagate, False
    try:
        config = load_config(str(root / CONFIG_FILE))
    except Exception as error:  # MkDocs raises several kinds for a broken file
        reasons = collected.messages or [str(error)]
        return None, [Problem(CONFIG_FILE, 1, "", f"cannot be read: {r}") for r in reasons]
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate
    return settings_from(config)
