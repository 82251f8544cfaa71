/* global document, window */
// Progressive enhancement only: every page and form works without this file.
(function () {
  'use strict';
  // A refused form: move focus to its error summary, so a screen reader hears what to fix (GOV.UK pattern).
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  // A form sent once is not sent twice by a second click while the answer is on its way.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.method !== 'post') return;
    if (form.getAttribute('data-sent') === '1') event.preventDefault();
    else form.setAttribute('data-sent', '1');
  });
  // A running verify job (h-audpages): instead of the page reloading itself (<noscript> meta refresh), poll it and
  // update the progress bar in place; when the job is done, show its result.
  var running = document.querySelector('[data-verify-running]');
  if (running && window.fetch && window.DOMParser) {
    var poll = function () {
      fetch(window.location.href, { credentials: 'same-origin' })
        .then(function (response) {
          return response.text();
        })
        .then(function (text) {
          var fresh = new window.DOMParser().parseFromString(text, 'text/html');
          var still = fresh.querySelector('[data-verify-running]');
          var main = fresh.querySelector('#main');
          if (still) {
            running.innerHTML = still.innerHTML;
            window.setTimeout(poll, 1000);
          } else if (main) {
            document.querySelector('#main').innerHTML = main.innerHTML;
            document.title = fresh.title;
            var result = document.querySelector('#verify-status [role="status"]');
            if (result) result.setAttribute('tabindex', '-1');
            if (result) result.focus();
          }
        })
        .catch(function () {
          window.setTimeout(poll, 3000);
        });
    };
    window.setTimeout(poll, 1000);
  }
})();
