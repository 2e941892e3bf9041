"""`python -m stretchsite new "Cat stretch"`: start a new stretch file from the template.

The file it writes is valid YAML with every field present; the parts an editor must write are
marked TODO, and the check refuses to publish any TODO, so nothing half-written reaches patients.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from stretchsite.content.model import MAX_REVIEW_YEARS, BodyArea, add_years

TEMPLATE = """\
# New stretch. Replace every TODO, then run `make check`. See EDITING.md for each field.
title: {title}
summary: TODO one line that says what the stretch does, in plain words.
body_area: {area}
target_muscles:
  - TODO the muscles it stretches
why_it_helps: >-
  TODO why this stretch helps, in short sentences.
starting_position: >-
  TODO how to get into position before step 1.
steps:
  - TODO first step, one action.
  - TODO second step, one action.
hold_seconds: 30
repetitions:
  min: 5
  max: 10
sides: both
position: lying  # or standing; lying stretches show how to get down to the floor and up
times_per_day: 3
feel: TODO what the patient should feel. Mild discomfort is normal, but it should never feel sharp.
cautions:
  - TODO who should ask a doctor or physiotherapist first (pregnancy, recent operations, hip
    replacement, weak bones), one line each. See EDITING.md.
do:
  - Move slowly into the stretch.
  - Breathe normally.
dont:
  - Do not bounce.
  - Do not hold your breath.
remember:
  - TODO the first of three key points, one short line each.
  - TODO the second key point.
  - A gentle pull is normal. Stop if you get sharp pain.
related: []
warning: stop-if-it-hurts
# The start and end pictures, drawn from these positions when the site is built: change the
# angles until they match the steps (EDITING.md, "Pictures"; `make serve`, then /editors/pictures/).
pictures:
  view: right  # the side of the body the reader sees
  feel: lower-back  # where it is felt: lower-back, or a side and buttock, outside-of-hip,
  # back-of-thigh, front-of-thigh or calf, like right buttock
  arrow: right_knee  # the part the blue arrow follows: the one the steps move
  props: [mat]
  start:
    base: lying-on-back  # or lying-on-front, standing, sitting, kneeling, hands-and-knees
    joints:  # degrees; EDITING.md lists every joint and its range
      left_hip: 45
      left_knee: 90
      right_hip: 45
      right_knee: 90
  end:
    base: lying-on-back
    joints:
      left_hip: 45
      left_knee: 90
      right_hip: 90
      right_knee: 90
illustration_alt: >-
  TODO what the end picture shows, for people who cannot see it.
review:
  last_reviewed: {today}
  next_review_due: {due}
  reviewer:
    name: TODO the clinical reviewer's name
    credentials: TODO their role, like Chartered physiotherapist
    # registration: TODO their professional registration, like HCPC PH123456; only a page with
    # a registration says "last reviewed"
sources:
  - title: TODO the title of the source
    publisher: TODO who published it
    url: https://TODO.example
"""


def slug_for(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def write_new_stretch(root: Path, title: str, area: BodyArea, today: dt.date) -> Path:
    slug = slug_for(title)
    if not slug:
        raise ValueError("the title needs at least one letter or digit")
    target = root / "content" / "stretches" / f"{slug}.yml"
    if target.exists():
        raise FileExistsError(f"{target.relative_to(root)} already exists; choose another title")
    due = add_years(today, MAX_REVIEW_YEARS)
    text = TEMPLATE.format(
        title=title.strip(), area=area.value, today=today.isoformat(), due=due.isoformat()
    )
    target.write_text(text, encoding="utf-8")
    return target


def run(root: Path, title: str | None, area: str) -> int:
    title = title or input("Title of the new stretch: ")
    try:
        target = write_new_stretch(root, title, BodyArea(area), dt.date.today())
    except (ValueError, FileExistsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {target}; replace every TODO, then run `make check`")
    return 0
