/*
 * The patient's routine page (/my-routine/#...): decodes the link and shows each stretch with
 * its own cautions before its steps, its picture, steps, dose, timer, what to feel, Do and
 * Don't, then a weekly tick chart for paper. Anything wrong with the link shows a clear
 * message and nothing else; every value is checked by RoutineLink and inserted as text.
 */
(function () {
  'use strict';
  var ui = window.RoutineUI;
  if (!ui) return; // no words for the routine: the no-script message stays
  var el = ui.el;
  var t = ui.t;

  function problem(mount, catalogue, title, reasons, empty) {
    var builder = catalogue ? ui.siteUrl(catalogue, 'routine-builder/') : '../routine-builder/';
    var routines = catalogue ? ui.siteUrl(catalogue, 'routines/') : '../routines/';
    var box = el('div', { className: 'admonition warning routine-problem', role: 'alert' }, [
      el('p', { className: 'admonition-title', text: title }),
      reasons && reasons.length ? el('ul', {}, reasons.map(function (r) { return el('li', { text: r }); })) : null,
      el('p', {}, empty
        ? ui.tNodes('routine_no_link_help', {
          routines: el('a', { href: routines, text: t('routine_routines_link') }),
          builder: el('a', { href: builder, text: t('routine_builder_link') })
        })
        : ui.tNodes('routine_broken_link_help', {
          stretches: el('a', { href: ui.siteUrl(catalogue || { base: new URL('../', location.href) }, 'stretches/'), text: t('routine_stretches_link') })
        }))
    ]);
    mount.replaceChildren(box);
  }

  function doseTable(item, both) {
    var rows = [[t('dose_hold'), ui.holdWords(item.hold)], [t('dose_repeat'), ui.repeatWords(item.repsMin, item.repsMax)]];
    if (both) rows.push([t('dose_sides'), t('dose_both_sides'), 'dose-sides']);
    rows.push([t('dose_how_often'), ui.timesWords(item.times)]);
    return el('div', { className: 'dose-box' }, [el('table', {}, [
      el('thead', {}, [el('tr', {}, [el('th', { text: t('dose_what_to_do') }), el('th', { text: t('dose_how_much') })])]),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', row[2] ? { className: row[2] } : {}, [el('td', {}, [el('strong', { text: row[0] })]), el('td', { text: row[1] })]);
      }))
    ])]);
  }

  function list(tag, lines) {
    return el(tag, {}, lines.map(function (line) { return el('li', { text: line }); }));
  }

  // The stretch's own cautions, and its own warning when the page's warning (above the
  // routine) is another one: before its steps, as on the routine pages.
  function cautionsBox(catalogue, stretch) {
    var own = stretch.warning !== catalogue.page_warning ? catalogue.warnings[stretch.warning] : null;
    return el('div', { className: 'admonition stretch-cautions danger', 'data-cautions-for': stretch.slug }, [
      el('p', { className: 'admonition-title', text: own ? own.title : t('take_care_heading') }),
      own ? el('p', { text: own.text }) : null,
      own ? el('p', {}, [el('strong', { text: t('take_care') })]) : null,
      list('ul', stretch.cautions)
    ]);
  }

  // Getting down to the floor and back up, once: before the first stretch done lying down.
  function floorSteps(floor) {
    return el('div', { className: 'floor-steps' }, [
      el('h3', { id: 'floor', text: floor.title }),
      el('div', { className: 'floor-steps__lists' }, [
        el('div', {}, [el('p', {}, [el('strong', { text: t('floor_down') })]), list('ol', floor.getting_down)]),
        el('div', {}, [el('p', {}, [el('strong', { text: t('floor_up') })]), list('ol', floor.getting_up)])
      ])
    ]);
  }

  function feelDoDont(stretch) {
    return [
      el('p', {}, [el('strong', { text: t('routine_feel') + ' ' }), stretch.feel]),
      el('div', { className: 'do-dont' }, [
        el('div', { className: 'do-list' }, [el('h3', { text: t('do_heading') }), list('ul', stretch.do)]),
        el('div', { className: 'dont-list' }, [el('h3', { text: t('dont_heading') }), list('ul', stretch.dont)]),
        el('div', { className: 'remember-box' }, [el('h3', { text: t('remember_heading') }), list('ul', stretch.remember)])
      ])
    ];
  }

  // A note from the link, labelled for what it is, with the site's safety advice put first; or,
  // where the link's note broke a rule for notes, why it was left out. Nothing if neither.
  function noteBox(note, withheld) {
    if (withheld) {
      return el('p', { className: 'routine-note routine-note--left-out' }, [
        el('strong', { text: t('routine_note_left_out') + ' ' }), t(withheld.key, withheld)
      ]);
    }
    if (!note) return null;
    return el('div', { className: 'routine-note' }, [
      el('p', {}, [el('strong', { text: t('routine_link_note') + ' ' }), note]),
      el('p', { className: 'routine-note__safety', text: t('routine_note_safety') })
    ]);
  }

  // The start and end pictures, each captioned, and the key to their arrow and band; or the
  // one picture an editor drew.
  function pictures(catalogue, stretch) {
    if (!stretch.pictures.length) return null;
    var figures = stretch.pictures.map(function (picture, index) {
      var caption = el('figcaption', { 'aria-hidden': 'true' });
      if (picture.label) caption.appendChild(el('strong', { text: (index + 1) + '. ' + picture.label + '. ' }));
      if (picture.scene) caption.appendChild(el('span', { className: 'stretch-figure__scene', text: picture.scene + ' ' }));
      caption.appendChild(document.createTextNode(picture.caption));
      return el('figure', { className: 'stretch-figure' }, [
        el('img', {
          src: ui.siteUrl(catalogue, picture.src), alt: picture.alt, className: 'stretch-illustration',
          width: String(picture.width), height: String(picture.height)
        }),
        caption
      ]);
    });
    var block = el('div', { className: 'stretch-pictures-block' }, [el('div', { className: 'stretch-pictures' }, figures)]);
    if (stretch.picture_key) {
      block.appendChild(el('p', { className: 'picture-key' }, [
        el('span', { className: 'picture-key__arrow', 'aria-hidden': 'true' }), ' ' + t('picture_key_arrow') + ' ',
        el('span', { className: 'picture-key__feel', 'aria-hidden': 'true' }), ' ' + t('picture_key_feel')
      ]));
    }
    return block;
  }

  // On paper a stretch stays whole where it can: its heading, cautions, picture, steps and dose
  // on one page (routine.css), then what to feel, Do and Don't.
  function stretchSection(catalogue, stretch, item, index, withFloor, withheld) {
    var n = index + 1;
    var id = 'stretch-' + n;
    var main = el('div', { className: 'routine-stretch__main' }, [
      el('h2', { id: id, text: n + '. ' + stretch.title }),
      el('p', { text: stretch.summary })
    ]);
    function add(node) { if (node) main.appendChild(node); }
    add(noteBox(item.note, withheld));
    add(cautionsBox(catalogue, stretch));
    add(pictures(catalogue, stretch));
    if (withFloor) add(floorSteps(catalogue.floor));
    add(el('p', {}, [el('strong', { text: t('start_position') + ' ' }), stretch.starting_position]));
    add(list('ol', stretch.steps));
    if (stretch.both_sides) add(el('p', {}, [el('strong', { text: t('repeat_other_side') })]));
    add(doseTable(item, stretch.both_sides));
    add(el('div', {
      className: 'stretch-timer', 'data-lead-in-seconds': String(catalogue.timing.lead_in_seconds),
      'data-hold-seconds': String(item.hold), 'data-reps-min': String(item.repsMin),
      'data-reps-max': String(item.repsMax), 'data-sides': stretch.both_sides ? 'both' : 'one', 'data-name': stretch.title
    }, [el('p', { className: 'stretch-timer__fallback', text: ui.doseSummary(item, stretch.both_sides) })]));
    return el('section', { className: 'routine-stretch', 'aria-labelledby': id }, [
      main,
      el('div', { className: 'routine-stretch__after' }, feelDoDont(stretch)),
      el('p', { className: 'screen-only' }, [
        el('a', { href: ui.siteUrl(catalogue, stretch.page), text: t('more_about', { title: stretch.title.charAt(0).toLowerCase() + stretch.title.slice(1) }) })
      ])
    ]);
  }

  // A week on paper: a row a day, a box for each time a day (the most any stretch asks for).
  function tickChart(routine) {
    var sessions = Math.max.apply(null, routine.stretches.map(function (item) { return item.times; }));
    var columns = [t('tick_day'), t('tick_date')];
    for (var s = 1; s <= sessions; s += 1) columns.push(t('tick_session', { n: s }));
    var rows = [];
    for (var day = 1; day <= 7; day += 1) {
      var cells = [el('th', { scope: 'row', text: t('tick_day_n', { n: day }) })];
      for (var c = 0; c <= sessions; c += 1) cells.push(el('td'));
      rows.push(el('tr', {}, cells));
    }
    return el('div', { className: 'tick-chart print-only' }, [
      el('h2', { id: 'tick-chart', text: t('tick_chart_heading') }),
      el('p', { text: t('routine_tick_help', { n: sessions }) }),
      el('table', {}, [
        el('thead', {}, [el('tr', {}, columns.map(function (name) { return el('th', { scope: 'col', text: name }); }))]),
        el('tbody', {}, rows)
      ])
    ]);
  }

  // On paper, beside the routine's summary: the code to scan back to this routine (at least
  // 30 mm, in its own column, never over text), and an address to type if the code does not
  // work: the link without its notes (they are printed), so it stays as short as it can. Both
  // are the link as the builder writes it (whatever address the page was opened at, with any
  // tracking added by a messaging app, or an old version 1 link), so the code is the size the
  // builder checked.
  function printAddress(catalogue, routine) {
    var page = new URL(ui.siteUrl(catalogue, 'my-routine/'));
    var code = ui.qrSvg(page.href + window.RoutineLink.encode(routine), t('routine_qr_code'));
    var typed = page.host + page.pathname + window.RoutineLink.encode({
      note: '',
      stretches: routine.stretches.map(function (item) { return Object.assign({}, item, { note: '' }); })
    });
    return el('div', { className: 'print-address' }, [
      code || el('p', { className: 'print-address__no-code', text: t('routine_no_qr') }),
      code ? el('p', { text: t('routine_scan') }) : null,
      el('p', { className: 'print-address__typed' }, [t('routine_type_address') + ' ', el('strong', { text: typed })])
    ]);
  }

  // On paper: lines for the clinic to write who gave the routine, and when.
  function givenBy() {
    return el('div', { className: 'routine-given print-only' }, [
      el('p', {}, [el('strong', { text: t('routine_given_by') })]),
      el('dl', {}, ['routine_given_clinic', 'routine_given_clinician', 'routine_given_date'].reduce(function (lines, key) {
        return lines.concat([el('dt', { text: t(key) }), el('dd')]);
      }, []))
    ]);
  }

  // For clinicians, after the routine: open this same routine in the builder to change it.
  function editLink(catalogue) {
    return el('p', { className: 'screen-only routine-edit' }, ui.tNodes('routine_edit', {
      link: el('a', { href: ui.siteUrl(catalogue, 'routine-builder/') + location.hash, text: t('routine_edit_link') })
    }));
  }

  // Whatever goes wrong in showing a routine is not the stretch library's fault: only a library
  // that did not load says so (start, below).
  function showSafely(mount, catalogue) {
    try {
      show(mount, catalogue);
    } catch (e) {
      problem(mount, catalogue, t('routine_broken_link'), [t('routine_cannot_show')], false);
    }
  }

  function show(mount, catalogue) {
    var library = window.RoutineLink.lookup(catalogue);
    var result = window.RoutineLink.decode(location.hash, library);
    if (!result.ok) {
      if (result.empty) problem(mount, catalogue, t('routine_no_link'), [], true);
      else problem(mount, catalogue, t('routine_broken_link'), result.errors.map(function (e) { return t(e.key, e); }), false);
      document.title = t('routine_problem_title') + ' - ' + document.title.split(' - ').pop();
      return;
    }
    var routine = result.routine;
    var count = routine.stretches.length;
    var intro = [
      el('p', { className: 'routine-summary' }, [
        t('routine_count', { n: count }) + ' ', el('strong', { className: 'routine-time', text: ui.routineTimeWords(routine.stretches, catalogue) })
      ]),
      el('p', { className: 'routine-follow-clinic', text: t('routine_follow_clinic') })
    ];
    // Notes left out, by stretch number (0: the note for the whole routine).
    var withheld = {};
    result.withheld.forEach(function (w) { withheld[w.n || 0] = w; });
    intro.push(noteBox(routine.note, withheld[0]));
    intro.push(el('p', { className: 'screen-only' }, [el('button', { type: 'button', className: 'md-button routine-print', text: t('routine_print') })]));
    intro.push(givenBy());
    var parts = [el('div', { className: 'routine-intro' }, [
      el('div', { className: 'routine-intro__text' }, intro),
      printAddress(catalogue, routine)
    ])];
    var floorShown = false;
    routine.stretches.forEach(function (item, index) {
      var stretch = library[item.slug];
      var withFloor = !floorShown && stretch.position === 'lying';
      floorShown = floorShown || withFloor;
      parts.push(stretchSection(catalogue, stretch, item, index, withFloor, withheld[index + 1]));
    });
    parts.push(editLink(catalogue));
    parts.push(tickChart(routine));
    mount.replaceChildren.apply(mount, parts);
    mount.querySelector('.routine-print').addEventListener('click', function () { window.print(); });
    document.title = t('routine_title', { n: count }) + ' - ' + document.title.split(' - ').pop();
    if (window.StretchTimers) window.StretchTimers.init();
  }

  function start() {
    var mount = document.getElementById('routine-view');
    if (!mount || mount.getAttribute('data-ready')) return;
    mount.setAttribute('data-ready', 'true');
    ui.loadLibrary(mount).then(function (catalogue) {
      showSafely(mount, catalogue);
      window.addEventListener('hashchange', function () { showSafely(mount, catalogue); });
    }, function () {
      problem(mount, null, t('routine_no_library'), [t('routine_no_library_help')], false);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
