/*
 * Saves the site for use with no network: registers the service worker (sw.js at the site's
 * root, named by the page's <meta name="service-worker">), then tells it what this page has
 * already loaded, so the first page a patient opens works offline too. Pages built for
 * `mkdocs serve` have no such meta, so nothing is saved while an editor previews.
 */
(function () {
  'use strict';

  var meta = document.querySelector('meta[name="service-worker"]');
  if (!meta || !('serviceWorker' in navigator) || !window.caches) return;
  var worker = new URL(meta.getAttribute('content'), location.href);

  function loaded() {
    return new Promise(function (resolve) {
      if (document.readyState === 'complete') resolve();
      else window.addEventListener('load', function () { resolve(); });
    });
  }

  function sameSite(address) {
    var url = new URL(address, location.href);
    return url.origin === location.origin && url.href !== worker.href;
  }

  // This page (without ?h= from a search) and every file it loaded from this site.
  function used() {
    var page = new URL(location.href);
    page.hash = '';
    page.search = '';
    var urls = [page.href];
    performance.getEntriesByType('resource').forEach(function (entry) {
      if (sameSite(entry.name)) urls.push(entry.name);
    });
    return urls;
  }

  function keep(registration, urls) {
    if (registration.active && urls.length) registration.active.postMessage({ type: 'keep', urls: urls });
  }

  navigator.serviceWorker.register(worker.href).then(function () {
    return Promise.all([navigator.serviceWorker.ready, loaded()]);
  }).then(function (ready) {
    var registration = ready[0];
    keep(registration, used());
    // Files this page fetches later (a shared routine's library and pictures), until the
    // worker serves the page itself.
    if (window.PerformanceObserver && !navigator.serviceWorker.controller) {
      var watcher = new PerformanceObserver(function (list) {
        keep(registration, list.getEntries().map(function (entry) { return entry.name; }).filter(sameSite));
      });
      watcher.observe({ type: 'resource' });
      navigator.serviceWorker.addEventListener('controllerchange', function () {
        setTimeout(function () { watcher.disconnect(); }, 2000);
      });
    }
  }).catch(function () {
    /* No offline copy (private browsing, blocked storage): the site works online as before. */
  });
})();
