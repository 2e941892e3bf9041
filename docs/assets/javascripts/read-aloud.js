/*
 * Read aloud: a Listen button on stretch pages, routine pages and the patient's shared routine
 * (/my-routine/, once routine-view.js has shown it), that reads the page with the browser's own
 * voice (window.speechSynthesis; no other service, nothing sent anywhere by this script).
 *
 * What is read, in this order, one part at a time:
 *   - the page's warning (.stretch-warning), always first;
 *   - on a stretch page: the start position, then each step, then how to do the other side;
 *   - on a routine: for each stretch (.routine-stretch) in order, its name, its own warning and
 *     cautions (.stretch-cautions), its start position, each step, and how to do the other side.
 * The start position is the paragraph that begins with the catalogue's words for it (bold
 * "Start position:"), its steps the numbered list right after it, and the other side the
 * paragraph after that which says the catalogue's words for it: the same words the templates
 * and routine-view.js write, so no extra markup is needed.
 *
 * The button is only added when the browser can speak AND has a voice for the page's language
 * (<html lang>, matched on its first part: "es" matches "es-ES" and "es-MX"); voices load late,
 * so it waits for `voiceschanged`. Otherwise nothing is shown. Nothing is spoken until the
 * patient presses Listen; speech stops on Stop, on pressing Listen again, on Escape, when the page
 * is hidden (paused) or left. Anything still speaking is cancelled before each new utterance.
 *
 * While reading, the part being read gets the class read-aloud-current (read-aloud.css) and is
 * scrolled gently into view; a polite status says only which part it is ("Reading step 2 of 5"),
 * never the text itself, so it never repeats what a screen reader says. Pause cancels the speech
 * and Resume starts the same sentence again (speechSynthesis.pause() does not work everywhere).
 *
 * Every word comes from the page's site-strings data block (pages/strings/en.yml, browser:);
 * without it nothing is added. No markup strings: createElement and textContent only.
 */
(function () {
  'use strict';

  var CHUNK_CHARS = 220; // sentences are spoken together up to this length (long ones alone)
  var BLOCKS = 'h1,h2,h3,h4,h5,h6,p,li,dt,dd';

  var synth = window.speechSynthesis;
  if (!synth || typeof synth.speak !== 'function' || typeof synth.getVoices !== 'function') return;
  if (typeof window.SpeechSynthesisUtterance !== 'function') return;

  /* ---------- Words ---------- */

  var WORDS = (function () {
    var node = document.getElementById('site-strings');
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  })();
  if (!WORDS) return;

  // The words for `key` with {name}s filled in from `values`; a counted entry ({one, two,
  // other}) is chosen by values.n.
  function t(key, values) {
    values = values || {};
    var entry = WORDS[key];
    if (typeof entry !== 'string') entry = entry[{ 1: 'one', 2: 'two' }[values.n]] || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  /* ---------- Language and voice ---------- */

  function pageLang() {
    return (document.documentElement.getAttribute('lang') || '').trim();
  }

  function normalTag(tag) {
    return String(tag || '').replace(/_/g, '-').toLowerCase();
  }

  function primary(tag) {
    return normalTag(tag).split('-')[0];
  }

  // A voice for the page's language, or null: only voices on the device itself, whose words
  // never leave it (a browser's network voices send the text to another server). Of several,
  // the reader's own default voice first, then the exact region.
  function pickVoice() {
    var lang = pageLang();
    var want = primary(lang);
    if (!want) return null;
    var voices;
    try { voices = synth.getVoices() || []; } catch (e) { voices = []; }
    var best = null;
    var bestScore = -1;
    Array.prototype.forEach.call(voices, function (voice) {
      if (!voice || voice.localService === false || primary(voice.lang) !== want) return;
      var score = (voice['default'] ? 2 : 0) +
        (normalTag(voice.lang) === normalTag(lang) ? 1 : 0);
      if (score > bestScore) {
        best = voice;
        bestScore = score;
      }
    });
    return best;
  }

  /* ---------- Finding what to read ---------- */

  function clean(text) {
    return String(text).replace(/\s+/g, ' ').trim();
  }

  // Not read: what is hidden from everyone, and pictures' code.
  function skipped(node) {
    return node.nodeType === 1 && (node.hidden || node.getAttribute('aria-hidden') === 'true' ||
      /^(script|style|template|svg)$/i.test(node.tagName));
  }

  function textOf(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 || skipped(node)) return '';
    var out = '';
    for (var child = node.firstChild; child; child = child.nextSibling) out += textOf(child);
    return out;
  }

  function hiddenWithin(node, root) {
    for (; node && node !== root; node = node.parentNode) if (skipped(node)) return true;
    return false;
  }

  // The words of `root`, block by block (headings, paragraphs, list items), each ending like a
  // sentence so that the voice stops between them.
  function blockTexts(root) {
    var blocks = Array.prototype.filter.call(root.querySelectorAll(BLOCKS), function (block) {
      return !block.querySelector(BLOCKS) && !hiddenWithin(block, root);
    });
    if (!blocks.length) blocks = [root];
    return blocks.map(function (block) {
      var text = clean(textOf(block));
      return text && !/[.!?:;\u2026]$/.test(text) ? text + '.' : text;
    }).filter(Boolean);
  }

  // Texts cut into pieces of a few sentences: some voices stop by themselves after about 15
  // seconds of one utterance, and Pause then Resume starts the piece again, not the whole part.
  function chunks(texts) {
    var sentences = [];
    texts.forEach(function (text) {
      var re = /[.!?\u2026]["'\u201d\u2019)\u00bb]*\s+/g;
      var last = 0;
      var match;
      while ((match = re.exec(text))) {
        sentences.push(text.slice(last, re.lastIndex).trim());
        last = re.lastIndex;
      }
      if (last < text.length) sentences.push(text.slice(last).trim());
    });
    var out = [];
    sentences.forEach(function (sentence) {
      var end = out.length - 1;
      if (end >= 0 && out[end].length + 1 + sentence.length <= CHUNK_CHARS) out[end] += ' ' + sentence;
      else out.push(sentence);
    });
    return out;
  }

  function part(el, kind, texts, n, total) {
    return { el: el, kind: kind, chunks: chunks(texts), n: n || 0, total: total || 0 };
  }

  function startParagraph(scope) {
    var label = clean(t('start_position'));
    var found = null;
    Array.prototype.some.call(scope.querySelectorAll('p'), function (p) {
      var first = p.firstElementChild;
      if (first && first.tagName === 'STRONG' && clean(first.textContent) === label &&
          clean(p.textContent).indexOf(label) === 0) {
        found = p;
      }
      return Boolean(found);
    });
    return found;
  }

  // The start position, the steps one by one, and how to do the other side, found in `scope`.
  function addSteps(scope, parts) {
    var start = startParagraph(scope);
    if (!start) return;
    parts.push(part(start, 'start', [clean(textOf(start))]));
    var list = start.nextElementSibling;
    if (!list || list.tagName !== 'OL') return;
    var steps = Array.prototype.filter.call(list.children, function (item) {
      return item.tagName === 'LI' && clean(textOf(item));
    });
    steps.forEach(function (item, i) {
      var said = t('read_aloud_step_said', { n: i + 1, text: blockTexts(item).join(' ') });
      parts.push(part(item, 'step', [said], i + 1, steps.length));
    });
    var sides = list.nextElementSibling;
    if (sides && sides.tagName === 'P' && clean(textOf(sides)) === clean(t('repeat_other_side'))) {
      parts.push(part(sides, 'sides', [clean(textOf(sides))]));
    }
  }

  function article() {
    return document.querySelector('article') || document.body;
  }

  // Everything to read, in order; nothing unless the page has its warning first and steps.
  function collectParts() {
    var scope = article();
    var warning = scope && scope.querySelector('.stretch-warning');
    if (!warning) return [];
    var parts = [part(warning, 'warning', blockTexts(warning))];
    if (!parts[0].chunks.length) return [];
    var sections = scope.querySelectorAll('.routine-stretch');
    if (sections.length) {
      Array.prototype.forEach.call(sections, function (section, i) {
        var heading = section.querySelector('h2,h3');
        if (heading) parts.push(part(heading, 'name', [clean(textOf(heading))], i + 1, sections.length));
        var cautions = section.querySelector('.stretch-cautions');
        if (cautions) parts.push(part(cautions, 'cautions', blockTexts(cautions)));
        addSteps(section, parts);
      });
    } else {
      addSteps(scope, parts);
    }
    var hasSteps = parts.some(function (p) { return p.kind === 'step'; });
    return hasSteps ? parts.filter(function (p) { return p.chunks.length; }) : [];
  }

  /* ---------- The control ---------- */

  var ui = null; // { root, listen, controls, pause, previous, next, stop, live }
  var voice = null;
  var parts = [];
  var index = 0;
  var chunk = 0;
  var mode = 'idle'; // idle | reading | paused
  var utterance = null; // the one utterance whose events count (kept: some browsers drop the
  // events of an utterance nothing refers to)
  var current = null; // the highlighted element

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(modifier, text) {
    var node = el('button', 'read-aloud__button read-aloud__button--' + modifier, text);
    node.type = 'button';
    return node;
  }

  function build(warning) {
    var root = el('div', 'read-aloud');
    root.setAttribute('role', 'group');
    root.setAttribute('aria-label', t('read_aloud_label'));
    var listen = button('listen', t('read_aloud_listen'));
    listen.setAttribute('aria-pressed', 'false');
    var controls = el('div', 'read-aloud__controls');
    controls.hidden = true;
    var pause = button('pause', t('read_aloud_pause'));
    var previous = button('previous', t('read_aloud_previous'));
    var next = button('next', t('read_aloud_next'));
    var stop = button('stop', t('read_aloud_stop'));
    [pause, previous, next, stop].forEach(function (b) { controls.appendChild(b); });
    // One polite status, present (and empty) before anything is said; .visually-hidden: site.css
    var live = el('p', 'read-aloud__status visually-hidden');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    root.appendChild(listen);
    root.appendChild(controls);
    root.appendChild(live);

    listen.addEventListener('click', function () {
      if (mode === 'idle') start();
      else end(t('read_aloud_stopped'));
    });
    pause.addEventListener('click', function () {
      if (mode === 'reading') pauseReading();
      else if (mode === 'paused') resume();
    });
    previous.addEventListener('click', function () {
      if (mode !== 'idle') goTo(Math.max(0, index - 1));
    });
    next.addEventListener('click', function () {
      if (mode === 'idle') return;
      if (index + 1 < parts.length) goTo(index + 1);
      else end(t('read_aloud_finished'));
    });
    stop.addEventListener('click', function () { end(t('read_aloud_stopped')); });
    root.addEventListener('keydown', function (event) {
      if (mode !== 'idle' && /^Esc(ape)?$/.test(event.key)) {
        event.preventDefault();
        end(t('read_aloud_stopped'));
      }
    });

    warning.parentNode.insertBefore(root, warning.nextSibling);
    ui = { root: root, listen: listen, controls: controls, pause: pause, previous: previous, next: next, stop: stop, live: live };
  }

  // The same words twice in a row get a no-break space, so that screen readers say them again.
  function announce(message) {
    if (ui.live.textContent === message) message += '\u00a0';
    ui.live.textContent = message;
  }

  function partStatus(p) {
    switch (p.kind) {
      case 'warning': return t('read_aloud_reading_warning');
      case 'name': return t('read_aloud_reading_stretch', { n: p.n, total: p.total });
      case 'cautions': return t('read_aloud_reading_cautions');
      case 'start': return t('read_aloud_reading_start');
      case 'step': return t('read_aloud_reading_step', { n: p.n, total: p.total });
      default: return t('read_aloud_reading_sides');
    }
  }

  function highlight(node) {
    if (current && current !== node) current.classList.remove('read-aloud-current');
    current = node;
    if (!node) return;
    node.classList.add('read-aloud-current');
    var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (typeof node.scrollIntoView === 'function') {
      try {
        node.scrollIntoView({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
      } catch (e) {
        node.scrollIntoView(false);
      }
    }
  }

  // Cancel whatever is speaking or waiting: events from it no longer count.
  function silence() {
    utterance = null;
    try { synth.cancel(); } catch (e) { /* nothing was speaking */ }
  }

  function speak() {
    var said = new window.SpeechSynthesisUtterance(parts[index].chunks[chunk]);
    said.lang = pageLang();
    if (voice) said.voice = voice;
    said.onend = function () {
      if (said === utterance) afterChunk();
    };
    said.onerror = function (event) {
      if (said !== utterance) return;
      var error = event && event.error;
      if (error === 'interrupted' || error === 'canceled') return;
      end(t('read_aloud_failed'));
    };
    silence(); // cancel before each new utterance
    utterance = said;
    synth.speak(said);
  }

  function afterChunk() {
    if (mode !== 'reading') return;
    if (chunk + 1 < parts[index].chunks.length) {
      chunk += 1;
      speak();
    } else if (index + 1 < parts.length) {
      goTo(index + 1);
    } else {
      end(t('read_aloud_finished'));
    }
  }

  function setPauseLabel(key) {
    var label = t(key);
    if (ui.pause.textContent !== label) ui.pause.textContent = label;
  }

  function goTo(i) {
    index = i;
    chunk = 0;
    mode = 'reading';
    setPauseLabel('read_aloud_pause');
    highlight(parts[index].el);
    announce(partStatus(parts[index]));
    speak();
  }

  function start() {
    var found = pickVoice();
    if (found) voice = found;
    parts = collectParts();
    if (!parts.length || !voice) return;
    ui.listen.setAttribute('aria-pressed', 'true');
    ui.controls.hidden = false;
    ui.root.classList.add('read-aloud--active');
    goTo(0);
  }

  function pauseReading() {
    mode = 'paused';
    silence();
    setPauseLabel('read_aloud_resume');
    announce(t('read_aloud_paused'));
  }

  function resume() {
    if (!parts[index] || !parts[index].el.isConnected) {
      end(t('read_aloud_stopped'));
      return;
    }
    mode = 'reading';
    setPauseLabel('read_aloud_pause');
    announce(partStatus(parts[index]));
    speak();
  }

  // Stop reading and close the controls; `message` (if any) is said politely.
  function end(message) {
    silence();
    mode = 'idle';
    parts = [];
    index = 0;
    chunk = 0;
    highlight(null);
    if (!ui) return;
    var focusInside = ui.controls.contains(document.activeElement);
    ui.controls.hidden = true;
    ui.root.classList.remove('read-aloud--active');
    ui.listen.setAttribute('aria-pressed', 'false');
    setPauseLabel('read_aloud_pause');
    if (focusInside) ui.listen.focus();
    if (message) announce(message);
  }

  /* ---------- Keeping up with the page ---------- */

  // Add the button when there is something to read and a voice to read it; take it away when
  // either goes (the shared routine's link changed, voices went away) while nothing is read.
  function refresh() {
    if (ui && !ui.root.isConnected) {
      // A page that instant navigation replaced.
      if (mode !== 'idle') end('');
      ui = null;
    }
    if (mode !== 'idle' && !(parts[index] && parts[index].el.isConnected)) end(t('read_aloud_stopped'));
    var found = pickVoice();
    if (found) voice = found;
    if (mode !== 'idle') return;
    var readable = found ? collectParts() : [];
    if (readable.length && !ui) build(readable[0].el); // the warning: the control goes after it
    else if (!readable.length && ui) {
      ui.root.parentNode.removeChild(ui.root);
      ui = null;
    }
  }

  var pending = false;
  function refreshSoon() {
    if (pending) return;
    pending = true;
    window.setTimeout(function () {
      pending = false;
      refresh();
    }, 50);
  }

  // Changes the page makes itself (the shared routine shown, or shown again for a new link); the
  // timers' ticking and this control's own changes are not worth a look.
  var observer = null;
  var observed = null;
  function observe() {
    if (typeof window.MutationObserver !== 'function') return;
    var target = article();
    if (!target || target === observed) return;
    if (observer) observer.disconnect();
    observed = target;
    observer = new window.MutationObserver(function (records) {
      var relevant = records.some(function (record) {
        var node = record.target.nodeType === 1 ? record.target : record.target.parentNode;
        if (!node || !node.closest) return true;
        return !node.closest('.stretch-timer') && !node.closest('.read-aloud');
      });
      if (relevant) refreshSoon();
    });
    observer.observe(target, { childList: true, subtree: true });
  }

  if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', refresh);
  else synth.onvoiceschanged = refresh;

  // Leaving the page stops the voice; hiding it (another tab, the phone locked) pauses it, so
  // that Resume carries on from the same place.
  window.addEventListener('pagehide', function () {
    if (mode !== 'idle') end('');
    else silence();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && mode === 'reading') pauseReading();
  });
  // A hold timer's spoken cue ("Hold", "Relax") pauses the reading instead of being cut off by
  // it; Resume carries on (stretch-timer.js sends this event before it speaks).
  document.addEventListener('stretch-timer-speaks', function () {
    if (mode === 'reading') pauseReading();
  });
  window.addEventListener('pageshow', function () { refresh(); });

  var subscribed = false;
  function subscribeInstant() {
    var doc$ = window.document$;
    if (subscribed || !doc$ || typeof doc$.subscribe !== 'function') return;
    subscribed = true;
    doc$.subscribe(function () {
      observe();
      refresh();
    });
  }

  function boot() {
    observe();
    refresh();
    subscribeInstant();
  }

  subscribeInstant();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
