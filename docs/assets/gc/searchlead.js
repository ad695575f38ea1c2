/* Issue 11: the search's lead entry. The worker (gcsearch.js toItems) puts an answer card or a notice
   first in the results, as one result whose title is a .gc-lead span (data-answer holds the answer's
   text, data-notice the notice's kind). Here, on the main thread: copy those attributes onto the
   result's <li> (what tests and evaluators read), and put the lead's text in a polite live region, so
   a screen reader says the answer without the reader leaving the search box. The region exists from
   the start: one added together with its text is often not announced. */
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list || typeof MutationObserver !== "function") return;
  var live = document.createElement("div");
  live.className = "gc-live";
  live.id = "gc-search-live";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("aria-atomic", "true");
  document.body.appendChild(live);
  var meta = document.querySelector(".md-search-result__meta");

  function update() {
    var li = list.firstElementChild;
    var lead = li ? li.querySelector(".gc-lead") : null;
    var text = "";
    if (lead) {
      text = lead.textContent.replace(/\s+/g, " ").trim();
      var answer = lead.getAttribute("data-answer");
      var notice = lead.getAttribute("data-notice");
      if (answer !== null) li.setAttribute("data-answer", answer);
      if (notice !== null) li.setAttribute("data-notice", notice);
      // silence lists only where to look instead: not "2 个结果"
      if (notice === "uncovered" && meta) meta.textContent = "没有找到相关条文";
    }
    if (live.textContent !== text) live.textContent = text;
  }

  new MutationObserver(update).observe(list, { childList: true });
  update();
})();
