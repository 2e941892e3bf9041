"""Turn pydantic's validation errors into rules an editor can act on."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from stretchsite.content.problems import Problem
from stretchsite.content.yamlsource import Document, FieldPath, format_field


def _allowed(model: type[BaseModel], where: FieldPath) -> str:
    """The field names allowed at `where` inside `model`, for the 'unknown field' message."""
    current: Any = model
    for part in where:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            break
        current = _model_in(info.annotation)
    if current is None or not hasattr(current, "model_fields"):
        return ""
    return ", ".join(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _rule(error: Any, model: type[BaseModel], where: FieldPath) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        allowed = _allowed(model, where[:-1])
        return f"unknown field (allowed here: {allowed})" if allowed else "unknown field"
    if kind in ("string_type", "str_type"):
        return "must be text"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, str) and re.fullmatch(r"\d+(:\d+)+", value.strip()):
            return f'"{value}" looks like minutes and seconds; write the number of seconds, like 90'
        return "must be a whole number, like 30"
    if kind in ("float_type", "float_parsing"):
        return "must be a number, like 45"
    if kind == "bool_type":
        return "must be true or false"
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact"):
        return "must be a date like 2026-11-24"
    if kind in ("list_type", "tuple_type"):
        return "must be a list (lines starting with '- ')"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a group of fields (name: value lines)"
    if kind == "too_short":
        needed = ctx.get("min_length", 1)
        return f"must have at least {needed} item{'s' if needed != 1 else ''}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')} (found {value})"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')} (found {value})"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"must be one of: {expected} (found {value!r})"
    if kind == "string_pattern_mismatch":
        return _pattern_rule(where, value)
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def pattern_rule(name: str) -> str:
    """The rule a field's pattern stands for, in words (the form editor shows it too)."""
    if name.endswith("number"):
        return "must be a phone number of digits"
    if name == "registration":
        return (
            "must be a professional registration: the register, then the number, like HCPC PH123456"
        )
    if name == "url":  # the check's own message comes from a validator in model.py
        return "must be a full https:// address"
    return "must be lowercase words joined by hyphens, like knee-to-chest"


def _pattern_rule(where: FieldPath, value: Any) -> str:
    name = next((p for p in reversed(where) if isinstance(p, str)), "")
    if name == "registration":
        return f"{pattern_rule(name)} (found {value!r}); leave it out until a clinician has signed"
    return f"{pattern_rule(name)} (found {value!r})"


def validate(
    model: type[BaseModel], document: Document, context: dict[str, str] | None = None
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a loaded document against a model, with one Problem per error; `context`
    gives language rules their words (see content/translations.py)."""
    try:
        return model.model_validate(document.data, context=context), []
    except ValidationError as invalid:
        problems = []
        for error in invalid.errors():
            where: FieldPath = tuple(error["loc"])
            problems.append(
                Problem(
                    document.path,
                    document.line_of(where),
                    format_field(where),
                    _rule(error, model, where),
                )
            )
        return None, problems
