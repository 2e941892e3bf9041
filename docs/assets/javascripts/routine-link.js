/*
 * Routine links: a clinician's routine, encoded after the # of a link to /my-routine/.
 *
 * Browsers never send the part after # to a server, so the routine is neither sent nor stored.
 * Format (version 2):  #v=2&s=ITEM,ITEM,...&n=NOTE&n1=NOTE&n2=NOTE
 *   ITEM  = slug:hold:min-max:times, every number always written
 *   n     = a note for the whole routine;  nK = a note for stretch K (counting from 1)
 * A printed link must mean the same for ever, whatever the content's defaults become, so a
 * link carries its whole dose. Version 1 links (ITEM = slug, or slug:hold:min-max:times with
 * any of the numbers left out) left out the numbers that equalled the stretch's defaults of the
 * time; they are read with those defaults, frozen in V1_DEFAULTS, never with today's.
 * Every value is checked against the stretch library and the limits below; the decoder never
 * throws, whatever the input. Works in browsers (window.RoutineLink) and in Node (tests).
 * Errors are {key, n}: the key of their words in the site's strings, and the stretch's number
 * (or the limit) that the words name.
 */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.RoutineLink = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var LIMITS = {
    maxLength: 4000,
    maxStretches: 20,
    hold: [1, 300],
    reps: [1, 50],
    times: [1, 6],
    note: 200
  };
  var VERSION = '2';
  // The defaults of every stretch while the builder wrote version 1 links (it left these
  // numbers out of the link). Never change them: printed links depend on them.
  var V1_DEFAULTS = Object.freeze({ hold: 30, repsMin: 5, repsMax: 10, times: 1 });
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var NUMBER = /^[0-9]{1,4}$/;

  function reason(key, n) {
    return { key: key, n: n };
  }

  function plainText(text) {
    // Printable text only: no control characters, collapsed spaces.
    return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/\s+/g, ' ').trim();
  }

  function inRange(value, range) {
    return typeof value === 'number' && value >= range[0] && value <= range[1];
  }

  function readNumber(text) {
    return NUMBER.test(text) ? parseInt(text, 10) : NaN;
  }

  function parseParams(text) {
    var params = {};
    var parts = text.split('&');
    for (var i = 0; i < parts.length; i += 1) {
      if (!parts[i]) continue;
      var at = parts[i].indexOf('=');
      var key = at < 0 ? parts[i] : parts[i].slice(0, at);
      var value = at < 0 ? '' : parts[i].slice(at + 1);
      if (!/^(v|s|n|n[1-9][0-9]?)$/.test(key)) return { error: reason('link_unknown_part') };
      if (Object.prototype.hasOwnProperty.call(params, key)) return { error: reason('link_repeated_part') };
      try {
        params[key] = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch (e) {
        return { error: reason('link_unreadable_part') };
      }
    }
    return { params: params };
  }

  /*
   * decode(hash, library) -> {ok: true, routine} | {ok: false, empty?, errors: [{key, n}, ...]}
   * library: {slug: ...}, the stretches on the site (their defaults are not read: see above)
   */
  function decode(hash, library) {
    try {
      return decodeUnsafe(String(hash == null ? '' : hash), library || {});
    } catch (e) {
      return { ok: false, errors: [reason('link_unreadable')] };
    }
  }

  function decodeUnsafe(hash, library) {
    var text = hash.charAt(0) === '#' ? hash.slice(1) : hash;
    if (!text) return { ok: false, empty: true, errors: [reason('link_empty')] };
    if (text.length > LIMITS.maxLength) return { ok: false, errors: [reason('link_too_long')] };
    var parsed = parseParams(text);
    if (parsed.error) return { ok: false, errors: [parsed.error] };
    var params = parsed.params;
    if (params.v !== '1' && params.v !== VERSION) {
      return { ok: false, errors: [reason('link_wrong_version')] };
    }
    // Version 1 could leave a number out (it meant V1_DEFAULTS); version 2 writes them all.
    var omitted = params.v === '1' ? V1_DEFAULTS : { hold: NaN, repsMin: NaN, repsMax: NaN, times: NaN };
    var items = (params.s || '').split(',').filter(function (item) { return item !== ''; });
    var errors = [];
    if (!items.length) errors.push(reason('link_no_stretches'));
    if (items.length > LIMITS.maxStretches) {
      return { ok: false, errors: [reason('link_too_many', LIMITS.maxStretches)] };
    }
    var stretches = [];
    items.forEach(function (item, index) {
      var n = index + 1;
      var fields = item.split(':');
      var slug = fields[0];
      if (fields.length > 4 || !SLUG.test(slug) || !Object.prototype.hasOwnProperty.call(library, slug)) {
        errors.push(reason('link_unknown_stretch', n));
        return;
      }
      var hold = fields[1] ? readNumber(fields[1]) : omitted.hold;
      var reps = fields[2] ? fields[2].split('-') : [];
      var repsMin = reps.length ? readNumber(reps[0]) : omitted.repsMin;
      var repsMax = reps.length ? readNumber(reps.length === 2 ? reps[1] : reps[0]) : omitted.repsMax;
      var times = fields[3] ? readNumber(fields[3]) : omitted.times;
      if (!inRange(hold, LIMITS.hold)) {
        errors.push(reason('link_bad_hold', n));
      }
      if (reps.length > 2 || !inRange(repsMin, LIMITS.reps) || !inRange(repsMax, LIMITS.reps) || repsMin > repsMax) {
        errors.push(reason('link_bad_repetitions', n));
      }
      if (!inRange(times, LIMITS.times)) {
        errors.push(reason('link_bad_times', n));
      }
      var note = plainText(params['n' + n] || '');
      if (note.length > LIMITS.note) errors.push(reason('link_long_note', n));
      stretches.push({ slug: slug, hold: hold, repsMin: repsMin, repsMax: repsMax, times: times, note: note });
    });
    Object.keys(params).forEach(function (key) {
      var k = /^n([0-9]+)$/.exec(key);
      if (k && (parseInt(k[1], 10) > items.length)) errors.push(reason('link_stray_note'));
    });
    var routineNote = plainText(params.n || '');
    if (routineNote.length > LIMITS.note) errors.push(reason('link_long_routine_note'));
    if (errors.length) return { ok: false, errors: errors };
    return { ok: true, routine: { note: routineNote, stretches: stretches } };
  }

  /* encode(routine) -> "#v=2&s=..." ; every number is written, so the link never depends on
   * the stretches' defaults. */
  function encode(routine) {
    var items = routine.stretches.map(function (item) {
      return [item.slug, item.hold, item.repsMin + '-' + item.repsMax, item.times].join(':');
    });
    var hash = '#v=' + VERSION + '&s=' + items.join(',');
    if (routine.note) hash += '&n=' + encodeURIComponent(plainText(routine.note));
    routine.stretches.forEach(function (item, index) {
      if (item.note) hash += '&n' + (index + 1) + '=' + encodeURIComponent(plainText(item.note));
    });
    return hash;
  }

  /* The library JSON's stretch list as the lookup decode() takes. */
  function lookup(catalogue) {
    var byslug = {};
    (catalogue.stretches || []).forEach(function (s) { byslug[s.slug] = s; });
    return byslug;
  }

  return { decode: decode, encode: encode, lookup: lookup, plainText: plainText, LIMITS: LIMITS };
});
