// The theme's search panel has role="dialog" but no accessible name (axe: aria-dialog-name).
// Name it after its own search field, so screen readers announce what the dialog is.
(function () {
  "use strict";
  document.querySelectorAll('[role="dialog"]:not([aria-label]):not([aria-labelledby])').forEach(function (dialog) {
    var field = dialog.querySelector("input[aria-label]");
    if (field) dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
  });
})();
