"""`/admin/`: the form editor (Decap CMS) for the built site, written by the English build.

Decap's prebuilt bundle comes from the npm registry (`decap-cms` in package.json) and is copied
in at build time: no CDN. The page is `noindex`, linked from no patient page, left out of the
sitemap and search (it is not a MkDocs page) and out of the offline cache (sw.js skips it).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from stretchsite.content.library import Library
from stretchsite.content.model import EditorSettings, HelpContacts
from stretchsite.editor.form import form_fields
from stretchsite.kinds import KIND, PageKind
from stretchsite.pages.strings import Strings

ADMIN = "admin"
PROJECT = Path(__file__).resolve().parents[3]
DECAP = PROJECT / "node_modules" / "decap-cms" / "dist"
HERE = Path(__file__).parent / "admin"
# Words of the patient page the preview shows, from the site's string catalogue.
PREVIEW_WORDS = (
    "take_care",
    "check_first_label",
    "steps_heading",
    "dose_heading",
    "feel_heading",
    "do_dont_heading",
    "remember_heading",
    "get_help_heading",
    "floor_down",
    "floor_up",
)
SAFETY_AROUND_A_STRETCH = {"warnings", "check_first", "progression", "floor", "when_to_get_help"}
STRETCH_IN_A_ROUTINE = {
    "title",
    "warning",
    "cautions",
    "hold_seconds",
    "repetitions",
    "sides",
    "times_per_day",
    "position",
}


class EditorMissing(Exception):
    """The form editor's bundle is not installed (node_modules/decap-cms)."""


def collections(library: Library) -> list[dict[str, Any]]:
    """Decap's collections: a folder of stretches, a folder of routines, and the tips and
    safety files. The choices of warnings and stretches are the site's own."""
    stretches = sorted(library.stretches)
    choices = {"warning": sorted(library.safety.warnings), "related": stretches}
    routine_choices = choices | {"stretch": stretches}
    return [
        _folder(KIND["stretches"], "Stretches", "Stretch", choices),
        _folder(KIND["routines"], "Routines", "Routine", routine_choices),
        {
            "name": "pages",
            "label": "Tips and safety text",
            "delete": False,
            "files": [
                _file(KIND["tips"], "Tips", choices),
                _file(KIND["safety"], "Safety text", choices),
            ],
        },
    ]


def _folder(kind: PageKind, label: str, singular: str, choices: dict[str, list[str]]) -> dict:
    # A new stretch needs its pictures (poses), which the form cannot draw: it is started with
    # `make new-stretch` (EDITING.md); a routine can be started in the form.
    return {
        "name": kind.name,
        "label": label,
        "label_singular": singular,
        "folder": kind.source.rstrip("/"),
        "extension": "yml",
        "format": "yml",
        "create": kind.name != "stretches",
        "delete": False,  # a page's address is printed on handouts: never removed from a form
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "fields": form_fields(kind.model, choices),
    }


def _file(kind: PageKind, label: str, choices: dict[str, list[str]]) -> dict:
    return {
        "name": kind.name,
        "label": label,
        "file": kind.source,
        "fields": form_fields(kind.model, choices),
    }


def cms_config(library: Library, editor: EditorSettings, site_url: str) -> dict[str, Any]:
    backend: dict[str, Any] = {"name": "github", "repo": editor.repo or "", "branch": editor.branch}
    if editor.base_url:
        backend["base_url"] = editor.base_url
    if editor.auth_endpoint:
        backend["auth_endpoint"] = editor.auth_endpoint
    return {
        "backend": backend,
        "local_backend": True,  # on localhost only: decap-server, `make edit`
        "publish_mode": "editorial_workflow",  # every change is a pull request
        "site_url": site_url,
        "display_url": site_url,
        # Required by Decap; no form has a picture field and the media library is "none"
        # (preview.js), so nothing is ever written there.
        "media_folder": "content/form-editor-media",
        "media_library": {"name": "none"},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections(library),
    }


def preview_data(library: Library, contacts: HelpContacts, t: Strings) -> dict[str, Any]:
    """What the previews show beside a form that is not in that form: the site's safety text
    around a stretch, each stretch in a routine, the phone numbers, the page's words."""
    safety = library.safety
    return {
        "safety": safety.model_dump(mode="json", include=SAFETY_AROUND_A_STRETCH),
        "stretches": {
            slug: stretch.model_dump(mode="json", include=STRETCH_IN_A_ROUTINE)
            for slug, stretch in library.stretches.items()
        },
        "contacts": contacts.model_dump(),
        "words": {key: str(getattr(t, key)) for key in PREVIEW_WORDS},
    }


def write_admin(
    site: Path, editor: EditorSettings, site_url: str, library: Library, preview: dict
) -> None:
    """Write `<site>/admin/`: the page, Decap's bundle, its configuration and the preview."""
    if not (DECAP / "decap-cms.js").is_file():
        raise EditorMissing(
            "the form editor's bundle is missing (node_modules/decap-cms): run `make install`"
        )
    folder = site / ADMIN
    folder.mkdir(parents=True, exist_ok=True)
    for bundle in DECAP.iterdir():
        if bundle.name.endswith(("decap-cms.js", ".wasm", "decap-cms.js.LICENSE.txt")):
            shutil.copyfile(bundle, folder / bundle.name)
    for own in HERE.iterdir():
        if own.name != "index.html":
            shutil.copyfile(own, folder / own.name)
    config = cms_config(library, editor, site_url)
    # JSON is YAML: Decap reads config.yml with a YAML parser.
    (folder / "config.yml").write_text(json.dumps(config, indent=1) + "\n", "utf-8")
    settings = {"configured": bool(editor.repo), **preview}
    page = (HERE / "index.html").read_text("utf-8")
    # Inside <script>, text is not HTML: only "<" is escaped (as JSON), so "</script>" in
    # content cannot end the element, and "&" stays "&".
    page = page.replace("__SETTINGS__", json.dumps(settings).replace("<", "\\u003c"))
    (folder / "index.html").write_text(page, "utf-8")
