/*
 * Stretch hold timer and repetition counter.
 *
 * Enhances every <div class="stretch-timer" data-hold-seconds data-reps-min data-reps-max
 * data-sides data-name> that the site's generator emits. Without JavaScript (or with bad data)
 * the fallback dose sentence inside it is left alone. With JavaScript the sentence stays as the
 * dose summary and the timer controls are added after it. Every word the timer shows or says
 * comes from the page's site-strings data block (pages/strings/en.yml); without it the fallback
 * sentence stays too.
 *
 * No libraries, no network, no storage, no markup strings: the DOM is built with createElement
 * and textContent, and styles come from stretch-timer.css (the progress bar width is set through
 * the CSSOM, which a strict Content Security Policy allows).
 */
(function () {
  'use strict';

  var HOLD_LIMIT = 600; // seconds
  var REPS_LIMIT = 50;
  var TICK_MS = 250;
  var HALFWAY_FROM = 20; // announce "Halfway" only for holds of at least this many seconds
  var FIVE_LEFT_FROM = 10; // announce "5 seconds left" only for holds of at least this many seconds
  var INIT_ATTR = 'data-stretch-timer-init';
  var STATE_ATTR = 'data-stretch-timer-state';

  var timers = new Set();

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

  function readSettings(el) {
    var hold = readCount(el, 'data-hold-seconds', HOLD_LIMIT);
    var min = readCount(el, 'data-reps-min', REPS_LIMIT);
    var max = readCount(el, 'data-reps-max', REPS_LIMIT);
    var sides = (el.getAttribute('data-sides') || '').trim();
    if (hold === null || min === null || max === null || min > max) return null;
    if (sides !== 'both' && sides !== 'one') return null;
    var name = (el.getAttribute('data-name') || '').replace(/\s+/g, ' ').trim().slice(0, 120);
    return { hold: hold, min: min, max: max, bothSides: sides === 'both', name: name };
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

  /* ---------- One timer ---------- */

  function Timer(root, settings) {
    this.root = root;
    this.s = settings;
    this.holdMs = settings.hold * 1000;
    this.count = 0; // finished repetitions
    this.side = 0; // 0 = first side, 1 = other side (only when bothSides)
    this.state = 'ready'; // ready | running | paused | switch | rest | done
    this.remainingMs = this.holdMs;
    this.startPerf = 0;
    this.startWall = 0;
    this.startRemaining = 0;
    this.interval = 0;
    this.saidHalf = false;
    this.saidFive = false;
    this.shownSeconds = -1;
    this.build();
    this.render(t('timer_ready'));
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
    clockBox.appendChild(el('p', 'stretch-timer__time-label', t('timer_time_left')));
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
    if (s.bothSides) aim += ' ' + t('timer_aim_both_sides');
    info.appendChild(el('p', 'stretch-timer__aim', aim));

    var buttons = el('div', 'stretch-timer__buttons');
    this.mainBtn = el('button', 'stretch-timer__button stretch-timer__button--main', t('timer_start'));
    this.mainBtn.type = 'button';
    this.resetBtn = el('button', 'stretch-timer__button stretch-timer__button--reset', t('timer_reset'));
    this.resetBtn.type = 'button';
    buttons.appendChild(this.mainBtn);
    buttons.appendChild(this.resetBtn);
    info.appendChild(buttons);
    panel.appendChild(info);

    // One polite status region per timer, present (and empty) before anything is said.
    this.liveEl = el('p', 'stretch-timer__live visually-hidden'); // .visually-hidden: site.css
    this.liveEl.setAttribute('role', 'status');
    this.liveEl.setAttribute('aria-live', 'polite');
    this.liveEl.setAttribute('aria-atomic', 'true');
    panel.appendChild(this.liveEl);

    var self = this;
    this.mainBtn.addEventListener('click', function () { self.onMain(); });
    this.resetBtn.addEventListener('click', function () { self.reset(); });

    var fallback = this.root.querySelector('.stretch-timer__fallback');
    if (fallback && fallback.parentNode === this.root) {
      this.root.insertBefore(panel, fallback.nextSibling);
    } else {
      this.root.appendChild(panel);
    }
  };

  // Speak a message. The same words twice in a row get a trailing no-break space so that
  // screen readers notice the change and say them again.
  Timer.prototype.say = function (message) {
    if (this.liveEl.textContent === message) message += '\u00a0';
    this.liveEl.textContent = message;
  };

  Timer.prototype.countText = function () {
    return t('timer_done_count', { done: this.count, n: this.s.max });
  };

  Timer.prototype.render = function (status) {
    var st = this.state;
    this.root.setAttribute(STATE_ATTR, st);
    if (status !== undefined) this.statusEl.textContent = status;
    this.countEl.textContent = this.countText();
    if (this.sideEl) this.sideEl.textContent = t(this.side === 0 ? 'timer_first_side' : 'timer_other_side');
    var label = t('timer_start');
    if (st === 'running') label = t('timer_pause');
    else if (st === 'paused') label = t('timer_resume');
    else if (st === 'done') label = t('timer_start_again');
    if (this.mainBtn.textContent !== label) this.mainBtn.textContent = label;
    this.paint();
  };

  // Update the big countdown and the bar from remainingMs.
  Timer.prototype.paint = function () {
    var secs = Math.max(0, Math.ceil(this.remainingMs / 1000));
    if (secs !== this.shownSeconds) {
      this.shownSeconds = secs;
      this.timeEl.textContent = clock(secs);
    }
    var done = 1 - this.remainingMs / this.holdMs;
    done = Math.min(1, Math.max(0, done));
    this.fillEl.style.setProperty('--stretch-timer-progress', done.toFixed(4));
  };

  Timer.prototype.onMain = function () {
    switch (this.state) {
      case 'running': this.pause(); break;
      case 'paused': this.resume(); break;
      case 'done': this.restart(); break;
      default: this.startHold('');
    }
  };

  Timer.prototype.holdWords = function () {
    var key = 'timer_hold';
    if (this.s.bothSides) key = this.side === 0 ? 'timer_hold_first_side' : 'timer_hold_other_side';
    return t(key, { time: spoken(this.s.hold) });
  };

  Timer.prototype.startHold = function (prefix) {
    this.remainingMs = this.holdMs;
    this.saidHalf = this.s.hold < HALFWAY_FROM;
    this.saidFive = this.s.hold < FIVE_LEFT_FROM;
    this.run();
    this.say(prefix + this.holdWords());
  };

  Timer.prototype.run = function () {
    this.state = 'running';
    this.startPerf = performance.now();
    this.startWall = Date.now();
    this.startRemaining = this.remainingMs;
    this.render(t('timer_holding'));
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
  // changes, the wall clock keeps going while a phone is asleep.
  Timer.prototype.measure = function () {
    var elapsed = Math.max(performance.now() - this.startPerf, Date.now() - this.startWall, 0);
    this.remainingMs = Math.max(0, this.startRemaining - elapsed);
  };

  Timer.prototype.tick = function () {
    if (this.state !== 'running') return;
    if (!this.root.isConnected) { this.destroy(); return; }
    this.measure();
    if (this.remainingMs <= 0) { this.finishHold(); return; }
    var secs = Math.ceil(this.remainingMs / 1000);
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
    if (s.bothSides && this.side === 0) {
      this.side = 1;
      this.state = 'switch';
      this.render(t('timer_switch_sides'));
      this.say(t('timer_hold_finished') + ' ' + t('timer_switch_sides'));
      return;
    }
    this.side = 0;
    this.count += 1;
    var status;
    if (this.count >= s.max) {
      this.state = 'done';
      status = t('timer_all_done');
    } else {
      this.state = 'rest';
      if (this.count === s.min) {
        status = t('timer_reached_min', { min: s.min, max: s.max });
      } else if (this.count > s.min) {
        status = t('timer_rest_or_stop');
      } else {
        status = t('timer_rest');
      }
    }
    this.render(status);
    this.say(t('timer_finished', { count: this.countText(), status: status }));
  };

  Timer.prototype.pause = function () {
    this.measure();
    this.stopClock();
    if (this.remainingMs <= 0) { this.state = 'running'; this.finishHold(); return; }
    this.state = 'paused';
    this.render(t('timer_paused_status'));
    this.say(t('timer_paused', { time: spoken(Math.ceil(this.remainingMs / 1000)) }));
  };

  Timer.prototype.resume = function () {
    this.run();
    this.say(t('timer_resumed', { time: spoken(Math.ceil(this.remainingMs / 1000)) }));
  };

  Timer.prototype.clear = function () {
    this.stopClock();
    this.count = 0;
    this.side = 0;
    this.remainingMs = this.holdMs;
  };

  Timer.prototype.reset = function () {
    this.clear();
    this.state = 'ready';
    this.render(t('timer_ready'));
    this.say(t('timer_was_reset', { count: this.countText() }));
  };

  Timer.prototype.restart = function () {
    this.clear();
    this.startHold(t('timer_starting_again') + ' ');
  };

  Timer.prototype.destroy = function () {
    this.stopClock();
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
