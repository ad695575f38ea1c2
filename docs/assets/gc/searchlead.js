/* Issue 11: the search's lead entry. The worker (gcsearch.js toItems) puts an answer card or a notice
   first in the results, as one result whose title is a .gc-lead span (data-answer holds the answer's
   text, data-notice the notice's kind). Here, on the main thread: copy those attributes onto the
   result's <li> (what tests and evaluators read), and put the lead's text in a polite live region, so
   a screen reader says the answer without the reader leaving the search box. The region exists from
   the start: one added together with its text is often not announced. The result count is of the
   articles, not of the lead. */
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
  var words = {};
  try {
    words = JSON.parse(document.getElementById("__config").textContent).translations || {};
  } catch (err) {
    words = {};
  }

  // The theme counts every entry, the lead too: "4 个符合条件的结果" under a card and three articles.
  // Count the articles only, in the theme's own words, once per result list: a later batch of the same
  // results (the theme adds them as one scrolls) keeps the lead element, and is not counted again.
  var counted = null;
  function recount() {
    if (!meta) return;
    var m = /\d+/.exec(meta.textContent);
    if (!m) return;
    var n = parseInt(m[0], 10) - 1;
    var text =
      n <= 0
        ? "没有找到相关条文"
        : n === 1
          ? words["search.result.one"] || "找到 1 个符合条件的结果"
          : (words["search.result.other"] || "# 个符合条件的结果").replace("#", String(n));
    meta.textContent = text;
  }

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
      if (lead !== counted) {
        counted = lead;
        // silence lists only where to look instead: not "2 个结果"
        if (notice === "uncovered" && meta) meta.textContent = "没有找到相关条文";
        else recount();
      }
    }
    if (live.textContent !== text) live.textContent = text;
  }

  new MutationObserver(update).observe(list, { childList: true });
  update();
})();
