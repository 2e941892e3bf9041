/*
 * The search index is downloaded when the reader starts a search, not with every page.
 *
 * Material for MkDocs fetches search/search_index.json and starts its search worker as soon as
 * a page opens: at 1,000 stretches that is megabytes on every first visit, on a patient's phone.
 * This script runs before Material's bundle (overrides/main.html) and holds back the index
 * request, and the worker, until the reader opens the search box, types "/" or "s", or arrives
 * from a search result (whose words the page highlights). Search then works as before.
 */
(function () {
  'use strict';

  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search\.[^/]*\.js$/;
  var waiting = [];
  var started = /[?&]h=/.test(location.search); // from a search result: highlight its words

  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenSearching(go) {
    if (started) go();
    else waiting.push(go);
  }

  // The index request: sent when search starts.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = INDEX.test(String(url).split('?')[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var body = arguments;
    if (!request.searchIndex) return send.apply(request, body);
    whenSearching(function () { send.apply(request, body); });
  };

  // The search worker: made when search starts; what Material sends it before then waits.
  var RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (!WORKER.test(String(url).split('?')[0])) return new RealWorker(url, options);
      var target = new EventTarget();
      var real = null;
      var queued = [];
      whenSearching(function () {
        real = new RealWorker(url, options);
        real.addEventListener('message', function (event) {
          target.dispatchEvent(new MessageEvent('message', { data: event.data }));
        });
        queued.splice(0).forEach(function (message) { real.postMessage(message); });
      });
      target.postMessage = function (message) {
        if (real) real.postMessage(message);
        else queued.push(message);
      };
      target.terminate = function () { if (real) real.terminate(); };
      return target;
    };
  }

  function isSearch(element) {
    return element && (element.id === '__search' || element.getAttribute('data-md-component') === 'search-query' ||
      (element.tagName === 'LABEL' && element.getAttribute('for') === '__search'));
  }
  document.addEventListener('focusin', function (event) { if (isSearch(event.target)) start(); }, true);
  document.addEventListener('click', function (event) {
    var label = event.target.closest && event.target.closest('label[for="__search"]');
    if (label || isSearch(event.target)) start();
  }, true);
  document.addEventListener('change', function (event) { if (isSearch(event.target)) start(); }, true);
  document.addEventListener('keydown', function (event) {
    var field = event.target;
    var typing = field && (field.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName));
    if (!typing && (event.key === '/' || event.key === 's' || event.key === 'S' || event.key === 'f' || event.key === 'F')) start();
  }, true);
})();
