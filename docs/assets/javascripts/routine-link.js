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
 * Anyone can make a link, so a link can ask for nothing a clinician would not: the routine
 * takes no longer each time, and no longer a day, than the limits the stretch library sets
 * (limits.max_minutes_each_time and max_minutes_a_day, from hooks/stretchsite/pages/catalogue.py,
 * counted as pages/dose.py counts time). Notes are plain words: no web or e-mail addresses,
 * phone numbers, hidden direction marks, or the site's own help numbers (limits.help_numbers:
 * only the site's safety text says when to call them). A note that breaks a rule is left out
 * and listed in `withheld`, so a printed link keeps its routine; the builder refuses it.
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
    note: 200,
    // What a printed QR code may hold: the builder makes no link longer than a code of this
    // version at this error correction (version 20 at M: 666 bytes, 97 modules a side, so
    // 0.38 mm a module in the 40 mm printed code with its quiet zone). Level M corrects damage
    // to up to 15% of a crumpled handout's code.
    qr: { version: 20, level: 'M' }
  };
  var VERSION = '2';
  // The defaults of every stretch while the builder wrote version 1 links (it left these
  // numbers out of the link). Never change them: printed links depend on them.
  var V1_DEFAULTS = Object.freeze({ hold: 30, repsMin: 5, repsMax: 10, times: 1 });
  var RULES = '_rules'; // not a slug (SLUG has no _), so never a stretch's name
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

  // What a note may not hold. Checked on the note as a patient would read it (NFKC: full-width
  // digits and dots count), after control characters became spaces.
  var NOTE_RULES = [
    // Bidirectional and invisible direction marks: they can make a note read backwards.
    { key: 'link_note_hidden', test: /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/, raw: true },
    { key: 'link_note_email', test: /[^\s@]+@[^\s@]+/ },
    // A web address: a scheme, www., or a domain such as example.com or nhs.uk.
    { key: 'link_note_link', test: /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i },
    // A phone number: 7 or more digits, with spaces, dashes, dots or brackets between them.
    { key: 'link_note_phone', test: /\d(?:[\s().-]*\d){6,}/ }
  ];

  // The site's own help numbers (999, 111: limits.help_numbers) as whole numbers, spaces allowed
  // between digits. Only the site's safety text says when to call them: a note cannot.
  function namesNumber(text, number) {
    var digits = String(number).replace(/\D/g, '');
    if (!digits) return false;
    return new RegExp('(^|\\D)' + digits.split('').join('[\\s().-]*') + '(\\D|$)').test(text);
  }

  function noteProblem(raw, helpNumbers) {
    var text = plainText(raw);
    var read = text.normalize ? text.normalize('NFKC') : text;
    for (var i = 0; i < NOTE_RULES.length; i += 1) {
      if (NOTE_RULES[i].test.test(NOTE_RULES[i].raw ? raw : read)) return NOTE_RULES[i].key;
    }
    for (var k = 0; k < helpNumbers.length; k += 1) {
      if (namesNumber(read, helpNumbers[k])) return 'link_note_help_number';
    }
    return null;
  }

  // How long a stretch takes at `repeats` repeats, as pages/dose.py counts it (Dose.seconds).
  function stretchSeconds(item, bothSides, timing, repeats) {
    var sides = bothSides ? 2 : 1;
    return sides * repeats * (timing.lead_in_seconds + item.hold) +
      (sides - 1) * timing.side_change_seconds + timing.stretch_change_seconds;
  }

  // How many minutes a routine takes each time, at the fewest and the most repeats
  // (dose.py routine_minutes). items: [{slug, hold, repsMin, repsMax}], as decode gives them.
  function routineMinutes(items, library, timing) {
    var shortest = 0;
    var longest = 0;
    items.forEach(function (item) {
      var bothSides = library[item.slug].both_sides;
      shortest += stretchSeconds(item, bothSides, timing, item.repsMin);
      longest += stretchSeconds(item, bothSides, timing, item.repsMax);
    });
    return [Math.ceil(shortest / 60), Math.ceil(longest / 60)];
  }

  // Minutes a day at the most repeats, every time a day (catalogue.py daily_minutes).
  function dailyMinutes(stretches, library, timing) {
    var seconds = 0;
    stretches.forEach(function (item) {
      seconds += stretchSeconds(item, library[item.slug].both_sides, timing, item.repsMax) * item.times;
    });
    return Math.ceil(seconds / 60);
  }

  // The first limit on time the routine goes past, as an error; null when it keeps to them.
  function timeProblem(stretches, library, rules) {
    if (!rules || !rules.limits || !rules.timing) return null;
    var each = routineMinutes(stretches, library, rules.timing)[1];
    if (each > rules.limits.max_minutes_each_time) {
      return { key: 'link_too_long_each_time', n: rules.limits.max_minutes_each_time, minutes: each };
    }
    var daily = dailyMinutes(stretches, library, rules.timing);
    if (daily > rules.limits.max_minutes_a_day) {
      return { key: 'link_too_long_a_day', n: rules.limits.max_minutes_a_day, minutes: daily };
    }
    return null;
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
   * decode(hash, library) -> {ok: true, routine, withheld: [{key, n}, ...]}
   *                        | {ok: false, empty?, errors: [{key, n}, ...]}
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
    var rules = library[RULES];
    var helpNumbers = (rules && rules.limits && rules.limits.help_numbers) || [];
    if (params.v !== '1' && params.v !== VERSION) {
      return { ok: false, errors: [reason('link_wrong_version')] };
    }
    // Version 1 could leave a number out (it meant V1_DEFAULTS); version 2 writes them all.
    var omitted = params.v === '1' ? V1_DEFAULTS : { hold: NaN, repsMin: NaN, repsMax: NaN, times: NaN };
    var items = (params.s || '').split(',').filter(function (item) { return item !== ''; });
    var errors = [];
    var withheld = []; // notes left out, as {key, n}: n is the stretch's number, if any
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
      var wrong = noteProblem(params['n' + n] || '', helpNumbers);
      if (wrong) {
        withheld.push(reason(wrong, n));
        note = '';
      }
      stretches.push({ slug: slug, hold: hold, repsMin: repsMin, repsMax: repsMax, times: times, note: note });
    });
    Object.keys(params).forEach(function (key) {
      var k = /^n([0-9]+)$/.exec(key);
      if (k && (parseInt(k[1], 10) > items.length)) errors.push(reason('link_stray_note'));
    });
    var routineNote = plainText(params.n || '');
    if (routineNote.length > LIMITS.note) errors.push(reason('link_long_routine_note'));
    var wrongNote = noteProblem(params.n || '', helpNumbers);
    if (wrongNote) {
      withheld.push(reason(wrongNote));
      routineNote = '';
    }
    if (errors.length) return { ok: false, errors: errors };
    var tooLong = timeProblem(stretches, library, rules);
    if (tooLong) return { ok: false, errors: [tooLong] };
    return { ok: true, routine: { note: routineNote, stretches: stretches }, withheld: withheld };
  }

  // A note in a link: spaces as +, the shortest way (decode reads + as a space, and a real +
  // is written %2B), so more words fit the QR code.
  function encodeNote(note) {
    return encodeURIComponent(plainText(note)).replace(/%20/g, '+');
  }

  /* encode(routine) -> "#v=2&s=..." ; every number is written, so the link never depends on
   * the stretches' defaults. */
  function encode(routine) {
    var items = routine.stretches.map(function (item) {
      return [item.slug, item.hold, item.repsMin + '-' + item.repsMax, item.times].join(':');
    });
    var hash = '#v=' + VERSION + '&s=' + items.join(',');
    if (routine.note) hash += '&n=' + encodeNote(routine.note);
    routine.stretches.forEach(function (item, index) {
      if (item.note) hash += '&n' + (index + 1) + '=' + encodeNote(item.note);
    });
    return hash;
  }

  /* The library JSON's stretch list as the lookup decode() takes, with the library's limits and
   * timing under a name no slug can have (and that no listing shows). */
  function lookup(catalogue) {
    var byslug = {};
    (catalogue.stretches || []).forEach(function (s) { byslug[s.slug] = s; });
    Object.defineProperty(byslug, RULES, { value: { limits: catalogue.limits, timing: catalogue.timing } });
    return byslug;
  }

  return {
    decode: decode, encode: encode, lookup: lookup, plainText: plainText, LIMITS: LIMITS,
    routineMinutes: routineMinutes
  };
});
