/*
 * Shared by the routine builder and the patient's routine page: DOM building (textContent
 * only, never markup from data), the stretch library, the site's words and QR codes.
 */
(function () {
  'use strict';

  // The scripts' words: the page's site-strings data block (pages/strings/en.yml, browser:).
  var WORDS = (function () {
    var node = document.getElementById('site-strings');
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  })();
  if (!WORDS) return; // without words the page keeps its no-script message

  // The words for `key` with {name}s filled in from `values`; a counted entry ({one, two,
  // other}) is chosen by values.n.
  function t(key, values) {
    values = values || {};
    var entry = WORDS[key];
    if (typeof entry !== 'string') entry = entry[{ 1: 'one', 2: 'two' }[values.n]] || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  // The words for `key` as text and nodes, for el()'s children: {name} becomes nodes[name].
  function tNodes(key, nodes) {
    return WORDS[key].split(/\{(\w+)\}/).map(function (part, i) { return i % 2 ? nodes[part] : part; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (name === 'className') node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function libraryUrl(mount) {
    return new URL(mount.getAttribute('data-library'), document.baseURI);
  }

  function loadLibrary(mount) {
    return fetchLibrary(libraryUrl(mount));
  }

  // A stretch library (assets/routine-library.json), this language's or another's.
  function fetchLibrary(url) {
    return fetch(url.href, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('library ' + response.status);
      return response.json();
    }).then(function (catalogue) {
      catalogue.base = new URL('../', url);  // the library lives in assets/, paths are from the root
      return catalogue;
    });
  }

  function siteUrl(catalogue, path) {
    return new URL(path, catalogue.base).href;
  }

  // The address of `path` in another of the site's languages (catalogue.languages): the same
  // path under that language's folder, from the site's root.
  function languageUrl(catalogue, code, path) {
    var languages = catalogue.languages || [];
    var prefix = function (c) {
      var found = languages.filter(function (l) { return l.code === c; })[0];
      return found ? found.prefix : '';
    };
    var up = prefix(catalogue.language).split('/').filter(Boolean).map(function () { return '../'; }).join('');
    return new URL(up + prefix(code) + path, catalogue.base).href;
  }

  // Dose words, as pages/dose.py writes them.
  function holdWords(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    var parts = [];
    if (m) parts.push(t('minutes', { n: m }));
    if (s) parts.push(t('seconds', { n: s }));
    return parts.join(' ');
  }

  function repeatWords(min, max) {
    return min === max ? t('times', { n: min }) : t('times_range', { min: min, max: max });
  }

  function timesWords(n) {
    return t('times_a_day', { n: n });
  }

  function doseSummary(item, bothSides) {
    var words = { hold: holdWords(item.hold), repeats: repeatWords(item.repsMin, item.repsMax) };
    return t(bothSides ? 'dose_summary_both_sides' : 'dose_summary', words);
  }

  // How long a routine takes each time, in words: counted by routine-link.js (which loads first
  // on every page that uses this) as pages/dose.py counts it, with the library's timing.
  function routineTimeWords(items, catalogue) {
    var library = {};
    catalogue.stretches.forEach(function (s) { library[s.slug] = s; });
    var minutes = window.RoutineLink.routineMinutes(items, library, catalogue.timing);
    return minutes[0] === minutes[1]
      ? t('routine_time_exact', { n: minutes[0] })
      : t('routine_time_range', { min: minutes[0], max: minutes[1] });
  }

  /* An <svg> QR code for text, built with DOM calls from the vendored qrcode-generator, with
   * the quiet zone of 4 light modules that scanners need; null when the text is more than a
   * code of the printable size holds (RoutineLink.LIMITS.qr). */
  function qrSvg(text, label) {
    var limit = window.RoutineLink.LIMITS.qr;
    var code = window.qrcode(0, limit.level);
    code.addData(text);
    try {
      code.make();
    } catch (e) {
      return null; // more than the largest code (version 40) holds
    }
    var count = code.getModuleCount();
    if (count > 17 + 4 * limit.version) return null;
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    var size = count + 8;
    svg.setAttribute('viewBox', '0 0 ' + size + ' ' + size);
    svg.setAttribute('class', 'qr-code');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
    var background = document.createElementNS(ns, 'rect');
    background.setAttribute('width', size);
    background.setAttribute('height', size);
    background.setAttribute('fill', '#fff');
    svg.appendChild(background);
    var d = '';
    for (var r = 0; r < count; r += 1) {
      for (var c = 0; c < count; c += 1) {
        if (code.isDark(r, c)) d += 'M' + (c + 4) + ' ' + (r + 4) + 'h1v1h-1z';
      }
    }
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', '#000');
    svg.appendChild(path);
    return svg;
  }

  window.RoutineUI = {
    t: t, tNodes: tNodes, el: el, loadLibrary: loadLibrary, fetchLibrary: fetchLibrary, siteUrl: siteUrl,
    languageUrl: languageUrl, holdWords: holdWords,
    repeatWords: repeatWords, timesWords: timesWords, doseSummary: doseSummary, qrSvg: qrSvg,
    routineTimeWords: routineTimeWords
  };
})();
