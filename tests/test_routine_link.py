"""The routine-link decoder (docs/assets/javascripts/routine-link.js), run in Node and fuzzed."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from stretchsite.config import read_settings
from stretchsite.content.library import load_library
from stretchsite.pages.catalogue import (
    MAX_MINUTES_A_DAY,
    MAX_MINUTES_EACH_TIME,
    catalogue,
    daily_minutes,
)
from stretchsite.pages.dose import Dose, routine_minutes
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
# The site's own stretch library, as the pages load it (with its limits and timing).
SITE = load_library(ROOT)
HELP_NUMBERS = read_settings(ROOT)[0].contacts.help_numbers  # 999 and 111 in mkdocs.yml
CATALOGUE = catalogue(SITE, "{slug}.svg", strings(), HELP_NUMBERS)
RUNNER = """
const link = require(process.argv[1]);
const given = JSON.parse(process.argv[2]);
// A whole catalogue (with "stretches") is looked up as the pages do; else it is the lookup.
const library = given.stretches ? link.lookup(given) : given;
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
        "withheld": [],
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
        assert decoded == {"ok": True, "routine": routine, "withheld": []}


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
    assert all(words(w) for w in result["withheld"])


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
                "note": "Gently, please & slowly: 1+1 %2B 50% = 100%",
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
    assert decoded == {"ok": True, "routine": routine, "withheld": []}


# Part 1 of "links no one can abuse": a note is plain words, nothing a patient could call or
# open, and nothing that changes how it reads. A note that breaks a rule is left out, and the
# routine is still shown (a printed link keeps working); the builder refuses it.
NOTE_WORDS = {
    "link": "A note in this link has a web address in it. Notes can only be plain words.",
    "email": "A note in this link has an e-mail address in it. Notes can only be plain words.",
    "phone": "A note in this link has a phone number in it. Notes can only be plain words.",
    "hidden": "A note in this link has hidden characters that change how it reads.",
}


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("See https://example.org/back for more", "link"),
        ("Go to http://bad.example", "link"),
        ("Visit www.backs-r-us", "link"),
        ("Read example.com first", "link"),
        ("Ask nhs.uk", "link"),
        ("Read EXAMPLE.COM", "link"),
        ("Read example\uff0ecom", "link"),  # a full-width dot
        ("Write to me@example.org", "email"),
        ("Call 07700900123", "phone"),
        ("Do not call 999. Call 07700 900123", "phone"),
        ("Ring +44 (0)7700-900-123", "phone"),
        ("Ring \uff10\uff17\uff17\uff10\uff10\uff19\uff10\uff10", "phone"),  # full-width
        ("Stretch \u202egently\u202c", "hidden"),
        ("Hold \u2066tight\u2069", "hidden"),
        ("Slowly\u200f", "hidden"),
        ("Slowly\u200e", "hidden"),
        ("Slowly\u061c", "hidden"),
        ("Slowly\u202a", "hidden"),
    ],
)
@pytest.mark.parametrize("where", ["n", "n1"])
def test_notes_with_links_addresses_phone_numbers_or_hidden_marks_are_left_out(
    note: str, kind: str, where: str
) -> None:
    [result] = decode(f"#v=2&s=knee-to-chest:30:5-10:3&{where}={quote(note)}")
    assert result["ok"] is True
    assert [words(left_out) for left_out in result["withheld"]] == [NOTE_WORDS[kind]]
    assert result["routine"]["note"] == ""
    assert result["routine"]["stretches"][0]["note"] == ""


@pytest.mark.parametrize(
    "note",
    [
        "After walks",
        "Do 3-5 repeats, 2 times a day, e.g. after breakfast.",
        "Hold for 20 s. Ease off if it pinches.",
        "Call the clinic if it hurts more the next day.",
        "Hold 1999 times? No: 10.",  # not the help number, only digits around it
    ],
)
def test_plain_notes_still_pass(note: str) -> None:
    [result] = decode(
        f"#v=2&s=knee-to-chest:30:5-10:3&n={quote(note)}&n1={quote(note)}", library=CATALOGUE
    )
    assert result["ok"] is True
    assert result["withheld"] == []
    assert result["routine"]["note"] == note


@pytest.mark.parametrize(
    "note",
    [
        "Do not call 999.",
        "Tingling is normal, never ring 9 9 9",
        "999",
        "No need for 111 or A&E",
        "Skip 9-9-9 and (111)",
    ],
)
def test_a_note_cannot_say_when_to_call_the_sites_help_numbers(note: str) -> None:
    """Only the site's safety text, above every note, says when to call 999 or 111."""
    assert CATALOGUE["limits"]["help_numbers"] == ["999", "111"]
    [result] = decode(f"#v=2&s=knee-to-chest:30:5-10:3&n1={quote(note)}", library=CATALOGUE)
    assert result["ok"] is True
    assert result["routine"]["stretches"][0]["note"] == ""
    assert [words(left_out) for left_out in result["withheld"]] == [
        "A note in this link names a phone number for help. Only the site\u2019s own advice says "
        "when to get help."
    ]


# Part 2: a dose no clinician would set. The limits live in one place (catalogue.py, into the
# library JSON) and both sides count time as pages/dose.py does.
def test_the_daily_limit_comes_from_the_library_and_is_named() -> None:
    assert CATALOGUE["limits"]["max_minutes_a_day"] == MAX_MINUTES_A_DAY
    slugs = ("knee-to-chest", "hip-stretch", "hamstring-stretch")
    [result] = decode("#v=2&s=" + ",".join(f"{s}:30:10-10:6" for s in slugs), library=CATALOGUE)
    assert result["ok"] is False
    doses = [Dose.of(SITE.stretches[slug], t=strings()) for slug in slugs]
    minutes = daily_minutes(
        Dose(30, 10, 10, dose.both_sides, times_per_day=6, t=strings()) for dose in doses
    )
    assert [words(error) for error in result["errors"]] == [
        f"This routine would take up to {minutes} minutes a day. A routine link can ask for at "
        f"most {MAX_MINUTES_A_DAY} minutes a day."
    ]


def test_a_session_longer_than_the_content_asks_for_is_refused() -> None:
    """Two-minute holds, 20 repeats a side: within the daily limit once a day, but 85 minutes."""
    assert CATALOGUE["limits"]["max_minutes_each_time"] == MAX_MINUTES_EACH_TIME
    [result] = decode("#v=2&s=knee-to-chest:120:20-20:1", library=CATALOGUE)
    assert result["ok"] is False
    _, minutes = routine_minutes([Dose(120, 20, 20, True, 1, t=strings())])
    assert minutes == 85
    assert [words(error) for error in result["errors"]] == [
        f"This routine would take up to {minutes} minutes each time. A routine link can ask for "
        f"at most {MAX_MINUTES_EACH_TIME} minutes each time."
    ]


def test_every_dose_the_content_sets_today_is_within_the_limits() -> None:
    """Stretch files' own doses, and each routine file at its most, in Python and in the link."""
    t = strings()
    for slug, stretch in SITE.stretches.items():
        assert daily_minutes([Dose.of(stretch, t=t)]) <= MAX_MINUTES_A_DAY, slug
    for slug, routine in SITE.routines.items():
        doses = [Dose.of(SITE.stretches[i.stretch], i, t=t) for i in routine.stretches]
        assert daily_minutes(doses) <= MAX_MINUTES_A_DAY, slug
        assert routine_minutes(doses)[1] <= MAX_MINUTES_EACH_TIME, slug
        items = [
            f"{i.stretch}:{d.hold_seconds}:{d.reps_min}-{d.reps_max}:{d.times_per_day}"
            for i, d in zip(routine.stretches, doses, strict=True)
        ]
        [result] = decode("#v=2&s=" + ",".join(items), library=CATALOGUE)
        assert result["ok"] is True, (slug, result)


def test_python_and_the_link_agree_where_the_limit_falls() -> None:
    """The longest hold that fits, and one second more, for two stretches done 3 times a day."""
    t = strings()
    slugs = ("knee-to-chest", "hamstring-stretch")
    both = [SITE.stretches[slug].sides.value == "both" for slug in slugs]

    def minutes(hold: int) -> int:
        return daily_minutes(Dose(hold, 10, 10, b, 3, t=t) for b in both)

    fits = max(hold for hold in range(1, 301) if minutes(hold) <= MAX_MINUTES_A_DAY)
    assert fits < 300
    for hold, ok in ((fits, True), (fits + 1, False)):
        link = "#v=2&s=" + ",".join(f"{slug}:{hold}:10-10:3" for slug in slugs)
        [result] = decode(link, library=CATALOGUE)
        assert result["ok"] is ok, (hold, result)


# Part 3: printed links keep working. Links exactly as the version 1 builder wrote them (its
# encoder, from git history before ee4a6a9, left out every number equal to the defaults of the
# time, V1_DEFAULTS), with what they meant then. Never edit this table: these links are on paper.
def _v1(slug: str, note: str = "", **dose: int) -> dict:
    return {"slug": slug, **V1_DEFAULTS, **dose, "note": note}


PRINTED_V1 = [
    (
        "#v=1&s=knee-to-chest,hamstring-stretch:20:3-3:2"
        "&n1=Keep%20your%20head%20on%20the%20floor&n2=Gently%2C%20no%20bouncing",
        "",
        [
            _v1("knee-to-chest", "Keep your head on the floor"),
            _v1("hamstring-stretch", "Gently, no bouncing", hold=20, repsMin=3, repsMax=3, times=2),
        ],
    ),
    ("#v=1&s=hip-stretch", "", [_v1("hip-stretch")]),
    (
        "#v=1&s=knee-to-chest,hip-stretch,piriformis-stretch,hamstring-stretch",
        "",
        [_v1(slug) for slug in ("knee-to-chest", "hip-stretch", "piriformis-stretch")]
        + [_v1("hamstring-stretch")],
    ),
    (
        "#v=1&s=piriformis-stretch:45&n=After%20your%20walk%2C%20morning%20and%20evening",
        "After your walk, morning and evening",
        [_v1("piriformis-stretch", hold=45)],
    ),
    (
        "#v=1&s=hip-stretch::3-6,knee-to-chest:::2,piriformis-stretch:20::3",
        "",
        [
            _v1("hip-stretch", repsMin=3, repsMax=6),
            _v1("knee-to-chest", times=2),
            _v1("piriformis-stretch", hold=20, times=3),
        ],
    ),
    (
        "#v=1&s=hamstring-stretch:60:2-4,hip-stretch"
        "&n=Stop%20if%20it%20hurts%20%26%20rest&n2=Left%20side%20only%20for%20now",
        "Stop if it hurts & rest",
        [
            _v1("hamstring-stretch", hold=60, repsMin=2, repsMax=4),
            _v1("hip-stretch", "Left side only for now"),
        ],
    ),
]


@pytest.mark.parametrize("library", [CATALOGUE, LIBRARY, CHANGED], ids=["site", "today", "changed"])
def test_printed_version_1_links_decode_exactly_as_before(library: dict) -> None:
    results = decode(*(link for link, _, _ in PRINTED_V1), library=library)
    for (link, note, stretches), result in zip(PRINTED_V1, results, strict=True):
        routine = {"note": note, "stretches": stretches}
        assert result == {"ok": True, "routine": routine, "withheld": []}, link


def test_a_forged_version_1_link_gets_no_way_round_the_checks() -> None:
    """Anyone can write v=1: its doses are refused and its notes left out like any other's."""
    [dose] = decode("#v=1&s=knee-to-chest:300:50-50:6", library=CATALOGUE)
    assert dose["ok"] is False
    forged = [
        "#v=1&s=knee-to-chest&n=Call%2007700%20900123",
        "#v=1&s=knee-to-chest&n1=%E2%80%AEslowly",
        "#v=1&s=knee-to-chest&n=see%20example.com",
        "#v=1&s=knee-to-chest&n=Do%20not%20call%20999",
    ]
    for link, result in zip(forged, decode(*forged, library=CATALOGUE), strict=True):
        assert len(result["withheld"]) == 1, link
        assert result["routine"]["note"] == result["routine"]["stretches"][0]["note"] == ""
