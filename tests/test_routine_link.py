"""The routine-link decoder (docs/assets/javascripts/routine-link.js), run in Node and fuzzed."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from stretchsite.pages.strings import strings

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "routine-link.js"
SLUGS = ("knee-to-chest", "hip-stretch", "piriformis-stretch", "hamstring-stretch")
# The stretches' defaults while the builder wrote version 1 links, which left out every number
# equal to them: printed links that must keep meaning this.
V1_DEFAULTS = {"hold": 30, "repsMin": 5, "repsMax": 10, "times": 1}
# Today's defaults in the library (times a day went from 1 to 3), and a future where every
# default has changed.
LIBRARY = {
    slug: {"hold_seconds": 30, "reps_min": 5, "reps_max": 10, "times_per_day": 3} for slug in SLUGS
}
CHANGED = {
    slug: {"hold_seconds": 45, "reps_min": 3, "reps_max": 6, "times_per_day": 2} for slug in SLUGS
}
RUNNER = """
const link = require(process.argv[1]);
const library = JSON.parse(process.argv[2]);
const lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);
for (const line of lines) {
  const request = JSON.parse(line);
  const out = request.encode
    ? link.encode(request.encode, library) : link.decode(request.hash, library);
  process.stdout.write(JSON.stringify(out) + '\\n');
}
"""


def node(requests: list[dict], library: dict = LIBRARY) -> list:
    binary = shutil.which("node")
    if binary is None:
        pytest.fail("Node.js is needed to test the routine link decoder (apt-get install nodejs)")
    result = subprocess.run(
        [binary, "-e", RUNNER, str(SCRIPT), json.dumps(library)],
        input="\n".join(json.dumps(r) for r in requests) + "\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def decode(*hashes: str, library: dict = LIBRARY) -> list[dict]:
    return node([{"hash": h} for h in hashes], library)


def words(error: dict) -> str:
    """An error's English words, as the routine pages show them."""
    return strings()(error["key"], **error)


@pytest.mark.parametrize(
    ("hash_", "errors"),
    [
        ("", ["This link has no routine in it."]),
        (
            "#v=3&s=knee-to-chest:30:5-10:3",
            [
                "This link was not made by this site\N{RIGHT SINGLE QUOTATION MARK}s routine "
                "builder, or by a newer version of it."
            ],
        ),
        (
            "#v=2&s=knee-to-chest",
            [
                "Stretch 1: the hold must be 1 to 300 seconds.",
                "Stretch 1: repetitions must be 1 to 50, the first number no bigger than the "
                "second.",
                "Stretch 1: times a day must be 1 to 6.",
            ],
        ),
        ("#v=2&s=knee-to-chest:30:5-10", ["Stretch 1: times a day must be 1 to 6."]),
        ("#v=1&s=", ["This link does not list any stretches."]),
        ("#v=1&s=nowhere", ["Stretch 1 is not a stretch on this site."]),
        ("#v=1&s=knee-to-chest:99999", ["Stretch 1: the hold must be 1 to 300 seconds."]),
        (
            "#v=1&s=knee-to-chest::10-5",
            ["Stretch 1: repetitions must be 1 to 50, the first number no bigger than the second."],
        ),
        ("#v=1&s=knee-to-chest:::9", ["Stretch 1: times a day must be 1 to 6."]),
        (
            "#v=1&s=knee-to-chest&n=" + "x" * 201,
            ["The note for the routine is longer than 200 characters."],
        ),
        ("#v=1&s=knee-to-chest&n2=hello", ["This link has a note for a stretch it does not list."]),
        ("#v=1&s=" + ",".join(["hip-stretch"] * 21), ["A routine can have at most 20 stretches."]),
        ("#%E0%A4%A", ["This link has parts this site does not know."]),
        ("#v=1&s=knee-to-chest&n=%E0%A4%A", ["Part of this link could not be read."]),
        ("#" + "a" * 5000, ["This link is too long to be a routine."]),
    ],
)
def test_bad_links_get_plain_messages(hash_: str, errors: list[str]) -> None:
    [result] = decode(hash_)
    assert result["ok"] is False
    assert [words(error) for error in result["errors"]] == errors


def test_a_valid_link_decodes_with_defaults_and_overrides() -> None:
    """A version 1 link: the numbers it leaves out are the defaults of its time (V1_DEFAULTS)."""
    [result] = decode("#v=1&s=hip-stretch,knee-to-chest:45::2&n=After%20walks&n2=Go%20gently")
    assert result == {
        "ok": True,
        "routine": {
            "note": "After walks",
            "stretches": [
                {
                    "slug": "hip-stretch",
                    "hold": 30,
                    "repsMin": 5,
                    "repsMax": 10,
                    "times": 1,
                    "note": "",
                },
                {
                    "slug": "knee-to-chest",
                    "hold": 45,
                    "repsMin": 5,
                    "repsMax": 10,
                    "times": 2,
                    "note": "Go gently",
                },
            ],
        },
    }


@pytest.mark.parametrize("library", [LIBRARY, CHANGED], ids=["today", "changed"])
def test_an_old_printed_link_keeps_its_meaning_when_the_defaults_change(library: dict) -> None:
    """Printed before times a day went from 1 to 3: still once a day, whatever the content says."""
    old = "#v=1&s=knee-to-chest,hip-stretch:40,hamstring-stretch::6-8,piriformis-stretch:::2"
    [result] = decode(old, library=library)
    assert result["ok"] is True
    doses = [
        {key: item[key] for key in ("hold", "repsMin", "repsMax", "times")}
        for item in result["routine"]["stretches"]
    ]
    assert doses == [
        V1_DEFAULTS,
        {**V1_DEFAULTS, "hold": 40},
        {**V1_DEFAULTS, "repsMin": 6, "repsMax": 8},
        {**V1_DEFAULTS, "times": 2},
    ]


def test_a_new_link_writes_every_number_and_never_drifts() -> None:
    """A routine of today's defaults: the link carries them, so a later default cannot change it."""
    routine = {
        "note": "",
        "stretches": [
            {"slug": slug, "hold": 30, "repsMin": 5, "repsMax": 10, "times": 3, "note": ""}
            for slug in ("knee-to-chest", "hip-stretch")
        ],
    }
    [encoded] = node([{"encode": routine}])
    assert encoded == "#v=2&s=knee-to-chest:30:5-10:3,hip-stretch:30:5-10:3"
    for library in (LIBRARY, CHANGED):
        [decoded] = decode(encoded, library=library)
        assert decoded == {"ok": True, "routine": routine}


def test_markup_in_notes_stays_text_and_control_characters_go() -> None:
    [result] = decode("#v=1&s=hip-stretch&n1=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%07x")
    assert result["routine"]["stretches"][0]["note"] == "<script>alert(1)</script> x"


def check(result: dict) -> None:
    assert isinstance(result, dict) and isinstance(result.get("ok"), bool)
    if not result["ok"]:
        assert result["errors"] and all(words(e) for e in result["errors"])
        return
    stretches = result["routine"]["stretches"]
    assert 1 <= len(stretches) <= 20
    for item in stretches:
        assert item["slug"] in LIBRARY
        assert 1 <= item["hold"] <= 300 and 1 <= item["times"] <= 6
        assert 1 <= item["repsMin"] <= item["repsMax"] <= 50
        assert len(item["note"]) <= 200
    assert len(result["routine"]["note"]) <= 200


LINK_CHARS = "v=12&s:,-#%0123456789abcdefknehiptocsrmg nE<>\"'\n"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(LINK_CHARS), max_size=80), min_size=20, max_size=20)
)
def test_random_strings_never_break_the_decoder(hashes: list[str]) -> None:
    for result in decode(*hashes):
        check(result)


VALID = "#v=2&s=hip-stretch:30:5-10:3,knee-to-chest:45:3-8:2&n=After%20walks&n1=Slowly"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(VALID)),
            st.integers(0, 6),
            st.text(alphabet=st.sampled_from(LINK_CHARS), max_size=6),
        ),
        min_size=20,
        max_size=20,
    )
)
def test_mutated_links_never_break_the_decoder(edits: list[tuple[int, int, str]]) -> None:
    hashes = [VALID[:at] + insert + VALID[at + cut :] for at, cut, insert in edits]
    for result in decode(*hashes):
        check(result)


def test_encode_then_decode_round_trips() -> None:
    routine = {
        "note": "After walks",
        "stretches": [
            {
                "slug": "knee-to-chest",
                "hold": 45,
                "repsMin": 3,
                "repsMax": 8,
                "times": 2,
                "note": "Gently, please & slowly",
            },
            {
                "slug": "hip-stretch",
                "hold": 30,
                "repsMin": 5,
                "repsMax": 10,
                "times": 1,
                "note": "",
            },
        ],
    }
    [encoded] = node([{"encode": routine}])
    [decoded] = decode(encoded)
    assert decoded == {"ok": True, "routine": routine}
