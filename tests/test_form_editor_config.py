"""The form editor's configuration (the built site's admin/config.yml) against the content
model it is generated from, read here the other way round, from pydantic's own field info: if
the two disagree, a form would accept what the check refuses, or refuse what it accepts."""

from __future__ import annotations

import json
import subprocess
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import annotated_types
import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from conftest import ROOT, patient_html
from stretchsite.content.library import inspect_library
from stretchsite.content.model import EditorSettings
from stretchsite.editor import admin
from stretchsite.editor.form import NOT_SHOWN
from stretchsite.kinds import KIND

COLLECTIONS = {"stretches": "stretches", "routines": "routines", "tips": "tips", "safety": "safety"}


def _config(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "admin" / "config.yml").read_text("utf-8"))


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    for collection in config["collections"]:
        if collection["name"] == name:
            return collection
        for file in collection.get("files", []):
            if file["name"] == name:
                return file
    raise AssertionError(f"no {name} form")


def _inner(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `| None`, and whether None was allowed."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """`Annotated[str, Field(...)]` inside `X | None`: the type, with its rules added."""
    if not hasattr(annotation, "__metadata__"):
        return annotation, metadata
    for rule in annotation.__metadata__:
        metadata += rule.metadata if isinstance(rule, FieldInfo) else [rule]
    return annotation.__origin__, metadata


def _bound(metadata: list[Any], kind: type) -> Any:
    for rule in metadata:
        if isinstance(rule, kind):
            return rule
    return None


def _agrees(
    model: type[BaseModel], fields: list[dict[str, Any]], where: str, optional: bool = False
) -> list[str]:
    """What differs between a model and its form fields, as readable lines. Inside an optional
    group of fields nothing is required in the form (the check asks for the rest)."""
    found = {field["name"]: field for field in fields}
    differ = []
    if list(found) != list(model.model_fields):
        differ.append(f"{where}: fields {list(found)} != model {list(model.model_fields)}")
    for name, info in model.model_fields.items():
        field, at = found.get(name), f"{where}.{name}"
        if field is None:
            continue
        if name in NOT_SHOWN:
            if field["widget"] != "hidden":
                differ.append(f"{at}: should be kept hidden")
            continue
        required = info.is_required() and not optional
        if field["required"] != required:
            differ.append(f"{at}: required {field['required']} != {required}")
        annotation, _ = _inner(info.annotation)
        annotation, metadata = _unwrap(annotation, list(info.metadata))
        differ += _value_agrees(annotation, metadata, field, at)
    return differ


def _value_agrees(annotation: Any, metadata: list[Any], field: dict, at: str) -> list[str]:
    differ = []
    if typing.get_origin(annotation) is list:
        if field["widget"] == "select":  # a list of names of other content: a multi-select
            return [] if field.get("multiple") else [f"{at}: a list, not one choice"]
        low, high = (
            _bound(metadata, annotated_types.MinLen),
            _bound(metadata, annotated_types.MaxLen),
        )
        if field.get("min") != (low.min_length if low else None):
            differ.append(f"{at}: at least {field.get('min')} items != {low}")
        if field.get("max") != (high.max_length if high else None):
            differ.append(f"{at}: at most {field.get('max')} items != {high}")
        item, _ = _inner(typing.get_args(annotation)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return differ + _agrees(item, field["fields"], at)
        item_metadata = list(getattr(typing.get_args(annotation)[0], "__metadata__", []))
        return differ + _value_agrees(item, item_metadata, field["field"], f"{at}[]")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _agrees(annotation, field["fields"], at, optional=not field["required"])
    if field["widget"] == "select" and not issubclass(annotation, Enum):  # names of content
        rules = Annotated[annotation, *metadata] if metadata else annotation
        accepts = TypeAdapter(rules).validate_python
        for option in field["options"]:
            try:
                accepts(option, strict=True)
            except ValidationError:
                differ.append(f"{at}: the model refuses the choice {option!r}")
        return differ
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if field["options"] != [member.value for member in annotation]:
            differ.append(f"{at}: choices {field['options']} != {list(annotation)}")
        return differ
    if annotation is int:
        low, high = _bound(metadata, annotated_types.Ge), _bound(metadata, annotated_types.Le)
        if (field.get("widget"), field.get("min"), field.get("max")) != ("number", low.ge, high.le):
            differ.append(f"{at}: {field.get('min')} to {field.get('max')} != {low} to {high}")
        return differ
    form_pattern = field.get("pattern", [""])[0]
    high = _bound(metadata, annotated_types.MaxLen)
    if high is not None and f"{{0,{high.max_length}}}" not in form_pattern:
        differ.append(f"{at}: the form does not limit it to {high.max_length} characters")
    for rule in metadata:
        pattern = getattr(rule, "pattern", None)
        if pattern and pattern.removeprefix("^").removesuffix("$") not in form_pattern:
            differ.append(f"{at}: the form does not ask for the model's pattern {pattern}")
    return differ


@pytest.mark.parametrize("name", COLLECTIONS)
def test_each_form_asks_for_what_the_model_accepts(built_site: Path, name: str) -> None:
    form = _collection(_config(built_site), name)
    assert _agrees(KIND[name].model, form["fields"], name) == []


def test_names_of_other_content_are_chosen_from_the_site_s_own(built_site: Path) -> None:
    library, _ = inspect_library(ROOT, "en")
    assert library is not None
    fields = {f["name"]: f for f in _collection(_config(built_site), "stretches")["fields"]}
    assert fields["warning"]["options"] == sorted(library.safety.warnings)
    assert fields["related"]["options"] == sorted(library.stretches)
    routine = {f["name"]: f for f in _collection(_config(built_site), "routines")["fields"]}
    stretch = {f["name"]: f for f in routine["stretches"]["fields"]}["stretch"]
    assert stretch["options"] == sorted(library.stretches)


def test_the_agreement_check_finds_a_form_that_drifts(built_site: Path) -> None:
    """The check above can fail: a hold range, a required flag or a choice that drifts."""
    stretches = _collection(_config(built_site), "stretches")
    fields = {f["name"]: f for f in stretches["fields"]}
    fields["hold_seconds"]["max"] = 600
    fields["summary"]["required"] = False
    fields["sides"]["options"] = ["one"]
    del fields["steps"]["min"]
    fields["warning"]["options"] = ["Stop if it hurts"]
    fields["title"]["pattern"] = ["^.{0,160}$", "must be at most 160 characters"]
    review = {f["name"]: f for f in fields["review"]["fields"]}
    reviewer = {f["name"]: f for f in review["reviewer"]["fields"]}
    reviewer["registration"]["pattern"] = ["^.{0,40}$", "must be at most 40 characters"]
    differ = _agrees(KIND["stretches"].model, list(fields.values()), "stretches")
    assert len(differ) == 7, differ


def test_every_change_is_a_pull_request_and_nothing_is_deleted_from_a_form(
    built_site: Path,
) -> None:
    config = _config(built_site)
    assert config["publish_mode"] == "editorial_workflow"
    assert all(collection["delete"] is False for collection in config["collections"])


def test_the_editor_is_on_no_patient_page_nor_in_the_sitemap_or_search(built_site: Path) -> None:
    page = (built_site / "admin" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "https://" not in page.replace("https://github.com", "")  # no CDN
    for html in patient_html(built_site, "*.html"):
        assert "admin/" not in html.read_text("utf-8"), html
    for sitemap in built_site.rglob("sitemap.xml"):
        assert "/admin/" not in sitemap.read_text("utf-8")
    for index in built_site.rglob("search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text("utf-8"))["docs"]]
        assert not any("admin" in location for location in locations)
    assert "/admin/*\n  Cross-Origin-Opener-Policy: same-origin-allow-popups" in (
        built_site / "_headers"
    ).read_text("utf-8")


def test_content_files_are_in_the_layout_the_form_writes(tmp_path: Path) -> None:
    """So a change made in the form shows in the pull request as that change only."""
    files = [
        *sorted((ROOT / "content" / "stretches").glob("*.yml")),
        *sorted((ROOT / "content" / "routines").glob("*.yml")),
        ROOT / "content" / "tips.yml",
        ROOT / "content" / "safety.yml",
    ]
    script = ROOT / "scripts" / "editor_format.cjs"
    checked = subprocess.run(
        ["node", str(script), "--check", *map(str, files)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    folded = tmp_path / "folded.yml"
    folded.write_text("title: >-\n  A folded\n  title\n", "utf-8")
    refused = subprocess.run(
        ["node", str(script), "--check", str(folded)], capture_output=True, text=True
    )
    assert refused.returncode == 1
    assert f"{folded}: not in the form editor's layout; run `make format`" in refused.stdout


def test_a_build_without_the_editor_s_bundle_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library, _ = inspect_library(ROOT, "en")
    assert library is not None
    monkeypatch.setattr(admin, "DECAP", tmp_path / "missing")
    with pytest.raises(admin.EditorMissing, match=r"run `make install`"):
        admin.write_admin(tmp_path, EditorSettings(), "https://x.org/", library, {})
    assert not (tmp_path / "admin").exists()


def test_sign_in_is_off_until_a_repository_is_named() -> None:
    library, _ = inspect_library(ROOT, "en")
    assert library is not None
    off = admin.cms_config(library, EditorSettings(), "https://x.org/")
    on = admin.cms_config(
        library,
        EditorSettings(repo="clinic/stretches", base_url="https://auth.clinic.org"),
        "https://x.org/",
    )
    assert off["backend"]["repo"] == ""
    assert on["backend"] == {
        "name": "github",
        "repo": "clinic/stretches",
        "branch": "main",
        "base_url": "https://auth.clinic.org",
    }
