// Search on every way text gets into the search box, not only on key presses (issue 11).
//
// mkdocs-material searches when the box fires `keyup` (it reads the box's value, skipping a value it has
// already searched). Pasting (long-press, right-click), voice input and an input method's commit change
// the value without a key press, so nothing happened. Here every `input` event (debounced) and every
// `compositionend` (at once) fire a synthetic keyup on the box: the theme then searches the new value the
// way it does for typing. A value the theme has already had a keyup for gets none from here.
//
// Enter in the box opens the best result (the theme's rule). Right after a paste or a commit the results on
// screen may still be those of the previous value, and the theme would open one of them: so then Enter
// waits until the results for the value in the box have landed (the list changed after the value was
// searched and has been quiet a moment) and opens the best of those, as the theme would.
(function () {
  "use strict";
  var box = document.querySelector(".md-search__input");
  var output = document.querySelector(".md-search-result");
  if (!box || !output || !window.MutationObserver) return;

  var DEBOUNCE = 120; // ms after the last input event
  var QUIET = 60; // ms without a change of the result list: the answers have landed
  var GIVE_UP = 3000; // ms an Enter waits for results at most
  var timer = 0;
  var sent = box.value; // the value of the last keyup, real or ours: the theme's latest query
  var shown = null; // the query the result list last changed for
  var changedAt = 0; // when it did

  var held = 0; // when a key went down whose keyup has not come yet (0: none)

  function search() {
    clearTimeout(timer);
    timer = 0;
    // a key is still down: its own keyup will make the theme search (a key held past the debounce must
    // not get a keyup of ours first); a keyup lost to a focus change is not waited for long
    if (held && performance.now() - held < 1000) {
      timer = setTimeout(search, DEBOUNCE);
      return;
    }
    // a value the theme has had a keyup for is searched already: no second keyup (listeners that time
    // searches from the last keyup, as the evaluation does, would wait for an answer that never comes)
    if (box.value === sent) return;
    // not bubbling: the theme listens on the box itself, and nothing else hears a key that was not pressed
    box.dispatchEvent(new KeyboardEvent("keyup", { key: "Unidentified", bubbles: false }));
  }

  // every keyup, the theme's and ours, makes the theme read the value (it skips one it has just searched)
  box.addEventListener("keyup", function () {
    sent = box.value;
    held = 0;
  });
  box.addEventListener("keydown", function (e) {
    if (!e.isComposing && e.keyCode !== 229) held = performance.now();
  });
  // The worker answers queries in order, so once the list is quiet it shows the answer to the last one.
  new MutationObserver(function () {
    shown = sent;
    changedAt = performance.now();
  }).observe(output, { childList: true, subtree: true, characterData: true });

  box.addEventListener("input", function (e) {
    if (e.isComposing) return; // an input method is still composing: search its commit
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE);
  });
  box.addEventListener("compositionend", function () {
    // the input event of the commit may come before or after this one, depending on the browser
    setTimeout(search, 0);
  });

  function landed(value) {
    return !timer && shown === value && performance.now() - changedAt >= QUIET;
  }

  // The theme's own choice on Enter: of the links heading each result, the one with the highest score
  // (data-md-score on its article), the first of equals. The worker scores a result's best paragraph a
  // little above the result itself, so this opens the paragraph.
  function openBest() {
    var list = output.querySelector(".md-search-result__list");
    var best = null;
    var top = -Infinity;
    if (list) {
      list.querySelectorAll(":first-child [href]").forEach(function (a) {
        var score = a.firstElementChild ? parseFloat(a.firstElementChild.getAttribute("data-md-score")) : NaN;
        if (score > top) {
          top = score;
          best = a;
        }
      });
    }
    if (best) best.click();
  }

  function openWhenLanded(value) {
    var start = performance.now();
    (function tick() {
      if (box.value !== value || performance.now() - start > GIVE_UP) return; // typed on, or no answer
      if (landed(value)) openBest();
      else setTimeout(tick, 20);
    })();
  }

  box.addEventListener("keydown", function (e) {
    // an Enter that commits an input method's text (Safari sends it after compositionend, with keyCode
    // 229) only commits; the next Enter, however soon, opens a result
    if (e.key !== "Enter" || e.isComposing || e.keyCode === 229 || !box.value.trim()) return;
    // the results on screen are those of the words in the box: the theme's handler opens the best one
    if (landed(box.value)) return;
    // else it must not open a result of the previous words: wait for these words' results
    e.preventDefault();
    e.stopPropagation();
    if (sent !== box.value || timer) search();
    openWhenLanded(box.value);
  });
})();
