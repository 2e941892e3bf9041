/*
 * The clinicians' routine builder (/routine-builder/): choose stretches, order them, set the
 * dose and notes, and get a link, a QR code and a printable patient page. The routine exists
 * only in the link (after #); nothing is sent or stored.
 */
(function () {
  'use strict';
  var ui = window.RoutineUI;
  var link = window.RoutineLink;
  if (!ui) return; // no words for the builder: its no-script message stays
  var el = ui.el;
  var t = ui.t;

  function Builder(mount, catalogue) {
    this.mount = mount;
    this.catalogue = catalogue;
    this.library = link.lookup(catalogue);
    this.chosen = [];
    this.note = '';
    this.language = catalogue.language; // of the patient's page the link opens
    this.theirs = null; // that language's stretches by slug, when it is another language
    this.written = null; // the hash this builder last wrote into its own address
    this.build();
    this.restore(window.location.hash);
    this.renderResults();
    this.renderChosen();
    var self = this;
    // The clinician edited the address, or went Back or Forward to another routine.
    window.addEventListener('hashchange', function () {
      if (window.location.hash === self.written) return;
      self.restore(window.location.hash);
      self.renderResults();
      self.renderChosen();
    });
  }

  // The builder's own address keeps its routine after the #, in the routine link's encoding,
  // so reload, Back and a bookmark bring the work back, and a routine link's hash opens it here.
  Builder.prototype.restore = function (hash) {
    var checked = link.decode(hash, this.library);
    if (!checked.ok) {
      this.chosen = [];
      this.note = '';
      if (!checked.empty) this.say(t('builder_not_restored'));
    } else {
      this.chosen = checked.routine.stretches.slice(0, link.LIMITS.maxStretches);
      this.note = checked.routine.note;
    }
    this.routineNote.value = this.note;
  };

  Builder.prototype.remember = function (hash) {
    var target = hash || window.location.pathname + window.location.search;
    if ((hash || '') === (window.location.hash || '')) return;
    this.written = hash;
    try {
      window.history.replaceState(window.history.state, '', target);
    } catch (e) { /* some browsers limit how often; the link field still has the routine */ }
  };

  Builder.prototype.build = function () {
    var self = this;
    this.filter = el('input', { id: 'rb-filter', type: 'search', autocomplete: 'off', 'aria-describedby': 'rb-count' });
    this.results = el('ul', { className: 'rb-results' });
    this.count = el('p', { id: 'rb-count', className: 'rb-count' });
    this.list = el('ol', { className: 'rb-list' });
    this.empty = el('p', { className: 'rb-empty', text: t('builder_none_yet') });
    this.total = el('p', { className: 'rb-total' });
    this.routineNote = el('textarea', { id: 'rb-note', rows: '2', maxlength: String(link.LIMITS.note) });
    this.linkField = el('input', { id: 'rb-link', type: 'text', readonly: 'readonly' });
    this.copyButton = el('button', { type: 'button', className: 'md-button', text: t('builder_copy') });
    this.openLink = el('a', { className: 'md-button md-button--primary', target: '_blank', rel: 'noopener', text: t('builder_open') });
    this.qr = el('div', { className: 'rb-qr' });
    this.status = el('p', { className: 'rb-status', role: 'status', 'aria-live': 'polite' });
    this.copyStatus = el('span', { className: 'rb-copy-status', role: 'status', 'aria-live': 'polite' });
    // Why the link cannot be made, at the top of the share step; each error is also at its field.
    this.shareProblems = el('ul', { className: 'rb-problems' });
    this.shareSummary = el('div', { className: 'rb-summary', hidden: 'hidden' }, [
      el('p', { text: t('builder_cannot_link') }), this.shareProblems
    ]);
    // The language of the patient's page: any of the site's languages.
    var languages = this.catalogue.languages || [];
    this.languageField = el('select', { id: 'rb-language' }, languages.map(function (l) {
      var option = el('option', { value: l.code, lang: l.code, text: l.name });
      if (l.code === self.language) option.selected = true;
      return option;
    }));
    this.languageChoice = el('p', { className: 'rb-field' }, [
      el('label', { for: 'rb-language', text: t('builder_language') }), this.languageField
    ]);
    this.languageChoice.hidden = languages.length < 2;
    this.share = el('div', { className: 'rb-share-output' }, [
      el('label', { for: 'rb-link', text: t('builder_link') }), this.linkField,
      el('p', { className: 'rb-buttons' }, [this.copyButton, ' ', this.copyStatus, ' ', this.openLink]), this.qr
    ]);
    this.mount.replaceChildren(
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-choose' }, [
        el('h2', { id: 'rb-choose', text: t('builder_choose') }),
        el('label', { for: 'rb-filter', text: t('builder_search') }), this.filter, this.count, this.results
      ]),
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-order' }, [
        el('h2', { id: 'rb-order', text: t('builder_order') }),
        this.empty, this.list, this.total,
        el('label', { for: 'rb-note', text: t('builder_routine_note') }), this.routineNote
      ]),
      el('section', { className: 'rb-section', 'aria-labelledby': 'rb-share' }, [
        el('h2', { id: 'rb-share', text: t('builder_share') }), this.languageChoice, this.shareSummary, this.share, this.status
      ])
    );
    this.filter.addEventListener('input', function () { self.renderResults(); });
    this.routineNote.addEventListener('input', function () { self.note = self.routineNote.value; self.update(); });
    this.copyButton.addEventListener('click', function () { self.copy(); });
    this.languageField.addEventListener('change', function () { self.chooseLanguage(self.languageField.value); });
  };

  Builder.prototype.say = function (message) {
    this.status.textContent = this.status.textContent === message ? message + '\u00a0' : message;
  };

  // "Link copied", next to the copy button, where the clinician is looking.
  Builder.prototype.copySay = function (message) {
    var status = this.copyStatus;
    status.textContent = status.textContent === message ? message + '\u00a0' : message;
  };

  Builder.prototype.renderResults = function () {
    var self = this;
    var words = this.filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var matches = this.catalogue.stretches.filter(function (s) {
      var text = (s.title + ' ' + s.summary + ' ' + s.area).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    this.count.textContent = t('builder_found', { n: matches.length });
    this.addButtons = {};
    this.results.replaceChildren.apply(this.results, matches.map(function (s) {
      var add = el('button', { type: 'button', className: 'md-button rb-add' });
      add.addEventListener('click', function () { self.add(s.slug); });
      self.addButtons[s.slug] = { button: add, title: s.title };
      return el('li', { className: 'rb-result' }, [
        el('div', {}, [
          el('strong', { text: s.title }), el('span', { className: 'rb-meta', text: s.area + '. ' + s.summary }),
          self.cautions(s)
        ]),
        add
      ]);
    }));
    this.markAdded();
  };

  Builder.prototype.isChosen = function (slug) {
    return this.chosen.some(function (item) { return item.slug === slug; });
  };

  // A chosen stretch's Add says "Added ✓" and cannot be pressed again (aria-disabled keeps it
  // focusable, so the keyboard stays where it was). Removing the stretch gives Add back.
  Builder.prototype.markAdded = function () {
    var self = this;
    Object.keys(this.addButtons || {}).forEach(function (slug) {
      var entry = self.addButtons[slug];
      var chosen = self.isChosen(slug);
      entry.button.replaceChildren(chosen ? t('builder_added_button') : t('builder_add'),
        el('span', { className: 'visually-hidden', text: ' ' + entry.title }));
      if (chosen) entry.button.setAttribute('aria-disabled', 'true');
      else entry.button.removeAttribute('aria-disabled');
    });
  };

  // A stretch's own warning and cautions, folded away until the clinician opens them.
  Builder.prototype.cautions = function (s) {
    var warning = this.catalogue.warnings[s.warning];
    return el('details', { className: 'rb-cautions warning' }, [
      el('summary', {}, [t('builder_cautions'), el('span', { className: 'visually-hidden', text: ' ' + s.title })]),
      el('ul', {}, s.cautions.map(function (c) { return el('li', { text: c }); })),
      el('p', {}, [el('strong', { text: warning.title }), el('br'), warning.text])
    ]);
  };

  Builder.prototype.add = function (slug) {
    if (this.chosen.length >= link.LIMITS.maxStretches) {
      this.say(t('link_too_many', { n: link.LIMITS.maxStretches }));
      return;
    }
    var s = this.library[slug];
    if (this.isChosen(slug)) {
      this.say(t('builder_already_added', { title: s.title }));
      return;
    }
    this.chosen.push({ slug: slug, hold: s.hold_seconds, repsMin: s.reps_min, repsMax: s.reps_max, times: s.times_per_day, note: '' });
    this.renderChosen();
    this.say(t('builder_added', { title: s.title, n: this.chosen.length }));
  };

  Builder.prototype.move = function (index, by, action) {
    var target = index + by;
    if (target < 0 || target >= this.chosen.length) return;
    var item = this.chosen.splice(index, 1)[0];
    this.chosen.splice(target, 0, item);
    this.renderChosen(target, action);
    this.say(t('builder_moved', { title: this.library[item.slug].title, n: target + 1 }));
  };

  Builder.prototype.remove = function (index) {
    var item = this.chosen.splice(index, 1)[0];
    this.renderChosen(Math.min(index, this.chosen.length - 1), 'remove');
    if (!this.chosen.length) this.filter.focus();
    this.say(t('builder_removed', { title: this.library[item.slug].title }));
  };

  // A number field and, under it, the place for its error (see showFieldErrors).
  function numberField(id, label, value, range, onChange, fields) {
    var input = el('input', { id: id, type: 'number', inputmode: 'numeric', min: String(range[0]), max: String(range[1]), step: '1', value: String(value) });
    input.addEventListener('input', function () { onChange(input.value === '' ? NaN : Number(input.value)); });
    var error = el('span', { id: id + '-error', className: 'rb-field-error', 'aria-live': 'polite' });
    fields.push({ input: input, error: error });
    return el('p', { className: 'rb-field' }, [el('label', { for: id, text: label }), input, error]);
  }

  function inRange(value, range) {
    return Number.isInteger(value) && value >= range[0] && value <= range[1];
  }

  // Each dose error next to its field: the field is marked invalid and described by the error.
  Builder.prototype.showFieldErrors = function () {
    var limits = link.LIMITS;
    this.fields.forEach(function (f, index) {
      var item = f.item;
      var n = index + 1;
      var repsWords = t('link_bad_repetitions', { n: n });
      var order = item.repsMin > item.repsMax; // the message is on both: either may be the slip
      var errors = {
        hold: inRange(item.hold, limits.hold) ? '' : t('link_bad_hold', { n: n }),
        min: order || !inRange(item.repsMin, limits.reps) ? repsWords : '',
        max: order || !inRange(item.repsMax, limits.reps) ? repsWords : '',
        times: inRange(item.times, limits.times) ? '' : t('link_bad_times', { n: n })
      };
      f.numbers.forEach(function (field) {
        var error = errors[field.input.id.split('-').pop()]; // rb-<index>-<hold|min|max|times>
        field.error.textContent = error;
        if (error) {
          field.input.setAttribute('aria-invalid', 'true');
          field.input.setAttribute('aria-describedby', field.error.id);
        } else {
          field.input.removeAttribute('aria-invalid');
          field.input.removeAttribute('aria-describedby');
        }
      });
    });
  };

  Builder.prototype.renderChosen = function (focusIndex, focusAction) {
    var self = this;
    var limits = link.LIMITS;
    this.empty.hidden = this.chosen.length > 0;
    this.fields = [];
    this.markAdded();
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
      var up = button('up', t('builder_move_up'), function () { self.move(index, -1, 'up'); });
      var down = button('down', t('builder_move_down'), function () { self.move(index, 1, 'down'); });
      up.disabled = index === 0;
      down.disabled = index === self.chosen.length - 1;
      var numbers = [];
      self.fields.push({ item: item, numbers: numbers });
      // An exact number of repeats is one field; "a range" adds "at most" (reps min = max).
      if (item.range === undefined) item.range = item.repsMin !== item.repsMax;
      var range = el('input', { id: id + '-range', type: 'checkbox', 'data-action': 'range' });
      range.checked = item.range;
      range.addEventListener('change', function () {
        item.range = range.checked;
        if (!item.range) item.repsMax = item.repsMin;
        self.renderChosen(index, 'range');
      });
      var maxField = numberField(id + '-max', t('builder_reps_max'), item.repsMax, limits.reps, function (v) { item.repsMax = v; self.update(); }, numbers);
      maxField.hidden = !item.range;
      var note = el('input', { id: id + '-note', type: 'text', maxlength: String(limits.note), value: item.note });
      note.addEventListener('input', function () { item.note = note.value; self.update(); });
      return el('li', { className: 'rb-item' }, [
        el('h3', { text: s.title }),
        el('div', { className: 'rb-fields' }, [
          numberField(id + '-hold', t('builder_hold'), item.hold, limits.hold, function (v) { item.hold = v; self.update(); }, numbers),
          numberField(id + '-min', t(item.range ? 'builder_reps_min' : 'builder_reps_exact'), item.repsMin, limits.reps, function (v) {
            item.repsMin = v;
            if (!item.range) item.repsMax = v;
            self.update();
          }, numbers),
          maxField,
          numberField(id + '-times', t('builder_times'), item.times, limits.times, function (v) { item.times = v; self.update(); }, numbers)
        ]),
        el('p', { className: 'rb-range' }, [range, ' ', el('label', { for: id + '-range', text: t('builder_reps_range') })]),
        el('p', { className: 'rb-field rb-field--wide' }, [el('label', { for: id + '-note', text: t('builder_stretch_note') }), note]),
        el('p', { className: 'rb-buttons' }, [up, ' ', down, ' ', button('remove', t('builder_remove'), function () { self.remove(index); })])
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

  // The patient's page in another language: only the stretches that language has yet.
  Builder.prototype.chooseLanguage = function (code) {
    var self = this;
    this.language = code;
    this.theirs = null;
    if (code === this.catalogue.language) return this.update();
    var url = new URL(ui.languageUrl(this.catalogue, code, 'assets/routine-library.json'));
    this.update();
    ui.fetchLibrary(url).then(function (theirs) {
      if (self.language === code) { self.theirs = link.lookup(theirs); self.update(); }
    }, function () { /* the link is checked against this language's stretches only */ });
  };

  Builder.prototype.update = function () {
    var routine = { note: this.note, stretches: this.chosen };
    var hash = link.encode(routine);
    var checked = this.chosen.length ? link.decode(hash, this.library) : { ok: false, errors: [{ key: 'builder_none_chosen' }] };
    var theirs = this.theirs;
    var missing = theirs ? this.chosen.filter(function (item) { return !Object.prototype.hasOwnProperty.call(theirs, item.slug); }) : [];
    if (checked.ok && missing.length) {
      var language = this.languageField.options[this.languageField.selectedIndex].text;
      var library = this.library;
      checked = { ok: false, errors: missing.map(function (item) { return { key: 'builder_not_in_language', title: library[item.slug].title, language: language }; }) };
    }
    // A note the patient page would leave out is refused here.
    if (checked.ok && checked.withheld.length) checked = { ok: false, errors: checked.withheld };
    var url = ui.languageUrl(this.catalogue, this.language, 'my-routine/') + hash;
    // A link that does not fit the printed QR code is refused here, so no stale code stays.
    var code = checked.ok ? ui.qrSvg(url, t('builder_qr_code')) : null;
    if (checked.ok && !code) checked = { ok: false, errors: [{ key: 'builder_too_long_for_code' }] };
    this.shareProblems.replaceChildren.apply(this.shareProblems, checked.ok ? [] : checked.errors.map(function (e) { return el('li', { text: t(e.key, e) }); }));
    this.shareSummary.hidden = checked.ok;
    this.showFieldErrors();
    this.share.hidden = !checked.ok;
    this.qr.replaceChildren.apply(this.qr, code ? [code] : []);
    // The time each routine takes, as the patient's page says it; only for doses that are valid.
    this.total.hidden = !checked.ok;
    // Only a routine that makes a link is remembered; while a field is being retyped the
    // address keeps the last good one.
    if (!this.chosen.length) this.remember('');
    if (!checked.ok) return;
    this.remember(hash);
    this.total.textContent = ui.routineTimeWords(checked.routine.stretches, this.catalogue);
    this.linkField.value = url;
    this.openLink.setAttribute('href', url);
  };

  Builder.prototype.copy = function () {
    var self = this;
    var text = this.linkField.value;
    function fallback() {
      self.linkField.select();
      self.copySay(t('builder_copy_yourself'));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { self.copySay(t('builder_copied')); }, fallback);
    } else {
      fallback();
    }
  };

  function start() {
    var mount = document.getElementById('routine-builder');
    if (!mount || mount.getAttribute('data-ready')) return;
    mount.setAttribute('data-ready', 'true');
    ui.loadLibrary(mount).then(function (catalogue) { new Builder(mount, catalogue); }).catch(function () {
      mount.replaceChildren(el('p', { role: 'alert', text: t('builder_no_library') }));
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
