/* The form editor's previews: each form shows its page as a patient reads it, warning first,
 * with the site's own safety text around it (from the last build of the site). The preview
 * on the pull request is the whole page; this one is for writing.
 * Then the editor starts, or, where sign-in is not set up, says how to turn it on. */
(function () {
  'use strict';
  var settings = JSON.parse(document.getElementById('editor-settings').textContent);
  var words = settings.words;
  var site = settings.safety;
  var local = ['localhost', '127.0.0.1', '[::1]'].indexOf(location.hostname) !== -1;

  if (!settings.configured && !local) {
    var main = document.createElement('main');
    main.className = 'editor-off';
    main.innerHTML = '<h1>The form editor is not switched on yet</h1>' +
      '<p>A clinic switches it on for its own copy of this site: see ' +
      '"Editing in a form" in EDITING.md.</p>';
    document.body.appendChild(main);
    return;
  }

  var h = window.h;
  // {emergency_number} and the other placeholders, as the site fills them in.
  function fill(text) {
    return String(text || '').replace(/\{([a-z_]+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(settings.contacts, name) ? settings.contacts[name] : all;
    });
  }
  function list(items, ordered) {
    return h(ordered ? 'ol' : 'ul', {}, (items || []).map(function (item, i) {
      return h('li', { key: i }, fill(item));
    }));
  }
  function warningBox(slug, cautions) {
    var warning = site.warnings[slug] || { title: slug || '', text: '' };
    return h('div', { className: 'admonition danger stretch-warning' },
      h('p', { className: 'admonition-title' }, warning.title),
      h('p', {}, warning.text),
      cautions && cautions.length ? h('p', {}, h('strong', {}, words.take_care)) : null,
      cautions && cautions.length ? list(cautions) : null);
  }
  function checkFirst(safety) {
    return h('div', { className: 'check-first' },
      h('p', {}, h('strong', {}, words.check_first_label + ' '), safety.check_first));
  }
  function floorSteps(floor) {
    return h('div', { className: 'floor-steps' },
      h('h3', {}, floor.title),
      h('p', {}, h('strong', {}, words.floor_down)), list(floor.getting_down, true),
      h('p', {}, h('strong', {}, words.floor_up)), list(floor.getting_up, true));
  }
  function dose(item) {
    var reps = item.repetitions || {};
    var side = item.sides === 'both' ? ' on each side: all on the right side, then on the left' : '';
    return h('ul', {},
      h('li', {}, 'Hold: ' + item.hold_seconds + ' seconds'),
      h('li', {}, 'Repeat: ' + reps.min + ' to ' + reps.max + ' times' + side),
      h('li', {}, 'Times a day: ' + item.times_per_day));
  }
  function helpTiers(help) {
    return ['emergency', 'urgent', 'routine'].map(function (level) {
      var tier = help[level] || {};
      return h('div', { key: level, className: 'care-card care-card--' + level },
        h('h3', {}, fill(tier.heading)), list(tier.items));
    });
  }
  function page(children) {  // [dir=ltr] as on the site: Material's admonitions and lists need it
    return h('div', { dir: 'ltr' },
      h('article', { className: 'md-content__inner md-typeset' }, children),
      h('p', { className: 'preview-note' }, 'Not shown here: the pictures and the review line. ' +
        "Approve a change from the pull request's preview of the whole page."));
  }
  function data(props) {
    var found = props.entry.get('data');
    return found && found.toJS ? found.toJS() : {};
  }

  var StretchPreview = window.createClass({
    render: function () {
      var s = data(this.props);
      return page([
        h('h1', { key: 't' }, s.title),
        h('p', { key: 's' }, s.summary),
        h('div', { key: 'w' }, warningBox(s.warning, s.cautions)),
        h('div', { key: 'c' }, checkFirst(site)),
        h('h2', { key: 'sh' }, words.steps_heading),
        s.position === 'lying' ? h('div', { key: 'fl' }, floorSteps(site.floor)) : null,
        h('p', { key: 'sp' }, s.starting_position),
        h('div', { key: 'st' }, list(s.steps, true)),
        h('h2', { key: 'dh' }, words.dose_heading),
        h('div', { key: 'd' }, dose(s)),
        h('p', { key: 'pr' }, site.progression),
        h('div', { key: 'r', className: 'remember-box' },
          h('h2', {}, words.remember_heading), list(s.remember)),
        h('h2', { key: 'fh' }, words.feel_heading),
        h('p', { key: 'f' }, s.feel),
        h('h2', { key: 'ddh' }, words.do_dont_heading),
        h('div', { key: 'do' }, list(s['do'])),
        h('div', { key: 'dont' }, list(s.dont)),
        h('h2', { key: 'gh' }, words.get_help_heading),
        h('div', { key: 'help' }, helpTiers(site.when_to_get_help))
      ]);
    }
  });

  var RoutinePreview = window.createClass({
    render: function () {
      var r = data(this.props);
      var items = (r.stretches || []).map(function (item, i) {
        var stretch = settings.stretches[item.stretch] || { title: item.stretch, cautions: [] };
        var own = {
          hold_seconds: item.hold_seconds || stretch.hold_seconds,
          repetitions: item.repetitions || stretch.repetitions,
          times_per_day: item.times_per_day || stretch.times_per_day,
          sides: stretch.sides
        };
        return h('section', { key: i },
          h('h2', {}, (i + 1) + '. ' + stretch.title),
          item.note ? h('p', {}, item.note) : null,
          h('div', { className: 'admonition danger stretch-cautions' },
            h('p', { className: 'admonition-title' }, words.take_care), list(stretch.cautions)),
          dose(own));
      });
      return page([
        h('h1', { key: 't' }, r.title),
        h('p', { key: 's' }, r.summary),
        h('div', { key: 'w' }, warningBox(r.warning, r.cautions)),
        h('div', { key: 'c' }, checkFirst(site)),
        h('p', { key: 'i' }, r.introduction)
      ].concat(items).concat([
        h('div', { key: 'r', className: 'remember-box' },
          h('h2', {}, words.remember_heading), list(r.remember)),
        h('h2', { key: 'gh' }, words.get_help_heading),
        h('div', { key: 'help' }, helpTiers(site.when_to_get_help))
      ]));
    }
  });

  var TipsPreview = window.createClass({
    render: function () {
      var t = data(this.props);
      return page([
        h('h1', { key: 't' }, t.title),
        h('p', { key: 'i' }, t.introduction),
        h('div', { key: 'l' }, (t.tips || []).map(function (tip, i) {
          return h('div', { key: i }, h('h2', {}, tip.tip), h('p', {}, tip.detail));
        }))
      ]);
    }
  });

  var SafetyPreview = window.createClass({
    render: function () {
      var s = data(this.props);
      var help = s.when_to_get_help || {};
      return page([
        h('p', { key: 'n', className: 'site-notice' }, fill(s.site_notice)),
        h('h1', { key: 't' }, help.title),
        h('p', { key: 'i' }, help.introduction),
        h('div', { key: 'help' }, helpTiers(help)),
        h('div', { key: 'c' }, checkFirst(s)),
        h('p', { key: 'pr' }, s.progression),
        s.floor ? h('div', { key: 'fl' }, floorSteps(s.floor)) : null
      ]);
    }
  });

  // No media library: Decap would save an upload straight to the main branch, with no pull
  // request, and the site's pictures are drawn from poses, not uploaded. Its Media button shows
  // only for a library that can open on its own.
  window.CMS.registerMediaLibrary({
    name: 'none',
    init: function () {
      return { show: function () {}, hide: function () {}, enableStandalone: function () { return false; } };
    }
  });
  // A field emptied in the form is saved as no value (null), not as "": the model reads an
  // empty optional field (a routine's own hold, a note) as "use the stretch's own".
  var emptyIsNone = {
    serialize: function (value) { return value === '' ? null : value; },
    deserialize: function (value) { return value; }
  };
  ['string', 'text', 'number'].forEach(function (widget) {
    window.CMS.registerWidgetValueSerializer(widget, emptyIsNone);
  });
  (settings.css || []).forEach(function (href) { window.CMS.registerPreviewStyle(href); });
  window.CMS.registerPreviewStyle('preview.css');
  window.CMS.registerPreviewTemplate('stretches', StretchPreview);
  window.CMS.registerPreviewTemplate('routines', RoutinePreview);
  window.CMS.registerPreviewTemplate('tips', TipsPreview);
  window.CMS.registerPreviewTemplate('safety', SafetyPreview);
  window.CMS.init();
}());
