/*
 * Routine links: a clinician's routine, encoded after the # of a link to /my-routine/.
 *
 * Browsers never send the part after # to a server, so the routine is neither sent nor stored.
 * Format (version 1):  #v=1&s=ITEM,ITEM,...&n=NOTE&n1=NOTE&n2=NOTE
 *   ITEM  = slug, or slug:hold:min-max:times (any of hold, min-max, times may be empty)
 *   n     = a note for the whole routine;  nK = a note for stretch K (counting from 1)
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
   * library: {slug: {hold_seconds, reps_min, reps_max, times_per_day}}
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
    if (params.v !== '1') {
      return { ok: false, errors: [reason('link_wrong_version')] };
    }
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
      var known = library[slug];
      var hold = fields[1] ? readNumber(fields[1]) : known.hold_seconds;
      var reps = fields[2] ? fields[2].split('-') : [String(known.reps_min), String(known.reps_max)];
      var repsMin = readNumber(reps[0]);
      var repsMax = readNumber(reps.length === 2 ? reps[1] : reps[0]);
      var times = fields[3] ? readNumber(fields[3]) : known.times_per_day;
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

  /* encode(routine, library) -> "#v=1&s=..." ; values equal to the stretch's defaults are left out. */
  function encode(routine, library) {
    var items = routine.stretches.map(function (item) {
      var known = library[item.slug] || {};
      var hold = item.hold === known.hold_seconds ? '' : String(item.hold);
      var reps = item.repsMin === known.reps_min && item.repsMax === known.reps_max ? '' : item.repsMin + '-' + item.repsMax;
      var times = item.times === known.times_per_day ? '' : String(item.times);
      var fields = [item.slug, hold, reps, times];
      while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
      return fields.join(':');
    });
    var hash = '#v=1&s=' + items.join(',');
    if (routine.note) hash += '&n=' + encodeURIComponent(plainText(routine.note));
    routine.stretches.forEach(function (item, index) {
      if (item.note) hash += '&n' + (index + 1) + '=' + encodeURIComponent(plainText(item.note));
    });
    return hash;
  }

  /* The library JSON's stretch list as the lookup decode() and encode() take. */
  function lookup(catalogue) {
    var byslug = {};
    (catalogue.stretches || []).forEach(function (s) { byslug[s.slug] = s; });
    return byslug;
  }

  return { decode: decode, encode: encode, lookup: lookup, plainText: plainText, LIMITS: LIMITS };
});
