// A printed page cannot be clicked: print.css shows each article's address under its heading.
// The address is resolved here (a.href) so it is right wherever the site is served, sub-path included.
(function () {
  "use strict";
  document.querySelectorAll("h2 > a.gc-permalink").forEach(function (a) {
    a.setAttribute("data-print-url", a.href);
  });
})();
