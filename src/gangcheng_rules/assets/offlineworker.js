// Search in the offline copy (file://), where browsers refuse `new Worker()`: the worker's own script runs
// on the page instead, exchanging the same messages with the theme. Result
// locations are pointed at index.html, as file:// needs. Loaded only by the offline copy (offline.py).
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function fileLocation(loc) {
    var i = loc.indexOf("#");
    var path = i < 0 ? loc : loc.slice(0, i);
    var frag = i < 0 ? "" : loc.slice(i);
    if (path === "" || path === "." || path === "./") path = "index.html";
    else if (/\/$/.test(path)) path += "index.html";
    return path + frag;
  }

  // Every "location" string in a result message, whatever shape the index's results take.
  function rewrite(value) {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        out[k] = k === "location" && typeof value[k] === "string" ? fileLocation(value[k]) : rewrite(value[k]);
      });
      return out;
    }
    return value;
  }

  // The copy's worker script is the site's, wrapped by offline.py as a function of its `self`
  // (x.js → x.offline.js), so it runs on the page with `self` standing for the worker's scope.
  function PageWorker(url) {
    var target = new EventTarget();
    var scope = new EventTarget();
    var queue = [];
    var loaded = false;
    scope.postMessage = function (data) {
      // Marks the page once the worker has answered (tests wait for it, as a person waits for the box).
      document.documentElement.setAttribute("data-gc-offline-search", "answered");
      setTimeout(function () {
        var ev = new MessageEvent("message", { data: rewrite(data) });
        if (typeof target.onmessage === "function") target.onmessage(ev);
        target.dispatchEvent(ev);
      }, 0);
    };
    function deliver(data) {
      setTimeout(function () {
        scope.dispatchEvent(new MessageEvent("message", { data: data }));
      }, 0);
    }
    var script = document.createElement("script");
    // the site's pages ask for the worker with its version (gcsearch.js?v=…); on disk it is the file alone
    script.src = new URL(url, location.href).href.replace(/\.js(?:\?[^#]*)?$/, ".offline.js");
    script.onload = function () {
      loaded = true;
      queue.splice(0).forEach(deliver);
    };
    window.__gcWorkerScope = scope;
    document.head.appendChild(script);
    target.postMessage = function (data) {
      if (loaded) deliver(data);
      else queue.push(data);
    };
    target.terminate = function () {};
    return target;
  }

  window.Worker = PageWorker;
})();
