/* Names for the few controls Decap leaves unnamed, so a screen reader can use the form: the
 * preview frame, and each list item's show/hide button, drag handle and remove button. */
(function () {
  'use strict';
  function nameOnce(element, label) {
    if (element && !element.hasAttribute('aria-label')) element.setAttribute('aria-label', label);
  }
  function name() {
    // The login page has no main landmark of its own; the collection pages do.
    var app = document.getElementById('nc-root');
    if (app && app.querySelector('main')) app.removeAttribute('role');
    else if (app) app.setAttribute('role', 'main');
    var frame = document.querySelector('#preview-pane:not([title])');
    if (frame) frame.setAttribute('title', 'Preview of the patient page');
    // A list item's top bar: [show or hide] [drag handle] [remove].
    document.querySelectorAll('[aria-describedby^="DndDescribedBy"]').forEach(function (handle) {
      nameOnce(handle, 'Drag to move this item');
      var before = handle.previousElementSibling, after = handle.nextElementSibling;
      if (before && before.tagName === 'BUTTON') nameOnce(before, 'Show or hide this item');
      if (after && after.tagName === 'BUTTON') nameOnce(after, 'Remove this item');
    });
    // Decap measures text on a canvas it leaves in the page: nothing to read there.
    document.querySelectorAll('body > canvas:not([aria-hidden])').forEach(function (canvas) {
      canvas.setAttribute('aria-hidden', 'true');
    });
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
}());
