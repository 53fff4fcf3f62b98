// Tandem: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // WCAG 3.3.1: after a refused form, move focus to the error summary so it is read out first.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
  document.addEventListener("htmx:afterSwap", function (event) { focusErrorSummary(event.target); });
})();
