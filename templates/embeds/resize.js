/* AI Token Tracker: fits each iframe of this site to the height its embed page posts.
   Place once on the host page: <script src="https://SITE/embed/resize.js" async></script>
   No dependencies. Accepts messages only from the origin this file is served from.
   Message: {type: "ai-token-tracker:embed-height", version: 1, height: <CSS px>} */
(function () {
  var me = document.currentScript;
  if (!me) return;
  var origin = new URL(me.src, location.href).origin;
  var type = "ai-token-tracker:embed-height";
  function frames() {
    return [].filter.call(document.getElementsByTagName("iframe"), function (f) {
      try { return new URL(f.src, location.href).origin === origin; } catch (e) { return false; }
    });
  }
  addEventListener("message", function (e) {
    var d = e.data, h = d && d.height;
    if (e.origin !== origin || !d || d.type !== type || typeof h !== "number" || !(h > 0 && h < 2e4)) return;
    frames().forEach(function (f) {
      if (f.contentWindow === e.source) f.style.height = Math.ceil(h) + "px";
    });
  });
  // Embeds that loaded before this script already posted their height: ask them again.
  frames().forEach(function (f) {
    if (f.contentWindow) f.contentWindow.postMessage({ type: type + "-request", version: 1 }, "*");
  });
})();
