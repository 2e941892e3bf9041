"""`python -m stretchsite review-pack OUT`: the clinical review pack, as HTML and as PDF.

A clinician reads and signs it on paper. It holds a cover (what the pack is, how to sign it
off, how the sign-off is published), each page's review status, the content decisions in
content/decisions.yml, the red flags waiting in content/safety.yml (`awaiting_sign_off`), every
patient page's text as the build renders it, with its pictures, and a sign-off box.

OUT gets review-pack.html (one file that loads nothing from anywhere) and review-pack.pdf,
printed from it by Debian's Chromium, headless and offline. The pack is for clinicians and
editors, in English, so its words live here, not in the patients' strings catalogue.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown

from stretchsite.build import ContentBuild, content_build
from stretchsite.checks.addresses import page_path
from stretchsite.checks.readability import MARKDOWN_EXTENSIONS
from stretchsite.commands.publish import unsafe_output
from stretchsite.config import read_settings
from stretchsite.content.library import DECISIONS
from stretchsite.content.model import (
    MAX_REVIEW_YEARS,
    DecisionStatus,
    PendingRedFlag,
    Review,
    Source,
    add_years,
)
from stretchsite.content.problems import errors_only
from stretchsite.kinds import KIND
from stretchsite.languages import Language, site_languages, translation_of
from stretchsite.pages.words import long_date

HTML_NAME = "review-pack.html"
PDF_NAME = "review-pack.pdf"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
]
# Where each red flag tier appears, for clinicians.
TIERS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "routine": "See a doctor (not urgent)",
}
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_TITLE = re.compile(r'^title:\s*"?(.*?)"?\s*$', re.M)
_HEADING = re.compile(r"^# (.+)$", re.M)
_PICTURE = re.compile(r'src="(?:\.\./)*assets/illustrations/([a-z0-9-]+)\.svg"')
_ID = re.compile(r'\bid="([^"]*)"')
_HREF = re.compile(r'\bhref="([^"]*)"')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")
_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

REGISTRATION_EXAMPLE = "HCPC PH123456"
PUBLISH_EXAMPLE = """\
review:
  last_reviewed: {today}      # the date you signed this pack
  next_review_due: {due}    # at most 3 years later
  reviewer:
    name: Jane Smith
    credentials: Physiotherapist
    registration: {registration}  # this line publishes the review"""

STYLE = """
@page {
  size: A4;
  margin: 16mm 15mm 18mm;
  @bottom-center {
    content: "Clinical review pack, page " counter(page) " of " counter(pages);
    font: 9pt sans-serif;
    color: #444;
  }
}
* { box-sizing: border-box; }
body { font: 11pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #000; margin: 0; }
@media screen { body { max-width: 180mm; margin: 10mm auto; } }
h1 { font-size: 20pt; margin: 0 0 8pt; }
h2 { font-size: 15pt; margin: 16pt 0 6pt; }
h3 { font-size: 12.5pt; margin: 12pt 0 4pt; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; }
h1, h2, h3, h4 { break-after: avoid; }
a { color: #000; }
code, pre { font: 9.5pt/1.4 "DejaVu Sans Mono", monospace; }
pre { border: 1px solid #999; padding: 6pt 8pt; background: #f4f4f4; white-space: pre-wrap; }
table { border-collapse: collapse; width: 99.5%; margin: 6pt 0; }
th, td { border: 1px solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #eee; }
tr { break-inside: avoid; }
.part { break-before: page; }
.cover h1 { font-size: 26pt; margin-top: 6mm; }
.status-table { table-layout: fixed; font-size: 9.5pt; }

.cover .facts { font-size: 12pt; }
.status-unchecked { font-weight: bold; }
.decision, .flag-tier, .sign-off .fields { break-inside: avoid; }
.decision { border: 1px solid #777; padding: 2pt 10pt 8pt; margin: 10pt 0; }
.decision dt { font-weight: bold; margin-top: 4pt; }
.decision dd { margin: 0 0 0 12pt; }
.decision dd p { margin: 2pt 0; }
.notes { border-bottom: 1px solid #777; height: 16pt; }
.tick { display: inline-block; width: 11pt; height: 11pt; border: 1.5px solid #000;
  vertical-align: -1pt; margin-right: 4pt; }
td.tick-cell { white-space: nowrap; width: 1%; }
.page-part + .page-part { break-before: page; }
.page-head { border: 2px solid #000; padding: 4pt 8pt; margin-bottom: 8pt; font-size: 10pt; }
.page-head p { margin: 1pt 0; }
.page-text { border-left: 3px solid #bbb; padding-left: 10pt; }
.page-text img { display: block; max-width: 70%; max-height: 90mm; margin: 4pt 0; }
.page-text figure { margin: 6pt 0; }
.page-text .admonition, .page-text .care-card, .page-text .dose-box, .page-text .remember-box,
.page-text .check-first, .page-text .floor-steps, .page-text .tick-chart {
  border: 1px solid #777; padding: 2pt 8pt; margin: 6pt 0; }
.page-text .admonition { border-width: 2px; }
.page-text .screen-only, .page-text .print-only, .page-text .stretch-timer {
  border: 1px dashed #999; padding: 2pt 8pt; margin: 6pt 0; }
.page-text .screen-only::before { content: "On screen only:"; font-style: italic; }
.page-text .print-only::before { content: "On paper only:"; font-style: italic; }
.page-text .stretch-timer::before { content: "Timer, as text:"; font-style: italic; }
.page-text .visually-hidden { font-style: italic; color: #555; }
.sign-off .fields td { height: 24pt; }
.sign-off .fields td.signature { height: 48pt; }
.sign-off .fields th { width: 38%; }
"""


class PdfError(Exception):
    """The PDF could not be printed; the message says why and what to do."""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class _Page:
    """One patient page of the pack."""

    src_uri: str
    title: str
    address: str
    edit_path: str
    markdown: str
    review: Review | None
    slug: str | None  # a stretch's slug: its pictures


@dataclass(frozen=True)
class Translation:
    """Another language's pages, and who checked the translation ("" for no one yet)."""

    language: Language
    content: ContentBuild
    checked_by: str


class _Pack:
    def __init__(
        self, content: ContentBuild, today: dt.date, translations: Iterable[Translation] = ()
    ) -> None:
        assert content.library is not None and content.renderer is not None
        self.content = content
        self.translations = list(translations)
        self.library = content.library
        self.renderer = content.renderer
        self.picture_files = content.picture_files()
        self.today = today
        self.fill = self.renderer.env.filters["fill"]
        self.converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
        self.reviews = self._reviews()
        self.pages = list(self._pages())
        self.flags = [
            (tier, flag)
            for tier in TIERS
            for flag in getattr(self.library.safety.when_to_get_help, tier).awaiting_sign_off
        ]

    def _reviews(self) -> dict[str, Review]:
        """Each generated page's review, by src_uri."""
        found = {}
        for key, review in self.library.reviews():
            kind_name, _, slug = key.partition("/")
            found[KIND[kind_name].page_of(slug)] = review
        return found

    def _pages(self) -> Iterator[_Page]:
        for src_uri, page in self.content.pages.items():
            kind = page.plan.kind
            slug = page.plan.slug if kind.name == "stretches" else None
            yield _Page(
                src_uri,
                _title(page.markdown, src_uri),
                self.renderer.address(page.plan.address),
                page.plan.edit_path,
                page.markdown,
                self.reviews.get(src_uri),
                slug,
            )
        for src_uri, text in self.content.docs.items():
            address = self.renderer.address(page_path(src_uri).lstrip("/"))
            edit = self.content.shown_docs[src_uri]
            yield _Page(src_uri, _title(text, src_uri), address, edit, text, None, None)

    # Pieces

    def md(self, text: str) -> str:
        return str(self.converter.reset().convert(text))

    def status(self, review: Review | None) -> str:
        if review is None:
            return "This page has no review footer"
        if review.by_registered_clinician:
            reviewer = review.reviewer
            return (
                f"Reviewed on {_e(long_date(review.last_reviewed))} by {_e(reviewer.name)}, "
                f"{_e(reviewer.credentials)} ({_e(reviewer.registration)})"
            )
        return '<span class="status-unchecked">Not yet checked by a clinician</span>'

    def pictures(self, slug: str) -> str:
        if self.library.stretches[slug].pictures is not None:
            return (
                f"Start and end drawn from the poses in stretches/{_e(slug)}.yml (pictures), "
                "shown in the steps: check they match the steps."
            )
        picture = self.library.illustrations.get(slug)
        if picture is None:
            return f"No picture yet (content/illustrations/{_e(slug)}.svg)."
        return f"{_e(picture.relative_to(self.library.root).as_posix())}, shown in the steps."

    def page_text(self, page: _Page, number: int) -> str:
        """A page's Markdown as HTML: ids made unique in the pack, links made full addresses,
        pictures put in as data: addresses."""
        body = self.md(_FRONT_MATTER.sub("", page.markdown))
        prefix = f"p{number}-"
        body = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', body)
        body = _HREF.sub(lambda m: f'href="{_e(self.link(page, html.unescape(m.group(1))))}"', body)
        body = body.replace('href="#', f'href="#{prefix}')
        return _PICTURE.sub(self.picture_source, body)

    def link(self, page: _Page, target: str) -> str:
        if target.startswith("#") or _SCHEME.match(target) or not target:
            return target
        path, _, anchor = target.partition("#")
        if path.startswith("/"):
            resolved = path.lstrip("/")
        elif path.endswith(".md"):  # Markdown links name the source file, like MkDocs reads them
            source = posixpath.join(posixpath.dirname(page.src_uri), path)
            resolved = page_path(posixpath.normpath(source)).lstrip("/")
        else:  # raw HTML links are relative to the page's published address, a folder
            resolved = posixpath.normpath(posixpath.join(page_path(page.src_uri), path))
            resolved = resolved.lstrip("/") + ("/" if path.endswith("/") else "")
        resolved = "" if resolved in (".", "/") else resolved
        return self.renderer.address(resolved) + (f"#{anchor}" if anchor else "")

    def picture_source(self, match: re.Match[str]) -> str:
        svg = self.picture_files.get(f"assets/illustrations/{match.group(1)}.svg")
        if svg is None:
            return match.group()
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        return f'src="data:image/svg+xml;base64,{data}"'

    def sources(self, sources: Iterable[Source]) -> str:
        items = "".join(
            f'<li>{_e(s.title)} ({_e(s.publisher)}): <a href="{_e(s.url)}">{_e(s.url)}</a></li>'
            for s in sources
        )
        return f"<ul>{items}</ul>" if items else "<p>None given.</p>"

    # Parts

    def cover(self) -> str:
        decisions = self.library.decisions
        waiting = sum(d.status == DecisionStatus.AWAITING_SIGN_OFF for d in decisions.values())
        reviewed = list(self.reviews.values())
        checked = sum(r.by_registered_clinician for r in reviewed)
        example = PUBLISH_EXAMPLE.format(
            today=self.today.isoformat(),
            due=add_years(self.today, MAX_REVIEW_YEARS).isoformat(),
            registration=REGISTRATION_EXAMPLE,
        )
        return f"""
<section class="cover" id="cover">
<h1>Clinical review pack</h1>
<p class="facts">For the patient website at <strong>{_e(self.renderer.site_url)}</strong><br>
Made on {_e(long_date(self.today))} from the content the site is built from.</p>
<ul class="facts">
<li>{len(self.pages)} patient pages; a registered clinician has checked {checked} of the
{len(reviewed)} pages of advice.</li>
<li>{len(decisions)} content decisions, {waiting} of them awaiting sign-off.</li>
<li>{len(self.flags)} red flags awaiting sign-off.</li>
</ul>

<h2>What this is</h2>
<p>Every page of the site, as a patient reads it, for a clinician to check. The site was
written from published sources (each page lists them). Until a registered clinician has checked
a page, the page says so at the bottom: "Not yet checked by a clinician". It says "Page last
reviewed" only once a clinician's name and professional registration are recorded for it.</p>
<p>The pack also lists the content decisions where the site goes beyond or changes its sources,
and the red flags that have been proposed but are not on the site yet. Each needs your
sign-off.</p>

<h2>How to sign off</h2>
<ol>
<li>Read each patient page (part 4). Check the advice is safe and right for the patients you
would send to it, and that each picture matches its steps.</li>
<li>Read each content decision (part 2), and each red flag awaiting sign-off (part 3).</li>
<li>In the sign-off box (part 5), tick each page you checked; for each decision tick
<em>Agree</em> or <em>Change</em>; for each red flag tick <em>Add</em> or <em>Do not add</em>.
Write what to change next to the decision or on the page.</li>
<li>Fill in your name, profession, professional registration number (like
{_e(REGISTRATION_EXAMPLE)}), the date and your signature, and give the pack back to the site's
editors.</li>
</ol>

<h2>How your review is published</h2>
<p>An editor records your review in the content file of each page you checked (the file is named
at the top of each page in part 4), under <code>review</code>:</p>
<pre>{_e(example)}</pre>
<p>Only a page whose <code>review.reviewer</code> has a <code>registration</code> says "Page last
reviewed: (date)", "Reviewed by: (name), (profession) ((registration))". The editor also
changes what you asked to change, sets each decision you agreed to
<code>status: signed-off</code> in {_e(DECISIONS)}, and moves each red flag you agreed to add
into its list in content/safety.yml. <code>make check</code> lists every page not yet checked by a
clinician, and the site's about page says how many have been.</p>

<h2>Contents</h2>
<ol>
<li><a href="#status">Review status of each page</a></li>
<li><a href="#decisions">Content decisions needing sign-off</a></li>
<li><a href="#red-flags">Red flags awaiting sign-off</a></li>
<li><a href="#pages">The patient pages</a></li>
<li><a href="#sign-off">Sign-off</a></li>
{'<li><a href="#translations">Translations</a></li>' if self.translations else ""}
</ol>
</section>"""

    def status_table(self) -> str:
        rows = []
        for page in self.pages:
            review = page.review
            updated = long_date(review.last_reviewed) if review else ""
            due = long_date(review.next_review_due) if review else ""
            rows.append(
                f"<tr><td>{_e(page.title)}<br><small>{_e(page.address)}</small></td>"
                f"<td>{_e(page.edit_path)}</td><td>{self.status(review)}</td>"
                f"<td>{_e(updated)}</td><td>{_e(due)}</td></tr>"
            )
        return f"""
<section class="part" id="status">
<h2>1. Review status of each page</h2>
<p>As each page says it now. "Last updated" and "Next check due" come from the page's content
file.</p>
<table class="status-table">
<colgroup><col style="width: 30%"><col style="width: 24%"><col style="width: 20%">
<col style="width: 13%"><col style="width: 13%"></colgroup>
<thead><tr><th>Page</th><th>Content file</th><th>Status</th><th>Last updated</th>
<th>Next check due</th></tr></thead>
<tbody>{"".join(rows)}</tbody>
</table>
</section>"""

    def decisions(self) -> str:
        blocks = []
        for number, (slug, decision) in enumerate(self.library.decisions.items(), start=1):
            files = "".join(f"<li>{_e(name)}</li>" for name in decision.files)
            status = (
                "Awaiting sign-off"
                if decision.status == DecisionStatus.AWAITING_SIGN_OFF
                else "Signed off"
            )
            blocks.append(f"""
<div class="decision" id="decision-{_e(slug)}">
<h3>D{number}. {_e(decision.about)}</h3>
<dl>
<dt>Status</dt><dd>{status}</dd>
<dt>Content files</dt><dd><ul>{files}</ul></dd>
<dt>Decision</dt><dd>{self.md(decision.decision)}</dd>
<dt>Why</dt><dd>{self.md(decision.why)}</dd>
<dt>Sources</dt><dd>{self.sources(decision.sources)}</dd>
<dt>Your notes</dt><dd><div class="notes"></div><div class="notes"></div></dd>
</dl>
</div>""")
        body = "".join(blocks) or f"<p>There are no content decisions ({_e(DECISIONS)}).</p>"
        return f"""
<section class="part" id="decisions">
<h2>2. Content decisions needing sign-off</h2>
<p>Where the site goes beyond its sources, fills a gap in them or changes what a patient does.
From {_e(DECISIONS)}. Tick <em>Agree</em> or <em>Change</em> for each in the sign-off box.</p>
{body}
</section>"""

    def red_flags(self) -> str:
        help_ = self.library.safety.when_to_get_help
        blocks = []
        number = 0
        for tier, label in TIERS.items():
            waiting: list[PendingRedFlag] = getattr(help_, tier).awaiting_sign_off
            if not waiting:
                continue
            heading = self.fill(getattr(help_, tier).heading)
            current = "".join(f"<li>{_e(self.fill(i))}</li>" for i in getattr(help_, tier).items)
            proposed = []
            for flag in waiting:
                number += 1
                proposed.append(
                    f"<li><strong>R{number}. {_e(self.fill(flag.text))}</strong>"
                    f"<br>Why: {_e(flag.why)}</li>"
                )
            blocks.append(f"""
<div class="flag-tier">
<h3>{_e(label)}: "{_e(heading)}"</h3>
<p>Proposed for this list, awaiting sign-off:</p>
<ul>{"".join(proposed)}</ul>
<p>Already on the site in this list:</p>
<ul>{current}</ul>
</div>""")
        body = "".join(blocks) or "<p>No red flags are awaiting sign-off.</p>"
        return f"""
<section class="part" id="red-flags">
<h2>3. Red flags awaiting sign-off</h2>
<p>Signs that have been proposed for the "when to get help" lists (content/safety.yml,
<code>awaiting_sign_off</code>) but are not on the site yet. Tick <em>Add</em> or
<em>Do not add</em> for each in the sign-off box.</p>
{body}
</section>"""

    def patient_pages(self) -> str:
        parts = []
        for number, page in enumerate(self.pages, start=1):
            pictures = (
                f"<p><strong>Picture:</strong> {self.pictures(page.slug)}</p>" if page.slug else ""
            )
            parts.append(f"""
<article class="page-part" id="page-{number}">
<div class="page-head">
<p><strong>Patient page {number} of {len(self.pages)}:</strong> {_e(page.title)}</p>
<p><strong>Address:</strong> {_e(page.address)}</p>
<p><strong>Content file:</strong> {_e(page.edit_path)}</p>
<p><strong>Review status:</strong> {self.status(page.review)}</p>
{pictures}
</div>
<div class="page-text">
{self.page_text(page, number)}
</div>
</article>""")
        return f"""
<section class="part" id="pages">
<h2>4. The patient pages</h2>
<p>Each page's text as the site shows it, from the same build. Boxes marked "On screen only" or
"On paper only" show on one of them; the timer is shown as the sentence it falls back to.
Links are given as the full web address.</p>
{"".join(parts)}
</section>"""

    def sign_off(self) -> str:
        def tick(label: str) -> str:
            return f'<td class="tick-cell"><span class="tick"></span>{_e(label)}</td>'

        pages = "".join(
            f"<tr><td>{n}. {_e(p.title)}</td><td>{_e(p.edit_path)}</td>{tick('Checked')}</tr>"
            for n, p in enumerate(self.pages, start=1)
        )
        decisions = "".join(
            f"<tr><td>D{n}. {_e(d.about)}</td>{tick('Agree')}{tick('Change')}</tr>"
            for n, d in enumerate(self.library.decisions.values(), start=1)
        )
        flags = "".join(
            f"<tr><td>R{n}. {_e(TIERS[tier])}: {_e(self.fill(flag.text))}</td>"
            f"{tick('Add')}{tick('Do not add')}</tr>"
            for n, (tier, flag) in enumerate(self.flags, start=1)
        )
        decision_table = (
            f"<h3>Content decisions</h3><table><tbody>{decisions}</tbody></table>"
            if decisions
            else ""
        )
        flag_table = (
            f"<h3>Red flags awaiting sign-off</h3><table><tbody>{flags}</tbody></table>"
            if flags
            else ""
        )
        return f"""
<section class="part sign-off" id="sign-off">
<h2>5. Sign-off</h2>
<p>I have read the pages I ticked as a patient would see them. Where I ticked <em>Agree</em>,
I agree with the decision as written; where I ticked <em>Change</em>, I have written what to
change.</p>
<h3>Pages checked</h3>
<table><tbody>{pages}</tbody></table>
{decision_table}
{flag_table}
<h3>Your details</h3>
<table class="fields">
<tbody>
<tr><th>Reviewer's name</th><td></td></tr>
<tr><th>Profession</th><td></td></tr>
<tr><th>Professional registration number (like {_e(REGISTRATION_EXAMPLE)})</th><td></td></tr>
<tr><th>Date</th><td></td></tr>
<tr><th>Signature</th><td class="signature"></td></tr>
</tbody>
</table>
</section>"""

    def translated_pages(self) -> str:
        """Each other language: whether a qualified medical translator has checked it, and
        each of its pages, with the English fields it was translated from that have changed."""
        blocks = []
        for translation in self.translations:
            content, language = translation.content, translation.language
            assert content.library is not None
            stale = content.library.stale
            rows = []
            for page in content.pages.values():
                plan = page.plan
                key = f"{plan.kind.name}/{plan.slug}" if plan.kind.folder else plan.kind.name
                source = translation_of(plan.edit_path, language.code)
                if plan.slug is None:
                    state = "A list: its words come from the language's strings"
                elif key in stale:
                    changed = ", ".join(stale[key]) or "no record of the English it follows"
                    state = (
                        '<span class="status-unchecked">Older than the English: '
                        f"{_e(changed)}</span>"
                    )
                else:
                    state = "Follows today's English"
                rows.append(
                    f"<tr><td>{_e(_title(page.markdown, plan.src_uri))}</td><td>{_e(source)}</td>"
                    f"<td>{state}</td></tr>"
                )
            for src_uri, text in content.docs.items():
                rows.append(
                    f"<tr><td>{_e(_title(text, src_uri))}</td>"
                    f"<td>{_e(content.shown_docs[src_uri])}</td><td>A hand-written page</td></tr>"
                )
            checked = (
                f"Checked by {_e(translation.checked_by)}."
                if translation.checked_by
                else '<span class="status-unchecked">Not yet checked by a qualified medical '
                "translator</span>: every page says so, in the language, with a link to the "
                "English page."
            )
            left_out = [t for titles in content.library.left_out.values() for t in titles.values()]
            missing = (
                f"<p>Not yet translated, so linked in English: {_e(', '.join(left_out))}.</p>"
                if left_out
                else ""
            )
            blocks.append(
                f"<h3>{_e(language.name)} (/{_e(language.prefix)})</h3>\n"
                f"<p>{checked}</p>{missing}\n"
                '<table class="status-table"><thead><tr><th>Page</th><th>Translation file</th>'
                f"<th>Status</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            )
        if not blocks:
            return ""
        return f"""
<section class="part" id="translations">
<h2>6. Translations</h2>
<p>Translations hold only words: each dose, warning and source comes from the English page you
signed off above. A qualified medical translator checks that the words say the same.</p>
{"".join(blocks)}
</section>"""

    def document(self) -> str:
        parts = [
            self.cover(),
            self.status_table(),
            self.decisions(),
            self.red_flags(),
            self.patient_pages(),
            self.sign_off(),
            self.translated_pages(),
        ]
        return (
            "<!doctype html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Clinical review pack: {_e(self.renderer.site_url)}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
        )


def _title(text: str, src_uri: str) -> str:
    front = _FRONT_MATTER.match(text)
    found = _TITLE.search(front.group(1)) if front else None
    found = found or _HEADING.search(text)
    if found is None:
        return src_uri
    title = found.group(1).strip()
    try:  # generated pages write their title as a JSON string (`yaml_string`)
        return str(json.loads(f'"{title}"'))
    except ValueError:
        return title


def pack_html(
    content: ContentBuild, today: dt.date, translations: Iterable[Translation] = ()
) -> str:
    """The whole pack as one HTML document."""
    return _Pack(content, today, translations).document()


def pdf_pages(pdf: bytes) -> int:
    return len(_PDF_PAGE.findall(pdf))


def find_chromium(explicit: Path | None = None) -> Path | None:
    """The Chromium to print with: `explicit` if it exists, else chromium on PATH."""
    if explicit is not None:
        return explicit if explicit.is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def print_pdf(html_file: Path, pdf_file: Path, chromium: Path) -> int:
    """Print `html_file` to `pdf_file` with headless Chromium; the number of pages."""
    pdf_file.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="review-pack-chromium-") as profile:
        command: list[Any] = [
            str(chromium),
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf_file.resolve()}",
            html_file.resolve().as_uri(),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfError(f"Chromium ({chromium}) could not print the PDF: {error}") from None
    data = pdf_file.read_bytes() if pdf_file.is_file() else b""
    if not data.startswith(b"%PDF"):
        said = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise PdfError(
            f"Chromium ({chromium}) did not write a PDF (exit code {result.returncode})."
            + (f"\nIt said:\n{said}" if said else "")
        )
    return pdf_pages(data)


def run(root: Path, out: Path, today: dt.date, chromium: Path | None = None) -> int:
    if unsafe_output(out, root):
        print(
            f"No review pack was written: {out} is the project folder or inside content/, docs/, "
            "hooks/, overrides/ or .git/; write it into a folder of its own, like review-pack/"
        )
        return 2
    content, problems = content_build(root.resolve(), today)
    if content is None or content.library is None or content.renderer is None:
        for problem in errors_only(problems):
            print(problem)
        print("No review pack was written: fix the problems above first (`make check`).")
        return 1
    out.mkdir(parents=True, exist_ok=True)
    (out / PDF_NAME).unlink(missing_ok=True)  # never leave an older PDF beside a newer pack
    html_file = out / HTML_NAME
    translations = []
    for language in site_languages(root.resolve())[1:]:
        other, problems = content_build(root.resolve(), today, language.config_file.name)
        settings, _ = read_settings(root.resolve(), language.config_file.name)
        if other is None or other.library is None:
            for problem in errors_only(problems):
                print(problem)
            print("No review pack was written: fix the problems above first (`make check`).")
            return 1
        checked_by = settings.translation_checked_by if settings else ""
        translations.append(Translation(language, other, checked_by))
    html_file.write_text(pack_html(content, today, translations), encoding="utf-8")
    print(f"Wrote {html_file}")
    browser = find_chromium(chromium)
    if browser is None:
        where = f"at {chromium}" if chromium else "(no chromium on PATH)"
        print(
            f"Chromium is missing {where}, so {PDF_NAME} was not written. Install Debian's "
            f"Chromium with `make browser` (apt-get install chromium), or open {html_file} in "
            "any browser and print it to PDF.",
            file=sys.stderr,
        )
        return 1
    try:
        pages = print_pdf(html_file, out / PDF_NAME, browser)
    except PdfError as error:
        print(f"{error}\n{PDF_NAME} was not written; {html_file} was.", file=sys.stderr)
        return 1
    print(f"Wrote {out / PDF_NAME} ({pages} pages)")
    return 0
