/*
 * The patient's routine page (/my-routine/#...): decodes the link and shows each stretch with
 * its picture, steps, dose and timer. Anything wrong with the link shows a clear message and
 * nothing else; every value is checked by RoutineLink and inserted as text.
 */
(function () {
  'use strict';
  var ui = window.RoutineUI;
  var el = ui.el;

  function problem(mount, catalogue, title, reasons, empty) {
    var builder = catalogue ? ui.siteUrl(catalogue, 'routine-builder/') : '../routine-builder/';
    var routines = catalogue ? ui.siteUrl(catalogue, 'routines/') : '../routines/';
    var box = el('div', { className: 'admonition warning routine-problem', role: 'alert' }, [
      el('p', { className: 'admonition-title', text: title }),
      reasons && reasons.length ? el('ul', {}, reasons.map(function (r) { return el('li', { text: r }); })) : null,
      el('p', {}, empty
        ? ['Ask your clinic for your routine link. You can also try the ',
          el('a', { href: routines, text: 'ready-made routines' }), ', or a clinician can use the ',
          el('a', { href: builder, text: 'routine builder' }), '.']
        : ['Ask your clinic for a new link. Until then, you can find every stretch on the ',
          el('a', { href: ui.siteUrl(catalogue || { base: new URL('../', location.href) }, 'stretches/'), text: 'stretches page' }), '.'])
    ]);
    mount.replaceChildren(box);
  }

  function doseTable(item, both) {
    var rows = [['Hold', ui.holdWords(item.hold)], ['Repeat', ui.repeatWords(item.repsMin, item.repsMax)]];
    if (both) rows.push(['Sides', 'Both sides, one after the other']);
    rows.push(['How often', ui.timesWords(item.times)]);
    return el('div', { className: 'dose-box' }, [el('table', {}, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'What to do' }), el('th', { text: 'How much' })])]),
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
      section.appendChild(el('p', { className: 'routine-note' }, [el('strong', { text: 'Note from your clinic: ' }), item.note]));
    }
    if (stretch.illustration) {
      section.appendChild(el('figure', { className: 'stretch-figure' }, [
        el('img', { src: ui.siteUrl(catalogue, stretch.illustration), alt: stretch.illustration_alt })
      ]));
    }
    section.appendChild(el('p', {}, [el('strong', { text: 'Start position: ' }), stretch.starting_position]));
    section.appendChild(el('ol', {}, stretch.steps.map(function (step) { return el('li', { text: step }); })));
    if (stretch.both_sides) section.appendChild(el('p', {}, [el('strong', { text: 'Then repeat on the other side.' })]));
    section.appendChild(el('p', {}, [el('strong', { text: 'Stop if: ' }), stretch.cautions.join(' ')]));
    section.appendChild(doseTable(item, stretch.both_sides));
    section.appendChild(el('div', {
      className: 'stretch-timer', 'data-hold-seconds': String(item.hold), 'data-reps-min': String(item.repsMin),
      'data-reps-max': String(item.repsMax), 'data-sides': stretch.both_sides ? 'both' : 'one', 'data-name': stretch.title
    }, [el('p', { className: 'stretch-timer__fallback', text: ui.doseSummary(item, stretch.both_sides) })]));
    section.appendChild(el('p', { className: 'screen-only' }, [
      el('a', { href: ui.siteUrl(catalogue, stretch.page), text: 'More about the ' + stretch.title.charAt(0).toLowerCase() + stretch.title.slice(1) })
    ]));
    return section;
  }

  function show(mount, catalogue) {
    var library = window.RoutineLink.lookup(catalogue);
    var result = window.RoutineLink.decode(location.hash, library);
    if (!result.ok) {
      if (result.empty) problem(mount, catalogue, 'No routine in this link', [], true);
      else problem(mount, catalogue, 'This routine link is broken or incomplete', result.errors, false);
      document.title = 'Routine link problem - ' + document.title.split(' - ').pop();
      return;
    }
    var routine = result.routine;
    var parts = [];
    var count = routine.stretches.length;
    parts.push(el('p', { className: 'routine-summary', text: 'Your routine has ' + count + ' ' + (count === 1 ? 'stretch' : 'stretches') + '. ' + catalogue.progression }));
    if (routine.note) parts.push(el('p', { className: 'routine-note' }, [el('strong', { text: 'Note from your clinic: ' }), routine.note]));
    parts.push(el('p', { className: 'screen-only' }, [el('button', { type: 'button', className: 'md-button routine-print', text: 'Print this routine' })]));
    routine.stretches.forEach(function (item, index) {
      parts.push(stretchSection(catalogue, library[item.slug], item, index));
    });
    parts.push(el('div', { className: 'print-address' }, [
      el('p', { text: 'Scan the code to open this routine on your phone.' }),
      ui.qrSvg(location.href, 'QR code for this routine')
    ]));
    mount.replaceChildren.apply(mount, parts);
    mount.querySelector('.routine-print').addEventListener('click', function () { window.print(); });
    document.title = 'Your stretching routine (' + count + ' ' + (count === 1 ? 'stretch' : 'stretches') + ') - ' + document.title.split(' - ').pop();
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
      problem(mount, null, 'The stretch library could not be loaded', ['Check your connection and reload the page.'], false);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
