// "复制引用" on every article, paragraph and item: copies the citation people paste into their own
// documents, 《济南市钢城区人民政府工作规则》第四十条第一款, followed by its permanent address.
// The place (第四十条第一款) is the permalink's accessible name, written by render.py from the eId, so
// the numerals are converted in one place only. The address is the chapter page's (data-gc-canonical
// on the 全文 page). Without the clipboard API (file://, old browsers) the text is shown selected.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="gc:document-title"]');
  if (!meta) return;
  var title = meta.getAttribute("content");
  var SUFFIX = "的链接";
  var status = document.createElement("div");
  status.className = "gc-cite-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function address(el, eid) {
    var holder = el.closest("[data-gc-canonical]");
    var base = holder ? new URL(holder.getAttribute("data-gc-canonical"), location.href) : new URL(location.href);
    base.hash = eid;
    return base.href;
  }

  function place(link, article) {
    var label = (link.getAttribute("aria-label") || "").replace(new RegExp(SUFFIX + "$"), "");
    // An article of one paragraph is cited without 第一款 (第三条, 第三条第二项), as legal citation does.
    if (article && article.querySelectorAll(".gc-para").length === 1) label = label.replace(/^(第[^条]+条)第一款/, "$1");
    return label;
  }

  function show(text, copied) {
    var box = document.createElement("span");
    box.className = "gc-cite-box";
    if (copied) {
      status.textContent = "已复制引用：" + text;
      return;
    }
    var field = document.createElement("input");
    field.type = "text";
    field.readOnly = true;
    field.value = text;
    field.className = "gc-cite-field";
    field.setAttribute("aria-label", "引用文字，按 Ctrl+C 复制");
    box.appendChild(field);
    status.textContent = "请按 Ctrl+C 复制已选中的引用：" + text;
    return box;
  }

  function copy(button, text) {
    var old = button.parentNode.querySelector(".gc-cite-box");
    if (old) old.remove();
    function fallback() {
      var box = show(text, false);
      button.after(box);
      var field = box.querySelector("input");
      field.focus();
      field.select();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        show(text, true);
        button.classList.add("gc-cite--done");
      }, fallback);
    } else {
      fallback();
    }
  }

  document.querySelectorAll(".gc-permalink").forEach(function (link) {
    var host = link.closest("h2[id^='art_'], .gc-para, .gc-item");
    if (!host) return;
    var eid = host.id;
    var article = host.matches("h2")
      ? host.nextElementSibling
      : host.closest(".gc-article");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gc-cite";
    button.textContent = "复制引用";
    // The one paragraph of an article cites as the article itself: one control is enough.
    if (host.matches(".gc-para") && article && article.querySelectorAll(".gc-para").length === 1) return;
    var where = place(link, article);
    // the visible words come first in the name (WCAG 2.5.3, label in name)
    button.setAttribute("aria-label", "复制引用：" + where);
    button.addEventListener("click", function () {
      copy(button, "《" + title + "》" + where + " " + address(link, eid));
    });
    link.after(button);
  });
})();
