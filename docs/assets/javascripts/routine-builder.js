/*
 * The clinicians' routine builder (/routine-builder/): choose stretches, order them, set the
 * dose and notes, and get a link, a QR code and a printable patient page. The routine exists
 * only in the link (after #); nothing is sent or stored.
 */
(function () {
  'use strict';
  var ui = window.RoutineUI;
  var link = window.RoutineLink;
  var el = ui.el;

  function Builder(mount, catalogue) {
    this.mount = mount;
    this.catalogue = catalogue;
    this.library = link.lookup(catalogue);
    this.chosen = [];
    this.note = '';
    this.build();
    this.renderResults();
    this.renderChosen();
  }

  Builder.prototype.build = function () {
    var self = this;
    this.filter = el('input', { id: 'rb-filter', type: 'search', autocomplete: 'off', 'aria-describedby': 'rb-count' });
    this.results = el('ul', { className: 'rb-results' });
    this.count = el('p', { id: 'rb-count', className: 'rb-count' });
    this.list = el('ol', { className: 'rb-list' });
    this.empty = el('p', { className: 'rb-empty', text: 'No stretches chosen yet. Add them from the list above.' });
    this.routineNote = el('textarea', { id: 'rb-note', rows: '2', maxlength: String(link.LIMITS.note) });
    this.linkField = el('input', { id: 'rb-link', type: 'text', readonly: 'readonly' });
    this.copyButton = el('button', { type: 'button', className: 'md-button', text: 'Copy link' });
    this.openLink = el('a', { className: 'md-button md-button--primary', text: 'Open the patient page to print it' });
    this.qr = el('div', { className: 'rb-qr' });
    this.status = el('p', { className: 'rb-status', role: 'status', 'aria-live': 'polite' });
    this.shareProblems = el('ul', { className: 'rb-problems' });
    this.share = el('div', { className: 'rb-share-output' }, [
      el('label', { for: 'rb-link', text: 'Link for your patient' }), this.linkField,
      el('p', { className: 'rb-buttons' }, [this.copyButton, ' ', this.openLink]), this.qr
    ]);
    this.mount.replaceChildren(
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-choose' }, [
        el('h2', { id: 'rb-choose', text: '1. Choose stretches' }),
        el('label', { for: 'rb-filter', text: 'Search the stretches' }), this.filter, this.count, this.results
      ]),
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-order' }, [
        el('h2', { id: 'rb-order', text: '2. Put them in order and set the dose' }),
        this.empty, this.list,
        el('label', { for: 'rb-note', text: 'Note for the patient about the whole routine (optional)' }), this.routineNote
      ]),
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-share' }, [
        el('h2', { id: 'rb-share', text: '3. Share it' }), this.shareProblems, this.share, this.status
      ])
    );
    this.filter.addEventListener('input', function () { self.renderResults(); });
    this.routineNote.addEventListener('input', function () { self.note = self.routineNote.value; self.update(); });
    this.copyButton.addEventListener('click', function () { self.copy(); });
  };

  Builder.prototype.say = function (message) {
    this.status.textContent = this.status.textContent === message ? message + '\u00a0' : message;
  };

  Builder.prototype.renderResults = function () {
    var self = this;
    var words = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var matches = this.catalogue.stretches.filter(function (s) {
      var text = (s.title + ' ' + s.summary + ' ' + s.area).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    this.count.textContent = matches.length === 1 ? '1 stretch found' : matches.length + ' stretches found';
    this.results.replaceChildren.apply(this.results, matches.map(function (s) {
      var add = el('button', { type: 'button', className: 'md-button rb-add' }, [
        'Add', el('span', { className: 'visually-hidden', text: ' ' + s.title })
      ]);
      add.addEventListener('click', function () { self.add(s.slug); });
      return el('li', { className: 'rb-result' }, [
        el('div', {}, [el('strong', { text: s.title }), el('span', { className: 'rb-meta', text: s.area + '. ' + s.summary })]),
        add
      ]);
    }));
  };

  Builder.prototype.add = function (slug) {
    if (this.chosen.length >= link.LIMITS.maxStretches) {
      this.say('A routine can have at most ' + link.LIMITS.maxStretches + ' stretches.');
      return;
    }
    var s = this.library[slug];
    this.chosen.push({ slug: slug, hold: s.hold_seconds, repsMin: s.reps_min, repsMax: s.reps_max, times: s.times_per_day, note: '' });
    this.renderChosen();
    this.say('Added ' + s.title + '. ' + this.chosen.length + ' chosen.');
  };

  Builder.prototype.move = function (index, by, action) {
    var target = index + by;
    if (target < 0 || target >= this.chosen.length) return;
    var item = this.chosen.splice(index, 1)[0];
    this.chosen.splice(target, 0, item);
    this.renderChosen(target, action);
    this.say('Moved ' + this.library[item.slug].title + ' to number ' + (target + 1) + '.');
  };

  Builder.prototype.remove = function (index) {
    var item = this.chosen.splice(index, 1)[0];
    this.renderChosen(Math.min(index, this.chosen.length - 1), 'remove');
    if (!this.chosen.length) this.filter.focus();
    this.say('Removed ' + this.library[item.slug].title + '.');
  };

  function numberField(id, label, value, range, onChange) {
    var input = el('input', { id: id, type: 'number', inputmode: 'numeric', min: String(range[0]), max: String(range[1]), step: '1', value: String(value) });
    input.addEventListener('input', function () { onChange(input.value === '' ? NaN : Number(input.value)); });
    return el('p', { className: 'rb-field' }, [el('label', { for: id, text: label }), input]);
  }

  Builder.prototype.renderChosen = function (focusIndex, focusAction) {
    var self = this;
    var limits = link.LIMITS;
    this.empty.hidden = this.chosen.length > 0;
    this.list.replaceChildren.apply(this.list, this.chosen.map(function (item, index) {
      var s = self.library[item.slug];
      var id = 'rb-' + index;
      function button(action, text, handler) {
        var b = el('button', { type: 'button', className: 'md-button rb-' + action, 'data-action': action }, [
          text, el('span', { className: 'visually-hidden', text: ' ' + s.title })
        ]);
        b.addEventListener('click', handler);
        return b;
      }
      var up = button('up', 'Move up', function () { self.move(index, -1, 'up'); });
      var down = button('down', 'Move down', function () { self.move(index, 1, 'down'); });
      up.disabled = index === 0;
      down.disabled = index === self.chosen.length - 1;
      var note = el('input', { id: id + '-note', type: 'text', maxlength: String(limits.note), value: item.note });
      note.addEventListener('input', function () { item.note = note.value; self.update(); });
      return el('li', { className: 'rb-item' }, [
        el('h3', { text: s.title }),
        el('div', { className: 'rb-fields' }, [
          numberField(id + '-hold', 'Hold (seconds)', item.hold, limits.hold, function (v) { item.hold = v; self.update(); }),
          numberField(id + '-min', 'Repeat at least', item.repsMin, limits.reps, function (v) { item.repsMin = v; self.update(); }),
          numberField(id + '-max', 'Repeat at most', item.repsMax, limits.reps, function (v) { item.repsMax = v; self.update(); }),
          numberField(id + '-times', 'Times a day', item.times, limits.times, function (v) { item.times = v; self.update(); })
        ]),
        el('p', { className: 'rb-field rb-field--wide' }, [el('label', { for: id + '-note', text: 'Note for the patient about this stretch (optional)' }), note]),
        el('p', { className: 'rb-buttons' }, [up, ' ', down, ' ', button('remove', 'Remove', function () { self.remove(index); })])
      ]);
    }));
    if (focusIndex !== undefined && focusIndex >= 0 && this.chosen.length) {
      var items = this.list.querySelectorAll('.rb-item');
      var target = items[focusIndex].querySelector('[data-action="' + focusAction + '"]:not([disabled])') ||
        items[focusIndex].querySelector('button:not([disabled])');
      if (target) target.focus();
    }
    this.update();
  };

  Builder.prototype.update = function () {
    var routine = { note: this.note, stretches: this.chosen };
    var hash = link.encode(routine, this.library);
    var checked = this.chosen.length ? link.decode(hash, this.library) : { ok: false, errors: ['Add at least one stretch to get a link.'] };
    this.shareProblems.replaceChildren.apply(this.shareProblems, checked.ok ? [] : checked.errors.map(function (e) { return el('li', { text: e }); }));
    this.share.hidden = !checked.ok;
    if (!checked.ok) return;
    var url = ui.siteUrl(this.catalogue, 'my-routine/') + hash;
    this.linkField.value = url;
    this.openLink.setAttribute('href', url);
    this.qr.replaceChildren(ui.qrSvg(url, 'QR code for the link to this routine'));
  };

  Builder.prototype.copy = function () {
    var self = this;
    var text = this.linkField.value;
    function fallback() {
      self.linkField.select();
      self.say('The link is selected: press Ctrl+C (or Cmd+C) to copy it.');
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { self.say('Link copied.'); }, fallback);
    } else {
      fallback();
    }
  };

  function start() {
    var mount = document.getElementById('routine-builder');
    if (!mount || mount.getAttribute('data-ready')) return;
    mount.setAttribute('data-ready', 'true');
    ui.loadLibrary(mount).then(function (catalogue) { new Builder(mount, catalogue); }).catch(function () {
      mount.replaceChildren(el('p', { role: 'alert', text: 'The stretch library could not be loaded. Check your connection and reload the page.' }));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
