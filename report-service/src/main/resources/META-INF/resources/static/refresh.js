// Keeps the dashboard current: polls the JSON the page was rendered from and reloads the page when it
// changes. No framework and no build step; without JavaScript a <noscript> meta refresh does the same.
(function () {
  'use strict';
  var url = document.body.getAttribute('data-poll-url');
  var live = document.getElementById('live');
  var everyMs = 5000;
  var seen = null;
  if (!url || !window.fetch) {
    return;
  }

  function mark(ok) {
    if (live) {
      live.className = ok ? 'live' : 'live stale';
      live.textContent = ok ? 'live' : 'reconnecting';
    }
  }

  function check() {
    fetch(url, { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return res.text();
      })
      .then(function (body) {
        mark(true);
        if (seen !== null && body !== seen) {
          window.location.reload();
          return;
        }
        seen = body;
        window.setTimeout(check, everyMs);
      })
      .catch(function () {
        // The service may be restarting: say so, and keep trying.
        mark(false);
        window.setTimeout(check, everyMs);
      });
  }

  check();
})();
