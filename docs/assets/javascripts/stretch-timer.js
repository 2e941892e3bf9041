/*
 * Stretch hold timer and repetition counter.
 *
 * Enhances every <div class="stretch-timer" data-lead-in-seconds data-hold-seconds data-reps-min
 * data-reps-max data-sides data-name> that the site's generator emits. Without JavaScript (or with
 * bad data) the fallback dose sentence inside it is left alone. With JavaScript the sentence stays
 * as the dose summary and the timer controls are added after it. Every word the timer shows or
 * says comes from the page's site-strings data block (pages/strings/en.yml); without it the
 * fallback sentence stays too.
 *
 * Each press of Start first counts down the lead-in (time to get into position, as the patient
 * may need both hands for the stretch), then the hold. A stretch done on both sides is done as
 * the steps and the dose box say: all the repeats on the right side, then the same number on the
 * left side.
 *
 * Each hold can also be heard and felt, for a patient lying on the floor with the phone out of
 * sight: a short tone when it starts and a different one when it ends (Web Audio, made in the
 * page, no sound files), optional spoken words from the browser's own speech ("Hold", "10 seconds
 * left", "Relax", in the page's language, only if the browser has a voice for it) and a vibration
 * where the phone has one. These add to the words for screen readers, which stay as they are.
 * Nothing makes a sound until Start is pressed: browsers let a page play sound only after a tap,
 * so the audio is woken only by a tap on Start or Resume, and nothing sounds on page load.
 *
 * No libraries, no network, no markup strings: the DOM is built with createElement and
 * textContent, and styles come from stretch-timer.css (the progress bar width is set through the
 * CSSOM, which a strict Content Security Policy allows). The only thing stored is the sound
 * choices, on this device, under one localStorage key (STORE_KEY), and only once the patient
 * changes one of them; with storage blocked the choices last until the page is left.
 */
(function () {
  'use strict';

  var HOLD_LIMIT = 600; // seconds
  var LEAD_IN_LIMIT = 30; // seconds
  var REPS_LIMIT = 50;
  var TICK_MS = 250;
  var HALFWAY_FROM = 20; // announce "Halfway" only for holds of at least this many seconds
  var FIVE_LEFT_FROM = 10; // announce "5 seconds left" only for holds of at least this many seconds
  var TEN_LEFT_FROM = 20; // say "10 seconds left" out loud only for holds of at least this long
  var CUE_LATE_MS = 2000; // a start or "10 seconds left" cue later than this (asleep) is not given
  var INIT_ATTR = 'data-stretch-timer-init';
  var STATE_ATTR = 'data-stretch-timer-state';

  var timers = new Set();
  var serial = 0; // numbers each timer's form controls' ids

  /* ---------- Reading the data attributes ---------- */

  // A whole number of at least 1, clamped to `limit`; anything else is null (bad value).
  function readCount(el, name, limit) {
    var raw = el.getAttribute(name);
    if (raw === null) return null;
    raw = raw.trim();
    if (!/^[0-9]{1,6}$/.test(raw)) return null;
    var n = parseInt(raw, 10);
    if (!(n >= 1)) return null;
    return Math.min(n, limit);
  }

  // The lead-in before each hold: a whole number of seconds, clamped to LEAD_IN_LIMIT. Missing or
  // bad means no lead-in (the patient gets into position before pressing Start).
  function readLeadIn(el) {
    var raw = (el.getAttribute('data-lead-in-seconds') || '').trim();
    if (!/^[0-9]{1,6}$/.test(raw)) return 0;
    return Math.min(parseInt(raw, 10), LEAD_IN_LIMIT);
  }

  function readSettings(el) {
    var hold = readCount(el, 'data-hold-seconds', HOLD_LIMIT);
    var min = readCount(el, 'data-reps-min', REPS_LIMIT);
    var max = readCount(el, 'data-reps-max', REPS_LIMIT);
    var sides = (el.getAttribute('data-sides') || '').trim();
    if (hold === null || min === null || max === null || min > max) return null;
    if (sides !== 'both' && sides !== 'one') return null;
    var name = (el.getAttribute('data-name') || '').replace(/\s+/g, ' ').trim().slice(0, 120);
    return {
      leadIn: readLeadIn(el), hold: hold, min: min, max: max, bothSides: sides === 'both', name: name
    };
  }

  /* ---------- Words ---------- */

  var WORDS = (function () {
    var node = document.getElementById('site-strings');
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  })();

  // The words for `key` with {name}s filled in from `values`; a counted entry ({one, two,
  // other}) is chosen by values.n.
  function t(key, values) {
    values = values || {};
    var entry = WORDS[key];
    if (typeof entry !== 'string') entry = entry[{ 1: 'one', 2: 'two' }[values.n]] || entry.other;
    return entry.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  function clock(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ':' + (s < 10 ? '0' : '') + s;
  }

  function spoken(seconds) {
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    var parts = [];
    if (m) parts.push(t('minutes', { n: m }));
    if (s || !m) parts.push(t('seconds', { n: s }));
    return parts.join(' ');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* ---------- Sound, spoken words and vibration ---------- */

  // The patient's choices, kept on this device only. Tones and vibration are on until switched
  // off; spoken words are off until switched on. `quiet` switches all three off at once and keeps
  // the others as they were, for when it is switched off again.
  var STORE_KEY = 'stretch-timer-sound';
  var CUES = ['tones', 'speech', 'vibrate'];
  var OPTIONS = ['quiet'].concat(CUES); // in the order they are shown
  var OPTION_WORDS = {
    quiet: 'timer_sound_quiet',
    tones: 'timer_sound_tones',
    speech: 'timer_sound_speech',
    vibrate: 'timer_sound_vibrate'
  };
  // Tones: [pitch in Hz, start in seconds from now, length in seconds]. A hold starts with one
  // tone and ends with two, the second lower, so the two are told apart without looking.
  var START_TONES = [[660, 0, 0.2]];
  var END_TONES = [[660, 0, 0.2], [440, 0.3, 0.3]];
  var TONE_VOLUME = 0.2; // of the full scale: a gentle tone
  var START_BUZZ = [200]; // vibration patterns, in milliseconds (on, off, on)
  var END_BUZZ = [150, 120, 150];

  function defaultPrefs() {
    return { quiet: false, tones: true, speech: false, vibrate: true };
  }

  // The saved choices, or the defaults when there are none or storage is blocked or unreadable.
  function readPrefs() {
    var prefs = defaultPrefs();
    try {
      var saved = JSON.parse(window.localStorage.getItem(STORE_KEY));
      if (saved && typeof saved === 'object') {
        OPTIONS.forEach(function (name) {
          if (typeof saved[name] === 'boolean') prefs[name] = saved[name];
        });
      }
    } catch (e) { /* blocked or unreadable: the defaults */ }
    return prefs;
  }

  function savePrefs() {
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(prefs));
    } catch (e) { /* blocked or full: the choices last until the page is left */ }
  }

  var prefs = readPrefs();
  var audio = null; // the page's one AudioContext, made at the first tap on Start or Resume
  var speechPrimed = false;
  var speaker = null; // the timer whose words were spoken last

  function audioMaker() {
    return window.AudioContext || window.webkitAudioContext || null;
  }

  function pageLang() {
    return (document.documentElement.lang || '').trim().toLowerCase().replace(/_/g, '-');
  }

  // The browser's voice for the page's language: the same language and region if there is one,
  // else the same language. Only voices on the device: a remote voice would send the words to
  // another server. Null when there is none (the spoken option is then hidden).
  function findVoice() {
    var synth = window.speechSynthesis;
    var lang = pageLang();
    if (!synth || typeof synth.getVoices !== 'function' || !lang) return null;
    if (typeof window.SpeechSynthesisUtterance !== 'function') return null;
    var voices;
    try { voices = synth.getVoices() || []; } catch (e) { return null; }
    var base = lang.split('-')[0];
    var near = null;
    for (var i = 0; i < voices.length; i++) {
      var voice = voices[i];
      if (!voice || voice.localService === false) continue;
      var code = String(voice.lang || '').toLowerCase().replace(/_/g, '-');
      if (code === lang) return voice;
      if (!near && code.split('-')[0] === base) near = voice;
    }
    return near;
  }

  // Whether this browser can give a cue of this kind at all (if not, its option is hidden).
  function can(cue) {
    if (cue === 'tones') return !!audioMaker();
    if (cue === 'speech') return !!findVoice();
    if (cue === 'vibrate') return typeof navigator.vibrate === 'function';
    return false;
  }

  function wants(cue) {
    return !prefs.quiet && prefs[cue] === true;
  }

  // Only ever called from a tap on Start or Resume: browsers let a page make sound only after a
  // tap, and a phone may have suspended the audio since the last one.
  function wakeSound() {
    if (wants('tones')) {
      try {
        var Maker = audioMaker();
        if (!audio && Maker) audio = new Maker();
        if (audio && audio.state !== 'running' && typeof audio.resume === 'function') {
          var resumed = audio.resume();
          if (resumed && typeof resumed.catch === 'function') resumed.catch(function () {});
        }
      } catch (e) { audio = null; }
    }
    // Some phones speak only if the first words come from a tap: a silent, empty utterance.
    if (wants('speech') && !speechPrimed && findVoice()) {
      try {
        var silent = new window.SpeechSynthesisUtterance('');
        silent.volume = 0;
        window.speechSynthesis.speak(silent);
        speechPrimed = true;
      } catch (e) { /* no speech after all */ }
    }
  }

  // Gentle sine tones, each faded in and out so that it does not click.
  function playTones(tones) {
    if (!wants('tones') || !audio || audio.state === 'closed') return;
    try {
      var now = audio.currentTime;
      tones.forEach(function (tone) {
        var at = now + tone[1];
        var end = at + tone[2];
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.type = 'sine';
        osc.frequency.value = tone[0];
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(TONE_VOLUME, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, end);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.onended = function () {
          osc.disconnect();
          gain.disconnect();
        };
        osc.start(at);
        osc.stop(end + 0.02);
      });
    } catch (e) { /* no tone this time */ }
  }

  function buzz(pattern) {
    if (!wants('vibrate') || typeof navigator.vibrate !== 'function') return;
    try { navigator.vibrate(pattern); } catch (e) { /* no vibration this time */ }
  }

  // Stop any words still being spoken, so that cues never pile up behind each other.
  function hush() {
    var synth = window.speechSynthesis;
    try {
      if (synth && (synth.speaking || synth.pending)) synth.cancel();
    } catch (e) { /* nothing to stop */ }
  }

  // Say `words` out loud in the page's language, after stopping any words still being spoken.
  function speak(words) {
    var voice = wants('speech') && findVoice();
    if (!voice) return false;
    try {
      document.dispatchEvent(new Event('stretch-timer-speaks')); // read-aloud.js pauses its reading
      hush();
      var utterance = new window.SpeechSynthesisUtterance(words);
      utterance.lang = document.documentElement.lang;
      utterance.voice = voice;
      window.speechSynthesis.speak(utterance);
      return true;
    } catch (e) { return false; }
  }

  // A change of choice in any timer's options: kept, and shown in every timer on the page.
  function setPref(name, on) {
    prefs[name] = on;
    savePrefs();
    if (speaker && !wants('speech')) speaker.hush(); // only the timer's own words
    showPrefs();
  }

  function showPrefs() {
    timers.forEach(function (timer) { timer.showSound(); });
  }

  /* ---------- One timer ---------- */

  var RIGHT = 0;
  var LEFT = 1;

  function Timer(root, settings) {
    this.root = root;
    this.s = settings;
    this.leadMs = settings.leadIn * 1000;
    this.holdMs = settings.hold * 1000;
    this.done = [0, 0]; // finished repetitions on the right side (or the only side), on the left
    this.side = RIGHT; // only changes when bothSides
    // ready | lead-in | running | paused | rest | choice | switch | done
    // (choice: enough done on the right side to change sides, not yet all that may be done)
    this.state = 'ready';
    this.pausedFrom = ''; // lead-in | running, while paused
    this.remainingMs = this.holdMs;
    this.startPerf = 0;
    this.startWall = 0;
    this.startRemaining = 0;
    this.interval = 0;
    this.saidHalf = false;
    this.saidFive = false;
    this.saidTen = false;
    this.shownSeconds = -1;
    this.shownLeadIn = -1;
    this.build();
    this.render(this.readyWords());
  }

  Timer.prototype.build = function () {
    var s = this.s;
    var panel = el('div', 'stretch-timer__panel');
    panel.setAttribute('role', 'group');
    panel.setAttribute('aria-label', s.name ? t('timer_label_named', { name: s.name }) : t('timer_label'));

    // Visual countdown: hidden from screen readers, the status region below speaks instead.
    var display = el('div', 'stretch-timer__display');
    if (s.bothSides) {
      this.sideEl = el('p', 'stretch-timer__side');
      display.appendChild(this.sideEl);
    }
    var clockBox = el('div', 'stretch-timer__clock');
    clockBox.setAttribute('aria-hidden', 'true');
    this.timeEl = el('p', 'stretch-timer__time', clock(s.hold));
    clockBox.appendChild(this.timeEl);
    this.timeLabelEl = el('p', 'stretch-timer__time-label', t('timer_time_left'));
    clockBox.appendChild(this.timeLabelEl);
    var bar = el('div', 'stretch-timer__bar');
    this.fillEl = el('div', 'stretch-timer__bar-fill');
    bar.appendChild(this.fillEl);
    clockBox.appendChild(bar);
    display.appendChild(clockBox);
    panel.appendChild(display);

    var info = el('div', 'stretch-timer__info');
    this.statusEl = el('p', 'stretch-timer__status');
    info.appendChild(this.statusEl);
    this.countEl = el('p', 'stretch-timer__count');
    info.appendChild(this.countEl);
    var aim = s.min === s.max ? t('timer_aim', { n: s.min }) : t('timer_aim_range', { min: s.min, max: s.max });
    if (s.bothSides) aim += ' ' + t('timer_aim_right_then_left');
    info.appendChild(el('p', 'stretch-timer__aim', aim));

    var buttons = el('div', 'stretch-timer__buttons');
    this.mainBtn = el('button', 'stretch-timer__button stretch-timer__button--main', t('timer_start'));
    this.mainBtn.type = 'button';
    buttons.appendChild(this.mainBtn);
    if (s.bothSides) {
      // Shown only once enough are done on the right side and more may still be done there.
      this.sideBtn = el('button', 'stretch-timer__button stretch-timer__button--side', t('timer_to_left_side'));
      this.sideBtn.type = 'button';
      this.sideBtn.hidden = true;
      buttons.appendChild(this.sideBtn);
    }
    this.resetBtn = el('button', 'stretch-timer__button stretch-timer__button--reset', t('timer_reset'));
    this.resetBtn.type = 'button';
    buttons.appendChild(this.resetBtn);
    info.appendChild(buttons);
    panel.appendChild(info);
    panel.appendChild(this.buildSound());

    // One polite status region per timer, present (and empty) before anything is said.
    this.liveEl = el('p', 'stretch-timer__live visually-hidden'); // .visually-hidden: site.css
    this.liveEl.setAttribute('role', 'status');
    this.liveEl.setAttribute('aria-live', 'polite');
    this.liveEl.setAttribute('aria-atomic', 'true');
    panel.appendChild(this.liveEl);

    var self = this;
    this.mainBtn.addEventListener('click', function () { self.onMain(); });
    if (this.sideBtn) this.sideBtn.addEventListener('click', function () { self.changeToLeft(); });
    this.resetBtn.addEventListener('click', function () { self.reset(); });

    var fallback = this.root.querySelector('.stretch-timer__fallback');
    if (fallback && fallback.parentNode === this.root) {
      this.root.insertBefore(panel, fallback.nextSibling);
    } else {
      this.root.appendChild(panel);
    }
  };

  // The sound choices: real checkboxes, each in its label (one large tap target), in a fieldset.
  Timer.prototype.buildSound = function () {
    var box = el('fieldset', 'stretch-timer__sound');
    box.appendChild(el('legend', 'stretch-timer__sound-legend', t('timer_sound_legend')));
    var list = el('div', 'stretch-timer__options');
    var number = ++serial;
    var options = {};
    OPTIONS.forEach(function (name) {
      var label = el('label', 'stretch-timer__option');
      var input = el('input', 'stretch-timer__check');
      input.type = 'checkbox';
      input.id = 'stretch-timer-' + number + '-' + name;
      label.htmlFor = input.id;
      label.appendChild(input);
      label.appendChild(el('span', 'stretch-timer__option-text', t(OPTION_WORDS[name])));
      input.addEventListener('change', function () { setPref(name, input.checked); });
      list.appendChild(label);
      options[name] = { label: label, input: input };
    });
    box.appendChild(list);
    this.soundEl = box;
    this.options = options;
    this.showSound();
    return box;
  };

  // Under Quiet the cues show as off and cannot be changed; what they were comes back after.
  // A cue this browser cannot give is hidden, and so is the whole fieldset if none can be given.
  Timer.prototype.showSound = function () {
    var options = this.options;
    var any = false;
    options.quiet.input.checked = prefs.quiet;
    CUES.forEach(function (cue) {
      var option = options[cue];
      var shown = can(cue);
      any = any || shown;
      option.label.hidden = !shown;
      option.input.checked = prefs[cue] && !prefs.quiet;
      option.input.disabled = prefs.quiet;
    });
    this.soundEl.hidden = !any;
  };

  // What a patient hears and feels as a hold starts or ends (screen readers get say() too).
  Timer.prototype.cueStart = function () {
    playTones(START_TONES);
    buzz(START_BUZZ);
    var key = this.s.bothSides ? this.bySide('timer_say_hold_right', 'timer_say_hold_left') : 'timer_say_hold';
    this.speak(t(key));
  };

  Timer.prototype.cueEnd = function () {
    playTones(END_TONES);
    buzz(END_BUZZ);
    this.speak(t('timer_say_relax'));
  };

  Timer.prototype.speak = function (words) {
    if (speak(words)) speaker = this;
  };

  // Stop this timer's words, if they are still being said (on Pause, Reset, or a page left).
  Timer.prototype.hush = function () {
    if (speaker !== this) return;
    speaker = null;
    hush();
  };

  // Speak a message. The same words twice in a row get a trailing no-break space so that
  // screen readers notice the change and say them again.
  Timer.prototype.say = function (message) {
    if (this.liveEl.textContent === message) message += '\u00a0';
    this.liveEl.textContent = message;
  };

  Timer.prototype.readyWords = function () {
    if (!this.leadMs) return t('timer_ready');
    return t('timer_ready_lead_in', { time: spoken(this.s.leadIn) });
  };

  // How many to do on this side: on the right side the fewest first, then (once those are done)
  // the most; on the left side as many as were done on the right.
  Timer.prototype.target = function () {
    var s = this.s;
    if (!s.bothSides) return s.max;
    if (this.side === LEFT) return this.done[RIGHT];
    return this.done[RIGHT] < s.min ? s.min : s.max;
  };

  Timer.prototype.countText = function () {
    var key = 'timer_done_count';
    if (this.s.bothSides) key = this.bySide('timer_right_count', 'timer_left_count');
    return t(key, { done: this.done[this.side], n: this.target() });
  };

  Timer.prototype.inLeadIn = function () {
    return this.state === 'lead-in' || (this.state === 'paused' && this.pausedFrom === 'lead-in');
  };

  Timer.prototype.render = function (status) {
    var st = this.state;
    this.root.setAttribute(STATE_ATTR, st);
    if (status !== undefined) this.statusEl.textContent = status;
    this.countEl.textContent = this.countText();
    if (this.sideEl) this.sideEl.textContent = t(this.bySide('timer_right_side', 'timer_left_side'));
    var label = t('timer_start');
    if (st === 'running' || st === 'lead-in') label = t('timer_pause');
    else if (st === 'paused') label = t('timer_resume');
    else if (st === 'done') label = t('timer_start_again');
    if (this.mainBtn.textContent !== label) this.mainBtn.textContent = label;
    if (this.sideBtn) {
      var hide = st !== 'choice';
      if (hide && document.activeElement === this.sideBtn) this.mainBtn.focus();
      this.sideBtn.hidden = hide;
    }
    var timeLabel = t(this.inLeadIn() ? 'timer_until_hold' : 'timer_time_left');
    if (this.timeLabelEl.textContent !== timeLabel) this.timeLabelEl.textContent = timeLabel;
    this.paint();
  };

  // Update the big countdown and the bar from remainingMs. The bar shows the hold only: it stays
  // empty during the lead-in.
  Timer.prototype.paint = function () {
    var secs = Math.max(0, Math.ceil(this.remainingMs / 1000));
    if (secs !== this.shownSeconds) {
      this.shownSeconds = secs;
      this.timeEl.textContent = clock(secs);
    }
    var done = this.inLeadIn() ? 0 : 1 - this.remainingMs / this.holdMs;
    done = Math.min(1, Math.max(0, done));
    this.fillEl.style.setProperty('--stretch-timer-progress', done.toFixed(4));
  };

  Timer.prototype.onMain = function () {
    if (this.state !== 'lead-in' && this.state !== 'running') wakeSound(); // Start or Resume
    switch (this.state) {
      case 'lead-in':
      case 'running': this.pause(); break;
      case 'paused': this.resume(); break;
      case 'done': this.restart(); break;
      default: this.begin('');
    }
  };

  // One repetition: the lead-in if there is one, then the hold.
  Timer.prototype.begin = function (prefix) {
    if (this.leadMs) this.startLeadIn(prefix);
    else this.startHold(prefix + this.holdWords(), 0);
  };

  // Of two keys, the one for the side being stretched.
  Timer.prototype.bySide = function (right, left) {
    return this.side === RIGHT ? right : left;
  };

  Timer.prototype.holdWords = function () {
    var key = this.s.bothSides ? this.bySide('timer_hold_right', 'timer_hold_left') : 'timer_hold';
    return t(key, { time: spoken(this.s.hold) });
  };

  Timer.prototype.leadInWords = function () {
    var key = this.s.bothSides ? this.bySide('timer_lead_in_right', 'timer_lead_in_left') : 'timer_lead_in';
    return t(key, { time: spoken(this.s.leadIn) });
  };

  // Spoken once at the start of the lead-in; the seconds are counted out loud only on screen.
  Timer.prototype.startLeadIn = function (prefix) {
    this.remainingMs = this.leadMs;
    this.shownLeadIn = this.s.leadIn;
    this.run('lead-in', 0, t('timer_lead_in_count', { n: this.s.leadIn }));
    this.say(prefix + this.leadInWords());
  };

  // `lateMs`: how long ago the hold should have started (a lead-in that ended while the page was
  // asleep), so that the hold does not start late.
  Timer.prototype.startHold = function (words, lateMs) {
    this.remainingMs = this.holdMs;
    this.saidHalf = this.s.hold < HALFWAY_FROM;
    this.saidFive = this.s.hold < FIVE_LEFT_FROM;
    this.saidTen = this.s.hold < TEN_LEFT_FROM;
    this.run('running', lateMs, t('timer_holding'));
    this.say(words);
    if (lateMs < CUE_LATE_MS) this.cueStart(); // not long after the hold started (phone asleep)
  };

  Timer.prototype.run = function (state, lateMs, status) {
    this.state = state;
    this.startPerf = performance.now() - lateMs;
    this.startWall = Date.now() - lateMs;
    this.startRemaining = this.remainingMs;
    this.render(status);
    var self = this;
    window.clearInterval(this.interval);
    this.interval = window.setInterval(function () { self.tick(); }, TICK_MS);
  };

  Timer.prototype.stopClock = function () {
    window.clearInterval(this.interval);
    this.interval = 0;
  };

  // Time left from the start mark, never from counting ticks, so it does not drift. The larger
  // of the monotonic and the wall-clock elapsed time is used: the monotonic clock ignores clock
  // changes, the wall clock keeps going while a phone is asleep. Returns the time elapsed.
  Timer.prototype.measure = function () {
    var elapsed = Math.max(performance.now() - this.startPerf, Date.now() - this.startWall, 0);
    this.remainingMs = Math.max(0, this.startRemaining - elapsed);
    return elapsed;
  };

  Timer.prototype.tick = function () {
    if (this.state !== 'running' && this.state !== 'lead-in') return;
    if (!this.root.isConnected) { this.destroy(); return; }
    var elapsed = this.measure();
    var secs = Math.ceil(this.remainingMs / 1000);
    if (this.state === 'lead-in') {
      if (this.remainingMs <= 0) {
        this.startHold(t('timer_hold_now', { time: spoken(this.s.hold) }), elapsed - this.startRemaining);
        this.tick();
        return;
      }
      if (secs !== this.shownLeadIn) {
        this.shownLeadIn = secs;
        this.statusEl.textContent = t('timer_lead_in_count', { n: secs });
      }
      this.paint();
      return;
    }
    if (this.remainingMs <= 0) { this.finishHold(); return; }
    if (!this.saidTen && secs <= 10) {
      this.saidTen = true;
      if (this.remainingMs > 10000 - CUE_LATE_MS) this.speak(t('timer_ten_left'));
    }
    if (!this.saidFive && secs <= 5) {
      this.saidFive = true;
      this.saidHalf = true;
      this.say(t('timer_five_left'));
    } else if (!this.saidHalf && this.remainingMs <= this.holdMs / 2) {
      this.saidHalf = true;
      this.say(t('timer_halfway', { time: spoken(secs) }));
    }
    this.paint();
  };

  Timer.prototype.finishHold = function () {
    this.stopClock();
    this.remainingMs = 0;
    var s = this.s;
    this.done[this.side] += 1;
    var n = this.done[this.side];
    var count = this.countText(); // before any change of side: what was just done
    var status;
    if (!s.bothSides) {
      if (n >= s.max) {
        this.state = 'done';
        status = t('timer_all_done');
      } else {
        this.state = 'rest';
        if (n === s.min) status = t('timer_reached_min', { min: s.min, max: s.max });
        else if (n > s.min) status = t('timer_rest_or_stop');
        else status = t('timer_rest');
      }
    } else if (this.side === RIGHT) {
      if (n >= s.max) {
        this.side = LEFT;
        this.state = 'switch';
        status = t('timer_change_to_left');
      } else if (n >= s.min) {
        this.state = 'choice';
        status = t('timer_right_choice', { max: s.max });
      } else {
        this.state = 'rest';
        status = t('timer_rest');
      }
    } else if (n >= this.done[RIGHT]) {
      this.state = 'done';
      status = t('timer_all_done');
    } else {
      this.state = 'rest';
      status = t('timer_rest');
    }
    this.render(status);
    this.say(t('timer_finished', { count: count, status: status }));
    this.cueEnd();
  };

  // The patient has done enough on the right side and chooses to go on to the left.
  Timer.prototype.changeToLeft = function () {
    if (this.state !== 'choice') return;
    this.side = LEFT;
    this.state = 'switch';
    var status = t('timer_change_to_left');
    this.render(status); // hides the side button and moves the focus to the main button
    this.say(status);
  };

  Timer.prototype.pause = function () {
    var from = this.state;
    this.measure();
    this.stopClock();
    this.hush();
    if (from === 'running' && this.remainingMs <= 0) { this.finishHold(); return; }
    this.state = 'paused';
    this.pausedFrom = from;
    if (from === 'lead-in') {
      // Someone who pauses while getting into position gets the whole lead-in again on Resume.
      this.remainingMs = this.leadMs;
      this.render(t('timer_paused_status'));
      this.say(t('timer_paused_status'));
      return;
    }
    this.render(t('timer_paused_status'));
    this.say(t('timer_paused', { time: spoken(Math.ceil(this.remainingMs / 1000)) }));
  };

  Timer.prototype.resume = function () {
    if (this.pausedFrom === 'lead-in') { this.startLeadIn(''); return; }
    this.run('running', 0, t('timer_holding'));
    this.say(t('timer_resumed', { time: spoken(Math.ceil(this.remainingMs / 1000)) }));
  };

  Timer.prototype.clear = function () {
    this.stopClock();
    this.hush();
    this.done = [0, 0];
    this.side = RIGHT;
    this.pausedFrom = '';
    this.remainingMs = this.holdMs;
  };

  Timer.prototype.reset = function () {
    this.clear();
    this.state = 'ready';
    this.render(this.readyWords());
    this.say(t('timer_was_reset', { count: this.countText() }));
  };

  Timer.prototype.restart = function () {
    this.clear();
    this.begin(t('timer_starting_again') + ' ');
  };

  Timer.prototype.destroy = function () {
    this.stopClock();
    this.hush();
    timers.delete(this);
  };

  /* ---------- Finding timers ---------- */

  function initAll() {
    // Timers from a page that instant navigation has replaced: stop their clocks.
    timers.forEach(function (timer) {
      if (!timer.root.isConnected) timer.destroy();
    });
    if (!WORDS) return; // no words for the timer: the fallback text stays as it is
    var roots = document.querySelectorAll('.stretch-timer:not([' + INIT_ATTR + '])');
    Array.prototype.forEach.call(roots, function (root) {
      var settings = readSettings(root);
      if (!settings) {
        root.setAttribute(INIT_ATTR, 'skipped'); // bad data: the fallback text stays as it is
        return;
      }
      root.setAttribute(INIT_ATTR, 'ready');
      timers.add(new Timer(root, settings));
    });
  }

  // Browsers slow down timers in hidden tabs; catch up as soon as the page is seen again.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible') return;
    timers.forEach(function (timer) { timer.tick(); });
  });
  window.addEventListener('pageshow', function () {
    timers.forEach(function (timer) { timer.tick(); });
  });

  // Choices changed in another tab, and voices that the browser lists only after a while.
  window.addEventListener('storage', function (event) {
    if (event.key !== STORE_KEY && event.key !== null) return;
    prefs = readPrefs();
    showPrefs();
  });
  if (window.speechSynthesis && typeof window.speechSynthesis.addEventListener === 'function') {
    window.speechSynthesis.addEventListener('voiceschanged', showPrefs);
  }

  // For pages that add timers after loading (the shared routine page).
  window.StretchTimers = { init: initAll };

  var subscribed = false;
  function subscribeInstant() {
    var doc$ = window.document$;
    if (subscribed || !doc$ || typeof doc$.subscribe !== 'function') return;
    subscribed = true;
    doc$.subscribe(function () { initAll(); });
  }

  function boot() {
    initAll();
    subscribeInstant();
  }

  subscribeInstant();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', boot);
  } else {
    boot();
  }
})();
