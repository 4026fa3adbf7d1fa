// Keeps the dashboard current. It listens to /api/events/status (server-sent events) and reloads the page when a
// status it shows changes; if the stream cannot be opened or drops, it polls the JSON the page was rendered from
// every 5 seconds instead, until the stream works again. No framework and no build step; without JavaScript a
// <noscript> meta refresh reloads every 30 seconds. A page with a form the user has typed into is not reloaded
// under their hands: the "live" badge says an update is waiting and reloads on a click.
(function () {
  'use strict';
  var body = document.body;
  var pollUrl = body.getAttribute('data-poll-url');
  var onlyControl = body.getAttribute('data-live-control');
  var live = document.getElementById('live');
  var everyMs = 5000;
  var seen = null;
  var polling = false;
  var streaming = false;
  var edited = false;
  // A page showing work in progress (collection runs) asks to be reloaded every few seconds while it lasts.
  var refreshSeconds = parseInt(body.getAttribute('data-refresh-seconds') || '0', 10);
  document.addEventListener('input', function () { edited = true; });
  if (refreshSeconds > 0) {
    window.setTimeout(function () { changed(); }, refreshSeconds * 1000);
  }
  if (!pollUrl) {
    return;
  }

  function mark(state, text) {
    if (live) {
      live.className = 'live' + (state ? ' ' + state : '');
      live.textContent = text;
      live.setAttribute('data-state', state || 'live');
    }
  }

  var reloading = false;

  function changed() {
    if (edited) {
      mark('pending', 'update: reload');
      if (live) {
        live.onclick = function () { window.location.reload(); };
      }
      return;
    }
    // A collection changes many controls within a moment: reload once, after the burst.
    if (!reloading) {
      reloading = true;
      window.setTimeout(function () { window.location.reload(); }, 500);
    }
  }

  function poll() {
    if (streaming) {
      polling = false;
      return;
    }
    polling = true;
    fetch(pollUrl, { headers: { 'Accept': 'application/json' }, cache: 'no-store' })
      .then(function (res) {
        if (!res.ok) {
          throw new Error('HTTP ' + res.status);
        }
        return res.text();
      })
      .then(function (text) {
        mark('', 'live');
        if (seen !== null && text !== seen) {
          changed();
          return;
        }
        seen = text;
        window.setTimeout(poll, everyMs);
      })
      .catch(function () {
        // The service may be restarting: say so, and keep trying.
        mark('stale', 'reconnecting');
        window.setTimeout(poll, everyMs);
      });
  }

  function startPolling() {
    if (!polling && window.fetch) {
      poll();
    }
  }

  if (!window.EventSource) {
    startPolling();
    return;
  }
  var events = new EventSource('/api/events/status');
  events.onmessage = function (e) {
    var data;
    try {
      data = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (data.kind === 'connected') {
      streaming = true;
      mark('', 'live');
    } else if (data.kind === 'status' && (!onlyControl || data.controlId === onlyControl)) {
      changed();
    }
  };
  events.onerror = function () {
    // The browser retries the stream by itself; meanwhile the page stays current by polling.
    streaming = false;
    mark('stale', 'reconnecting');
    startPolling();
  };
})();
