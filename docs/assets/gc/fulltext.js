// The 全文 page's print button: shown only where printing works (it is a plain button, hidden until now).
(function () {
  "use strict";
  document.querySelectorAll("[data-gc-print]").forEach(function (button) {
    if (typeof window.print !== "function") return;
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
