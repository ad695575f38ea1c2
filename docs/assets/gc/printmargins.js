// Print names the document: its title and dataset version at the head of every sheet and the page's
// own address at the foot, in @page margin boxes (Chromium 131+, Firefox, WeasyPrint). Margin boxes
// take only literal strings, so the rule is written here, where the address is known. Download links
// get their address too (document.css prints it after the file name).
(function () {
  "use strict";
  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  }
  function css(text) {
    return '"' + text.replace(/[\\"]/g, function (c) { return "\\" + c.charCodeAt(0).toString(16) + " "; }).replace(/[\n\r]/g, " ") + '"';
  }
  var title = meta("gc:document-title");
  if (!title) return;
  var version = meta("gc:document-version");
  var url = location.href.split("#")[0];
  var box = 'font: 8pt "Noto Serif CJK SC", serif; color: #444;';
  var style = document.createElement("style");
  style.media = "print";
  style.textContent =
    "@page {" +
    " @top-left { " + box + " content: " + css("《" + title + "》") + "; }" +
    (version ? " @top-right { " + box + " content: " + css(version) + "; }" : "") +
    " @bottom-left { " + box + " content: " + css(url) + "; }" +
    " }";
  document.head.appendChild(style);
  document.querySelectorAll(".gc-downloads a[href]").forEach(function (a) {
    a.setAttribute("data-print-url", a.href);
  });
})();
