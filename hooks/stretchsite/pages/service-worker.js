/*
 * The offline service worker, published as sw.js at the site's root (pages/offline.py fills in
 * SETTINGS at build time). It keeps what a patient has opened, so a routine opened once can be
 * opened again with no network, timers and pictures included.
 *
 * - Pages: the network first, so a patient online always reads the newest text; the saved copy
 *   when the network fails or takes longer than NETWORK_WAIT_MS (a weak signal on a bedroom
 *   floor); a short "not saved on this phone" page when there is neither.
 * - Files named with their version (?v=..., pages/versions.py): the saved copy first. A page
 *   names the exact versions it was built with, so a saved page always gets its own files and a
 *   newer page never gets an older file: two versions of the site never mix.
 * - Other files (the search index, the manifest): the network first, the saved copy offline.
 * - The page that registers this worker sends it the addresses it has already loaded (message
 *   "keep"), so the first page a patient opens is saved too.
 *
 * Only the worker's own scope is touched: two sites on one origin (GitHub Pages) keep apart.
 *
 * Nothing is saved ahead of time: the cache holds only what this patient opened, whatever the
 * size of the site. Each new version of the site (a new SETTINGS.version: any changed page or
 * file) starts a new cache: it fetches the saved pages again from the new site, with the files
 * they and the routine library name, keeps the versioned files it still may need, and then
 * deletes the old cache. A versioned file is saved only when its bytes are that version.
 */
'use strict';

var SETTINGS = {}; /* filled in at build time */
var SCOPE = self.registration.scope;
var PREFIX = 'stretches ' + SCOPE + ' ';
var CACHE = PREFIX + SETTINGS.version;
var NETWORK_WAIT_MS = 4000;
// Never saved, never served from a cache: the form editor, and pull requests' previews
// (which are other sites, with workers of their own).
var NOT_OURS = [SCOPE + 'admin/', SCOPE + 'pr-preview/'];
var REFERENCE = /(?:src|href|data-library)="([^"]*[?&]v=[0-9a-f]+)"/g;
var LIBRARY_PICTURE = /"src":"([^"]*[?&]v=[0-9a-f]+)"/g;

function inScope(url) {
  return url.indexOf(SCOPE) === 0 && url !== self.location.href &&
    NOT_OURS.every(function (path) { return url.indexOf(path) !== 0; });
}

function versionOf(url) {
  return new URL(url).searchParams.get('v');
}

function withoutVersion(url) {
  var parsed = new URL(url);
  parsed.search = '';
  return parsed.href;
}

function savable(response) {
  return response && response.status === 200 && response.type === 'basic' && !response.redirected;
}

// The first ten hex digits of the body's SHA-256: what pages/versions.py names a file with.
function sameVersion(url, response) {
  var wanted = versionOf(url);
  if (!wanted) return Promise.resolve(true);
  return response.clone().arrayBuffer().then(function (bytes) {
    return crypto.subtle.digest('SHA-256', bytes);
  }).then(function (digest) {
    var hex = Array.prototype.map.call(new Uint8Array(digest), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
    return hex.slice(0, wanted.length) === wanted;
  });
}

// Saved when it is whole and, for a versioned address, exactly that version (a static host
// ignores ?v=, so an old address can bring today's file). A full phone never breaks the page.
function save(cache, url, response) {
  if (!savable(response)) return Promise.resolve();
  var copy = response.clone();
  return sameVersion(url, copy).then(function (same) {
    return same ? cache.put(url, copy) : null;
  }).catch(function () { return null; });
}

// Versioned files a saved page or the routine library names, as whole addresses.
function referencesOf(text, url, type) {
  var found = [];
  var pattern = type.indexOf('json') >= 0 ? LIBRARY_PICTURE : REFERENCE;
  var base = type.indexOf('json') >= 0 ? new URL('../', url) : url; // assets/routine-library.json
  var match;
  pattern.lastIndex = 0;
  while ((match = pattern.exec(text)) !== null) {
    var address = new URL(match[1].replace(/&amp;/g, '&'), base).href;
    if (inScope(address)) found.push(address);
  }
  return found;
}

/* ---------- A new version: the saved pages again, from the new site ---------- */

function oldCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
  });
}

function fromOld(names, url) {
  return names.reduce(function (found, name) {
    return found.then(function (response) {
      return response || caches.open(name).then(function (cache) { return cache.match(url); });
    });
  }, Promise.resolve(undefined));
}

function carryOver(cache) {
  return oldCaches().then(function (names) {
    var unversioned = [];
    var versioned = [];
    var needed = [];
    function read(url, response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('text/html') < 0 && type.indexOf('json') < 0) return Promise.resolve();
      return response.clone().text().then(function (text) {
        needed = needed.concat(referencesOf(text, url, type));
      });
    }
    return Promise.all(names.map(function (name) {
      return caches.open(name).then(function (old) { return old.keys(); }).then(function (requests) {
        requests.forEach(function (request) {
          (versionOf(request.url) ? versioned : unversioned).push(request.url);
        });
      });
    })).then(function () {
      // Pages and other unversioned files: fetched again; the old copy only if that fails.
      return Promise.all(unversioned.map(function (url) {
        return fetch(url, { cache: 'no-cache' }).then(function (response) {
          if (!savable(response)) throw new Error('not saved');
          return response;
        }).catch(function () {
          return fromOld(names, url);
        }).then(function (response) {
          if (!response) return null;
          return read(url, response).then(function () { return cache.put(url, response); });
        }).catch(function () { return null; });
      }));
    }).then(function () {
      // The files those pages name, and the pictures the library names: the old copy when it is
      // the same version, else fetched.
      return Promise.all(needed.map(function (url) {
        return cache.match(url).then(function (hit) {
          if (hit) return null;
          return fromOld(names, url).then(function (response) {
            if (response) return cache.put(url, response);
            return fetch(url).then(function (fresh) { return save(cache, url, fresh); });
          });
        }).catch(function () { return null; });
      }));
    }).then(function () {
      // Other versioned files: kept unless a newer version of the same file replaced them.
      var replaced = {};
      needed.forEach(function (url) { replaced[withoutVersion(url)] = true; });
      return Promise.all(versioned.map(function (url) {
        if (replaced[withoutVersion(url)]) return null;
        return cache.match(url).then(function (hit) {
          return hit ? null : fromOld(names, url).then(function (response) {
            return response && cache.put(url, response);
          });
        });
      }));
    });
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(carryOver).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(oldCaches().then(function (names) {
    return Promise.all(names.map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

/* ---------- Serving ---------- */

function offlinePage(url) {
  var path = new URL(url).pathname.slice(new URL(SCOPE).pathname.length);
  var language = '';
  Object.keys(SETTINGS.offline).forEach(function (prefix) {
    if (prefix && path.indexOf(prefix) === 0) language = prefix;
  });
  var home = new URL(language, SCOPE).href;
  var html = SETTINGS.offline[language].replace('__HOME__', function () { return home; });
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }
  });
}

// The network first; the saved copy when it fails, or when it is slow and there is one.
function fromNetworkFirst(event, fallback) {
  var request = event.request;
  var navigation = request.mode === 'navigate';
  var url = navigation ? withoutVersion(request.url) : request.url; // no ?h= copies
  return caches.open(CACHE).then(function (cache) {
    var saved = function () { return cache.match(url); };
    var timer;
    // Fetched from the site each time, never an older copy from the
    // browser's own cache: the patient reads the newest safety text whenever they are online.
    var asked = navigation ? { cache: 'no-store', credentials: 'same-origin', redirect: 'manual' } : {};
    var network = fetch(request.url, asked).then(function (response) {
      clearTimeout(timer);
      event.waitUntil(save(cache, url, response));
      return response;
    });
    var slow = new Promise(function (resolve) {
      timer = setTimeout(function () {
        saved().then(function (response) { if (response) resolve(response); });
      }, NETWORK_WAIT_MS);
    });
    var answer = network.catch(function () {
      clearTimeout(timer);
      return saved().then(function (response) { return response || fallback(); });
    });
    return Promise.race([answer, slow]);
  });
}

function fromCacheFirst(event) {
  var url = event.request.url;
  return caches.open(CACHE).then(function (cache) {
    return cache.match(url).then(function (hit) {
      return hit || fetch(event.request).then(function (response) {
        event.waitUntil(save(cache, url, response));
        return response;
      });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET' || !inScope(request.url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromNetworkFirst(event, function () { return offlinePage(request.url); }));
  } else if (versionOf(request.url)) {
    event.respondWith(fromCacheFirst(event));
  } else {
    event.respondWith(fromNetworkFirst(event, function () { return Response.error(); }));
  }
});

/* ---------- What a page loaded before this worker was serving it ---------- */

self.addEventListener('message', function (event) {
  var data = event.data || {};
  if (data.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(data.urls.slice(0, 200).map(function (address) {
      var url;
      try { url = new URL(address, SCOPE); } catch (error) { return null; }
      url.hash = '';
      if (!inScope(url.href)) return null;
      return cache.match(url.href).then(function (hit) {
        if (hit) return null;
        // From the browser's own cache where it can: the page has just loaded these.
        return fetch(url.href, { cache: 'force-cache' }).then(function (response) {
          return save(cache, url.href, response);
        }).catch(function () { return null; });
      });
    }));
  }));
});
