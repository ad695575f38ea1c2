// On a phone the norm panels under each article start folded so the legal text reads continuously.
// They are rendered open: without JavaScript (or on a wide screen) every panel stays open and readable.
// site.css shows them folded until this has run (no shift after the first paint; see overrides/main.html).
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 44.984375em)");
  var panels = document.querySelectorAll("details[data-gc-fold]");

  function target() {
    try { return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null; } catch (e) { return null; }
  }
  function fold() {
    var t = target();
    panels.forEach(function (d) {
      d.open = !narrow.matches || (t !== null && d.contains(t));
    });
  }
  fold();
  // A link into a folded panel opens it; turning the phone to a wide screen opens them all.
  window.addEventListener("hashchange", function () {
    var t = target();
    if (t) panels.forEach(function (d) { if (d.contains(t)) d.open = true; });
  });
  if (narrow.addEventListener) narrow.addEventListener("change", fold);
})();
