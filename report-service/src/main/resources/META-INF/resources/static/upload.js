// The manual evidence form: offers only the document types of the chosen control, and posts with fetch so the
// answer (the evidence id, or the API's reasons for refusing) shows on the page. Without JavaScript the form
// still posts, and the browser shows the API's JSON answer.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  var control = document.getElementById('upload-control');
  var types = document.getElementById('upload-document-type');
  var result = document.getElementById('upload-result');
  if (!form || !control || !types || !window.fetch || !window.FormData) {
    return;
  }

  function offerTypes() {
    var chosen = control.value;
    Array.prototype.forEach.call(types.options, function (o) {
      var owner = o.getAttribute('data-control');
      var show = !owner || owner === chosen;
      o.hidden = !show;
      o.disabled = !show;
      if (!show && o.selected) {
        types.value = '';
      }
    });
    var offered = Array.prototype.filter.call(types.options, function (o) {
      return o.getAttribute('data-control') === chosen;
    });
    if (offered.length === 1) {
      types.value = offered[0].value;
    }
  }

  function say(ok, text) {
    result.hidden = false;
    result.className = 'result ' + (ok ? 'ok' : 'error');
    result.textContent = text;
  }

  control.addEventListener('change', offerTypes);
  offerTypes();
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    say(true, 'Uploading…');
    fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' } })
      .then(function (res) {
        return res.text().then(function (text) {
          var body = null;
          try { body = JSON.parse(text); } catch (err) { body = null; }
          if (res.status === 201 && body) {
            say(true, 'Uploaded: evidence ' + body.evidenceId + ' for ' + body.controlId + ', file sha256 ' + body.sha256
              + '. The list below shows it after a reload.');
            form.reset();
            offerTypes();
          } else {
            say(false, 'Not uploaded (HTTP ' + res.status + '): ' + (body && body.error ? body.error : text));
          }
        });
      })
      .catch(function (err) {
        say(false, 'Not uploaded: the service could not be reached (' + err + ').');
      });
  });
})();
