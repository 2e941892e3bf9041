"""Illustration pictures (`content/illustrations/<slug>.svg`) are published as they are, and
anyone can open one on its own, where a script in it would run as the site: so each picture
is read as XML first and refused, with its line, if it could run code, load anything from
outside itself, or expand into something else.

Refused rather than cleaned: an editor sees why, and fixes the picture in their drawing program.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from stretchsite.content.problems import Problem

SVG = "http://www.w3.org/2000/svg"
XML = "http://www.w3.org/XML/1998/namespace"
# Namespaces that only describe a picture: drawing programs write them, browsers ignore them.
METADATA = frozenset(
    {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.inkscape.org/namespaces/inkscape",
    }
)
# SVG elements that run code or show another document (compared in lowercase).
_CODE = frozenset({"script", "handler", "listener"})
_FOREIGN = frozenset({"foreignobject", "iframe", "embed", "object", "video", "audio", "canvas"})
_ANIMATION = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})
# Attributes whose value is an address (compared by local name, in any namespace).
_ADDRESSES = frozenset({"href", "src", "action", "formaction"})
_BLANK = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")

_OWN_PART = 'a picture may refer only to its own parts, like href="#arm" or url(#shadow)'
_RUNS_CODE = "a picture must not run code"
_SHAPES_ONLY = "draw the picture with SVG shapes only"

_URL = re.compile(r"url\(\s*(?P<target>[^)]*)\)?", re.I)
_OWN_URL = re.compile(r"""^(["']?)\s*#[^"'\s]*\s*\1\s*$""")
_CSS_LOADERS = re.compile(
    r"@import|(?<![\w-])(?:-webkit-)?(?:image-set|image|src|cross-fade|element)\s*\(", re.I
)


class _Stop(Exception):
    """A declaration that must not be read any further (DOCTYPE, ENTITY)."""

    def __init__(self, line: int, rule: str) -> None:
        super().__init__(rule)
        self.line, self.rule = line, rule


def _shown(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


def _qualified(name: str) -> tuple[str, str, str]:
    """expat's "uri local prefix" name -> (uri, local, name as written)."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", name, name
    uri, local = parts[0], parts[1]
    return uri, local, f"{parts[2]}:{local}" if len(parts) == 3 else local


def _plain(attribute: str, value: str) -> bool:
    """True for an attribute that `_Reader.attribute` would surely pass: a name without a
    namespace that is no handler, address or animation target, and a value that has none of
    the characters every CSS problem needs (`(` for functions, `@` for rules, `\\`)."""
    name = attribute.lower()
    return (
        " " not in name
        and not name.startswith("on")
        and name not in _ADDRESSES
        and name != "attributename"
        and "(" not in value
        and "@" not in value
        and "\\" not in value
    )


def css_problems(css: str, where: str) -> list[str]:
    """Why a piece of CSS (a style attribute, a presentation attribute or a <style>) could
    load something from outside the picture; empty when it cannot."""
    rules = []
    if "\\" in css:
        rules.append(f"a backslash in {where} is not allowed: CSS escapes can hide addresses")
    for found in _URL.finditer(css):
        if not _OWN_URL.match(found.group("target")):
            shown = _shown(found.group())
            rules.append(f"{shown} in {where} is an external reference: {_OWN_PART}")
    for found in _CSS_LOADERS.finditer(css):
        rules.append(f"{found.group()} in {where} is an external reference: {_OWN_PART}")
    return rules


class _Reader:
    def __init__(self) -> None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.namespace_prefixes = True
        self.problems: list[tuple[int, str]] = []
        self.root_seen = False
        self.svg_root = True  # until the root element says otherwise
        self.style: tuple[int, list[str]] | None = None  # the open <style>: its line and text
        self.inside_style = 0  # elements open inside it
        parser = self.parser
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.entity
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartElementHandler = self.start
        # End and text handlers are set only inside a <style>: they would cost a call each.

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def add(self, rule: str) -> None:
        self.problems.append((self.line, rule))

    def doctype(self, *_: object) -> None:
        raise _Stop(
            self.line, "<!DOCTYPE> is not allowed in a picture: it can define entities; remove it"
        )

    def entity(self, *_: object) -> None:
        raise _Stop(self.line, "<!ENTITY> is not allowed in a picture; remove it")

    def instruction(self, target: str, _data: str) -> None:
        why = ": it can load a style sheet" if target.lower() == "xml-stylesheet" else ""
        self.add(f"<?{target} ...?> is not allowed in a picture{why}")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        uri, local, written = _qualified(name)
        root, self.root_seen = not self.root_seen, True
        lowered = local.lower()
        if self.style is not None:
            self.inside_style += 1
        if root and (uri, local) != (SVG, "svg"):
            found = f"<{written}>" if uri == SVG or local != "svg" else "<svg> without it"
            self.add(f'a picture must be an <svg> element with xmlns="{SVG}" (found {found})')
            self.svg_root = False
        if lowered in _CODE:  # in any namespace: <script> runs in SVG and in XHTML
            self.add(f"<{written}> is not allowed: {_RUNS_CODE}")
        elif lowered in _FOREIGN:
            self.add(f"<{written}> is not allowed: {_SHAPES_ONLY}")
        elif uri not in (SVG, *METADATA) and self.svg_root:
            self.add(f"<{written}> is not an SVG element: {_SHAPES_ONLY}")
        elif lowered == "style" and self.style is None:
            self.style = (self.line, [])
            self.parser.EndElementHandler = self.end
            self.parser.CharacterDataHandler = self.text
        for attribute, value in attributes.items():
            if _plain(attribute, value):
                continue  # most attributes: d="M0 0 ...", stroke="#1f2933"
            self.attribute(written, lowered, attribute, value)

    def attribute(self, element: str, lowered: str, attribute: str, value: str) -> None:
        uri, local, written = _qualified(attribute)
        if local.lower().startswith("on"):
            self.add(f"the {written} attribute is not allowed: {_RUNS_CODE}")
        elif local.lower() in _ADDRESSES:
            address = value.strip(_BLANK)
            if not address.startswith("#"):
                shown = f'<{element} {written}="{_shown(value)}">'
                scheme = _SCHEME.match(_TAB_OR_NEWLINE.sub("", address))
                scheme_name = scheme.group(1).lower() if scheme else ""
                if scheme_name in ("javascript", "vbscript"):
                    self.add(f"{shown} is not allowed: {_RUNS_CODE}")
                else:
                    kind = "a data:" if scheme_name == "data" else "an external"
                    self.add(f"{shown} is {kind} reference: {_OWN_PART}")
        elif (uri, local) == (XML, "base"):
            self.add(f"xml:base is not allowed: {_OWN_PART}")
        elif lowered in _ANIMATION and local == "attributeName" and "href" in value.lower():
            shown = f'<{element} attributeName="{_shown(value)}">'
            self.add(f"{shown} is not allowed: animation must not change where a link goes")
        else:
            for rule in css_problems(value, f"{written}="):
                self.add(rule)

    def end(self, _name: str) -> None:
        if self.inside_style:
            self.inside_style -= 1
        elif self.style is not None:
            line, text = self.style
            self.problems += [(line, rule) for rule in css_problems("".join(text), "<style>")]
            self.style = None
            self.parser.EndElementHandler = None
            self.parser.CharacterDataHandler = None

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style[1].append(data)

    def read(self, data: bytes) -> list[tuple[int, str]]:
        try:
            self.parser.Parse(data, True)
        except _Stop as stop:
            self.problems.append((stop.line, stop.rule))
        except expat.ExpatError as error:
            message = expat.ErrorString(error.code)
            rule = f"the picture is not well-formed XML ({message}): check the tags on this line"
            self.problems.append((error.lineno, rule))
        return self.problems


def svg_problems(path: Path, shown: str) -> list[Problem]:
    """Every reason not to publish the picture at `path`, as `shown:LINE: rule`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Problem(shown, 1, "", f"cannot read the picture ({error.strerror})")]
    return [Problem(shown, line, "", rule) for line, rule in _Reader().read(data)]
