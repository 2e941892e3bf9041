"""The form editor's fields, generated from the content model's JSON Schema, so the form asks
for what the check accepts: field types, required fields, choices, number ranges, list limits
and help text all come from `content/model.py`.

A few fields are not shown (`NOT_SHOWN`): hidden fields, which the form keeps as they are, in
their place in the file.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from stretchsite.content.messages import pattern_rule

Field = dict[str, Any]

# Fields the form does not show, with why: Decap keeps a hidden field's value as it is.
NOT_SHOWN: dict[str, str] = {
    "pictures": "drawn from poses (joint angles): edit them in the YAML file, see EDITING.md",
    "warnings": "the warnings' names are used by every page: edit them in the YAML file",
}
LABELS = {
    "dont": "Don't",
    "do": "Do",
    "hold_seconds": "Hold (seconds)",
    "times_per_day": "Times a day",
    "illustration_alt": "What the pictures show (alt text)",
    "min": "At least",
    "max": "At most",
    "url": "Address (https://)",
}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def form_fields(model: type[BaseModel], choices: dict[str, list[str]]) -> list[Field]:
    """The form's fields for one content file: `choices` gives the allowed values of fields
    that name other content (`warning`: the safety warnings; `stretch`, `related`: stretches)."""
    schema = model.model_json_schema()
    return _fields(schema, schema, choices)


def _fields(
    node: dict[str, Any],
    schema: dict[str, Any],
    choices: dict[str, list[str]],
    optional: bool = False,
) -> list:
    """The fields of an object. Inside an optional object (a routine's own repetitions) none is
    required: Decap would ask for them even when the object is left empty; the check still
    asks for both when one is given."""
    required = set() if optional else set(node.get("required", []))
    return [
        {"name": name, "label": label(name), "widget": "hidden", "required": False}
        if name in NOT_SHOWN
        else _field(name, prop, name in required, schema, choices)
        for name, prop in node["properties"].items()
    ]


def _resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """A property's own schema: `$ref` followed, `X | None` read as X."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        node = {**options[0], **{k: v for k, v in node.items() if k != "anyOf"}}
    ref = node.get("$ref")
    if ref:
        target = schema["$defs"][ref.rsplit("/", 1)[1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _field(
    name: str, prop: dict[str, Any], required: bool, schema: dict, choices: dict[str, list[str]]
) -> Field:
    node = _resolve(prop, schema)
    field: Field = {"name": name, "label": label(name), "required": required}
    hints = [prop.get("description") or node.get("description", "")]
    if name in choices:
        field |= {"widget": "select", "options": choices[name]}
        if node.get("type") == "array":
            field["multiple"] = True
    elif node.get("type") == "array":
        field |= _list(name, node, schema, choices, hints)
    elif node.get("type") == "object":
        fields = _fields(node, schema, choices, optional=not required)
        field |= {"widget": "object", "collapsed": False, "fields": fields}
    else:
        field |= _value(name, node, hints)
    hint = " ".join(" ".join(h.split()) for h in hints if h)
    if hint:
        field["hint"] = hint
    return field


def _list(
    name: str, node: dict, schema: dict, choices: dict[str, list[str]], hints: list[str]
) -> Field:
    items = _resolve(node["items"], schema)
    field: Field = {"widget": "list", "collapsed": False}
    if items.get("type") == "object":
        field["fields"] = _fields(items, schema, choices)
        field["summary"] = "{{fields." + next(iter(items["properties"])) + "}}"
    else:
        field["field"] = {"name": name, "label": label(name), **_value(name, items, [])}
    if "minItems" in node:
        field["min"] = node["minItems"]
        hints.append(f"At least {node['minItems']}.")
    if "maxItems" in node:
        field["max"] = node["maxItems"]
        hints.append(f"At most {node['maxItems']}.")
    return field


def _value(name: str, node: dict[str, Any], hints: list[str]) -> Field:
    """A single value's widget: a whole number, a choice, a date, one line, or a paragraph."""
    if node.get("type") == "integer":
        hints.append(f"A whole number from {node['minimum']} to {node['maximum']}.")
        return {
            "widget": "number",
            "value_type": "int",
            "min": node["minimum"],
            "max": node["maximum"],
            "step": 1,
        }
    if "enum" in node:
        return {"widget": "select", "options": list(node["enum"])}
    if node.get("format") == "date":
        return {
            "widget": "string",
            "pattern": [r"^\d{4}-\d{2}-\d{2}$", "must be a date like 2026-11-24"],
        }
    if "pattern" in node:  # the model's pattern, and its length limit too
        pattern = node["pattern"].removeprefix("^").removesuffix("$")
        limit = f"(?=.{{0,{node['maxLength']}}}$)" if "maxLength" in node else ""
        return {"widget": "string", "pattern": [f"^{limit}(?:{pattern})$", pattern_rule(name)]}
    if "maxLength" in node:
        limit = node["maxLength"]
        return {
            "widget": "string",
            "pattern": [f"^.{{0,{limit}}}$", f"must be at most {limit} characters"],
        }
    return {"widget": "text"}
