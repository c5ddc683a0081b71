// AI Token Tracker embed page script (a file, because the page's CSP allows no inline script).
// Sets the theme from ?theme=light|dark|auto; posts to the host page the height that shows the
// page with its chart at its natural size (message format on /learn/embed/; the page itself
// fills whatever height its frame has: embed.css); and on the first pointer over the chart
// swaps the static SVG for the interactive one (the narrow or the wide, as the page's width
// shows), unless ?static=1. Where the folder stores no PNG card (a frozen embed), it shows the
// PNG link and draws the PNG from the SVG card when the link is clicked. It sets no cookie and
// stores nothing.
(function () {
  "use strict";
  var HEIGHT = "ai-token-tracker:embed-height";
  var params = new URLSearchParams(location.search);
  var theme = params.get("theme");
  var root = document.documentElement;
  root.setAttribute("data-theme", theme === "dark" || theme === "auto" ? theme : "light");

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen === "dark" ||
      (chosen === "auto" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  // The interactive chart in the page's colours: the spec is drawn light; in the dark theme
  // each colour of the chart's furniture is swapped for the one embed.css gives it
  // (--tt-dark-<light colour>); the data colours stay.
  function themed(text) {
    if (!isDark()) return JSON.parse(text);
    var style = getComputedStyle(root);
    return JSON.parse(text.replace(/"#([0-9a-fA-F]{6})"/g, function (found, hex) {
      var dark = style.getPropertyValue("--tt-dark-" + hex.toLowerCase()).trim();
      return dark ? "\"" + dark + "\"" : found;
    }));
  }

  // The drawing the page shows: the narrow one where its media query matches.
  function specUrl(main) {
    var media = main.getAttribute("data-tt-narrow-media");
    var narrow = media && window.matchMedia(media).matches &&
      main.getAttribute("data-tt-spec-narrow");
    return new URL(narrow || main.getAttribute("data-tt-spec"), location.href).href;
  }

  // The PNG card of a frozen embed, drawn in the browser: the SVG card on a canvas of the card's
  // size, saved under the link's file name. Without JavaScript the link stays hidden and the
  // SVG link beside it offers the same card.
  function pngLinks(main) {
    function save(url, name) {
      var anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = name;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
    }
    Array.prototype.forEach.call(main.querySelectorAll("a[data-tt-png]"), function (link) {
      var size = link.getAttribute("data-tt-png").split("x");
      var canvas = document.createElement("canvas");
      if (!canvas.toBlob || !window.URL || !URL.createObjectURL) return;
      link.parentNode.hidden = false;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var svgName = link.pathname.split("/").pop();  // the fallback: the SVG card itself
        var image = new Image();
        image.onload = function () {
          canvas.width = Number(size[0]);
          canvas.height = Number(size[1]);
          canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            if (!blob) { save(link.href, svgName); return; }
            var url = URL.createObjectURL(blob);
            save(url, link.getAttribute("download"));
            setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
          }, "image/png");
        };
        image.onerror = function () { save(link.href, svgName); };
        image.src = link.href;
      });
    });
  }

  // The height that shows the chart at its natural size: the page fills its frame (embed.css),
  // its chart taking the height the text leaves, so the text's height is the page's less the
  // figure's, and the chart's natural height is the drawing's at the figure's width (no wider
  // than its CSS max-width). With the frame at this height, filling it is the natural layout.
  function naturalHeight(main) {
    var figure = main.querySelector(".tt-embed__figure");
    var page = main.getBoundingClientRect().height;
    var shown = figure && [].filter.call(figure.querySelectorAll("svg[viewBox]"), function (svg) {
      return svg.getBoundingClientRect().width > 0 && !svg.parentNode.closest("svg");
    })[0];
    if (!shown) return page;
    var box = figure.getBoundingClientRect();
    var most = parseFloat(getComputedStyle(shown).maxWidth);
    var width = Math.min(box.width, most > 0 ? most : box.width);
    var view = shown.viewBox.baseVal;
    return page - box.height + width * view.height / view.width;
  }

  function start() {
    var main = document.querySelector("main.tt-embed");
    if (!main) return;
    // Opened on its own: the natural layout, which no window height shrinks.
    if (window.parent === window) root.setAttribute("data-tt-layout", "natural");
    var last = 0;
    function post(force) {
      var height = Math.ceil(naturalHeight(main));
      if (window.parent === window || (height === last && !force)) return;
      last = height;
      window.parent.postMessage({ type: HEIGHT, version: 1, height: height }, "*");
    }
    if ("ResizeObserver" in window) {
      // the figure too: a web font or a new line of text resizes it and not the page
      var observer = new ResizeObserver(function () { post(false); });
      observer.observe(main);
      observer.observe(main.querySelector(".tt-embed__figure") || main);
    }
    window.addEventListener("load", function () { post(false); });
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.source === window.parent && data && data.type === HEIGHT + "-request") post(true);
    });
    post(true);
    pngLinks(main);

    var chart = main.querySelector(".tt-embed__chart");
    if (!chart || params.get("static") === "1") return;
    var started = false;
    function upgrade() {
      if (started) return;
      started = true;
      main.setAttribute("data-tt-state", "loading");
      var bundle = new URL(main.getAttribute("data-tt-bundle"), location.href).href;
      var spec = specUrl(main);
      var live = document.createElement("div");
      live.className = "tt-embed__live";
      Promise.all([
        import(bundle).then(function () { return window.vegaEmbed; }),
        fetch(spec).then(function (response) {
          if (!response.ok) throw new Error(spec + ": HTTP " + response.status);
          return response.text();
        }),
      ]).then(function (loaded) {
        chart.parentNode.insertBefore(live, chart);
        // ast: Vega's expression interpreter, so no eval under the CSP; no injected styles.
        return loaded[0](live, themed(loaded[1]), {
          actions: false, renderer: "svg", ast: true, defaultStyle: false,
          tooltip: { disableDefaultStyle: true },
        });
      }).then(function () {
        var svg = live.querySelector("svg");
        var label = chart.querySelector(".tt-embed__svg");
        if (svg && label) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", label.getAttribute("aria-label") || "");
        }
        chart.hidden = true;
        main.setAttribute("data-tt-state", "live");
        post(false);
      }).catch(function (error) {
        // The static chart stays: the embed is complete without the interactive layer.
        live.remove();
        main.setAttribute("data-tt-state", "static");
        console.warn("Interactive chart unavailable:", error);
      });
    }
    chart.addEventListener("pointerenter", upgrade, { once: true });
    chart.addEventListener("pointerdown", upgrade, { once: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
