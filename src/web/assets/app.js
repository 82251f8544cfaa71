/* global document */
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
})();
