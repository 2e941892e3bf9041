"""JSON Schemas generated from the content model, so editors' editors can autocomplete YAML.

`python -m stretchsite schemas` rewrites `schemas/`; a test fails when they are out of date.
`.vscode/settings.json` points editors' editors at them (`yaml.schemas`): the form editor
rewrites content files without comments, so no file carries a `$schema` comment.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from stretchsite.content.model import Decisions
from stretchsite.kinds import KINDS

# Every page kind's file, and content/decisions.yml (listed in the clinical review pack).
SCHEMAS: dict[str, type[BaseModel]] = {
    **{kind.item_name: kind.model for kind in KINDS},
    "decisions": Decisions,
}


def schema_text(model: type[BaseModel], name: str) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def expected_files() -> dict[str, str]:
    return {f"{name}.schema.json": schema_text(model, name) for name, model in SCHEMAS.items()}


def run(folder: Path) -> int:
    folder.mkdir(exist_ok=True)
    for file_name, text in expected_files().items():
        (folder / file_name).write_text(text, encoding="utf-8")
        print(f"wrote {folder / file_name}")
    return 0
