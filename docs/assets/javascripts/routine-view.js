/*
 * The patient's routine page (/my-routine/#...): decodes the link and shows each stretch with
 * its picture, steps, dose and timer. Anything wrong with the link shows a clear message and
 * nothing else; every value is checked by RoutineLink and inserted as text.
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
    if (both) rows.push([t('dose_sides'), t('dose_both_sides')]);
    rows.push([t('dose_how_often'), ui.timesWords(item.times)]);
    return el('div', { className: 'dose-box' }, [el('table', {}, [
      el('thead', {}, [el('tr', {}, [el('th', { text: t('dose_what_to_do') }), el('th', { text: t('dose_how_much') })])]),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', {}, [el('td', {}, [el('strong', { text: row[0] })]), el('td', { text: row[1] })]);
      }))
    ])]);
  }

  function stretchSection(catalogue, stretch, item, index) {
    var n = index + 1;
    var id = 'stretch-' + n;
    var section = el('section', { className: 'routine-stretch', 'aria-labelledby': id }, [
      el('h2', { id: id, text: n + '. ' + stretch.title }),
      el('p', { text: stretch.summary })
    ]);
    if (item.note) {
      section.appendChild(el('p', { className: 'routine-note' }, [el('strong', { text: t('routine_clinic_note') + ' ' }), item.note]));
    }
    if (stretch.illustration) {
      section.appendChild(el('figure', { className: 'stretch-figure' }, [
        el('img', { src: ui.siteUrl(catalogue, stretch.illustration), alt: stretch.illustration_alt })
      ]));
    }
    section.appendChild(el('p', {}, [el('strong', { text: t('start_position') + ' ' }), stretch.starting_position]));
    section.appendChild(el('ol', {}, stretch.steps.map(function (step) { return el('li', { text: step }); })));
    if (stretch.both_sides) section.appendChild(el('p', {}, [el('strong', { text: t('repeat_other_side') })]));
    section.appendChild(el('p', {}, [el('strong', { text: t('stop_if') + ' ' }), stretch.cautions.join(' ')]));
    section.appendChild(doseTable(item, stretch.both_sides));
    section.appendChild(el('div', {
      className: 'stretch-timer', 'data-hold-seconds': String(item.hold), 'data-reps-min': String(item.repsMin),
      'data-reps-max': String(item.repsMax), 'data-sides': stretch.both_sides ? 'both' : 'one', 'data-name': stretch.title
    }, [el('p', { className: 'stretch-timer__fallback', text: ui.doseSummary(item, stretch.both_sides) })]));
    section.appendChild(el('p', { className: 'screen-only' }, [
      el('a', { href: ui.siteUrl(catalogue, stretch.page), text: t('more_about', { title: stretch.title.charAt(0).toLowerCase() + stretch.title.slice(1) }) })
    ]));
    return section;
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
    var parts = [];
    var count = routine.stretches.length;
    parts.push(el('p', { className: 'routine-summary', text: t('routine_count', { n: count }) + ' ' + catalogue.progression }));
    if (routine.note) parts.push(el('p', { className: 'routine-note' }, [el('strong', { text: t('routine_clinic_note') + ' ' }), routine.note]));
    parts.push(el('p', { className: 'screen-only' }, [el('button', { type: 'button', className: 'md-button routine-print', text: t('routine_print') })]));
    routine.stretches.forEach(function (item, index) {
      parts.push(stretchSection(catalogue, library[item.slug], item, index));
    });
    parts.push(el('div', { className: 'print-address' }, [
      el('p', { text: t('routine_scan') }),
      ui.qrSvg(location.href, t('routine_qr_code'))
    ]));
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
      show(mount, catalogue);
      window.addEventListener('hashchange', function () { show(mount, catalogue); });
    }).catch(function () {
      problem(mount, null, t('routine_no_library'), [t('routine_no_library_help')], false);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
