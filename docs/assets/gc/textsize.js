// Larger text for readers who need it: a toggle button in the toolbar, remembered across pages.
// overrides/main.html applies the stored choice in <head> so pages do not jump on load.
(function () {
  "use strict";
  var KEY = "gc.largeText";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: works for this page only */ }
  }
  function apply(on) {
    root.classList.toggle("gc-large", on);
    document.querySelectorAll("[data-gc-textsize]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.querySelectorAll("[data-gc-textsize]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !root.classList.contains("gc-large");
      store(on);
      apply(on);
    });
  });
  apply(stored());
})();
