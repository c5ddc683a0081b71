// Upgrades each static chart (a <picture> of its SVG, shown first) to the interactive Vega chart
// when the reader scrolls it into view, hovers, focuses or taps it. The Vega bundle is served by
// this site, loaded as a module only when a chart needs it, so it never blocks the first render
// and leaks no globals beyond vegaEmbed/vega/vegaLite.
//
// The interactive chart is the drawing the page shows: the narrow spec where the figure's
// <source media> query matches (a phone), the wide one elsewhere; in the page's dark scheme its
// chart furniture (background, text, grid, axes) takes the dark colours tracker.css declares
// (--tt-dark-<light colour>). It is drawn again when the scheme or the width changes. The static
// drawings need no script, but for a reader who switched scheme (showOtherScheme).
const BUNDLE_URL = new URL("generated/vega-bundle.js", import.meta.url).href;
let bundle = null;
const specs = new Map(); // URL -> the spec's text, fetched once

function loadVega() {
  if (!bundle) {
    bundle = import(BUNDLE_URL).then(() => window.vegaEmbed);
  }
  return bundle;
}

function specText(url) {
  if (!specs.has(url)) {
    specs.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    }));
  }
  return specs.get(url);
}

function isNarrow(figure) {
  const media = figure.dataset.ttNarrowMedia;
  return Boolean(media && figure.dataset.ttSpecNarrow && window.matchMedia(media).matches);
}

function isDark() {
  return document.body.getAttribute("data-md-color-scheme") === "slate";
}

// A light spec in the dark scheme: each colour of the chart's furniture swapped for the dark
// one tracker.css gives it; the data colours (readable on both backgrounds) stay.
function themed(text, figure) {
  if (!isDark()) return JSON.parse(text);
  const style = getComputedStyle(figure);
  return JSON.parse(text.replace(/"#([0-9a-fA-F]{6})"/g, (found, hex) => {
    const dark = style.getPropertyValue(`--tt-dark-${hex.toLowerCase()}`).trim();
    return dark ? `"${dark}"` : found;
  }));
}

async function draw(figure) {
  const relative = isNarrow(figure) ? figure.dataset.ttSpecNarrow : figure.dataset.ttSpec;
  const url = new URL(relative, document.baseURI).href;
  const [embed, text] = await Promise.all([loadVega(), specText(url)]);
  let live = figure.querySelector(".tt-chart__live");
  if (!live) {
    live = document.createElement("div");
    live.className = "tt-chart__live";
    figure.insertBefore(live, figure.querySelector("figcaption"));
  }
  figure.ttView?.finalize();
  live.replaceChildren();
  const result = await embed(live, themed(text, figure), {
    actions: false, renderer: "svg", tooltip: { theme: isDark() ? "dark" : "light" },
  });
  figure.ttView = result.view;
  figure.dataset.ttDrawn = `${isNarrow(figure) ? "narrow" : "wide"} ${isDark() ? "dark" : "light"}`;
  const svg = live.querySelector("svg");
  const image = figure.querySelector(".tt-chart__img");
  if (svg && image) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", image.alt);
  }
}

async function upgrade(figure) {
  if (figure.dataset.ttState) return;
  figure.dataset.ttState = "loading";
  try {
    await draw(figure);
    figure.dataset.ttState = "live";
  } catch (error) {
    // The static drawing stays: the page is complete without the interactive layer.
    figure.querySelector(".tt-chart__live")?.remove();
    figure.dataset.ttState = "static";
    console.warn("Interactive chart unavailable:", error);
  }
}

// A reader who switched to the scheme their system does not prefer gets that scheme's static
// drawings: each figure's <template> holds them (so they are fetched only now); tracker.css
// shows them in place of the system scheme's.
function switchedScheme() {
  const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;
  return document.body.hasAttribute("data-md-color-media") && isDark() !== dark;
}

function showOtherScheme() {
  if (!switchedScheme()) return;
  for (const template of document.querySelectorAll("template.tt-chart__other-scheme")) {
    template.replaceWith(template.content.cloneNode(true));
  }
}

// Live charts follow the page: drawn again when the reader switches the colour scheme, or when
// the width crosses into the other drawing (a phone turned sideways).
function redrawLive() {
  for (const figure of document.querySelectorAll("figure.tt-chart[data-tt-state=live]")) {
    const wanted = `${isNarrow(figure) ? "narrow" : "wide"} ${isDark() ? "dark" : "light"}`;
    if (figure.dataset.ttDrawn !== wanted) {
      draw(figure).catch((error) => console.warn("Interactive chart unavailable:", error));
    }
  }
}

// The bundle (~300 KB gzip, ~0.5 s of a phone's main thread) waits for the reader: a chart
// upgrades when it is hovered, focused or tapped, or is in view once the reader has scrolled,
// pointed, touched or typed. A chart that merely happens to be in view at load stays static, so
// the page is interactive at once.
const ENGAGEMENT = ["scroll", "wheel", "pointerdown", "touchstart", "keydown"];
// Kept on window: instant navigation may evaluate this module afresh for the next page.
const state = window.ttCharts || (window.ttCharts = { engaged: false, watching: false });
let observer = null;
const waiting = new Set();

function engage() {
  if (state.engaged) return;
  state.engaged = true;
  for (const type of ENGAGEMENT) window.removeEventListener(type, engage, true);
  for (const figure of waiting) observer?.observe(figure);
  waiting.clear();
}

function watchThePage(figures) {
  if (state.watching) return;
  state.watching = true;
  new MutationObserver(() => {
    showOtherScheme();
    redrawLive();
  }).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });
  const media = figures[0].dataset.ttNarrowMedia;
  if (media) window.matchMedia(media).addEventListener("change", redrawLive);
}

function init() {
  const figures = document.querySelectorAll("figure.tt-chart[data-tt-spec]");
  waiting.clear();  // figures of the page instant navigation replaced
  if (!figures.length) return;
  watchThePage(figures);
  showOtherScheme();
  if (!observer && "IntersectionObserver" in window) {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          upgrade(entry.target);
        }
      }
    }, { rootMargin: "200px" });
  }
  for (const figure of figures) {
    if (state.engaged) observer?.observe(figure);
    else waiting.add(figure);
    figure.addEventListener("pointerenter", () => upgrade(figure), { once: true });
    figure.addEventListener("focusin", () => upgrade(figure), { once: true });
  }
}

if (!state.engaged) {
  for (const type of ENGAGEMENT) {
    window.addEventListener(type, engage, { capture: true, passive: true });
  }
}

// Material's search overlay is a dialog without a name (axe: aria-dialog-name); the header
// persists across instant navigation, so naming it once is enough.
document.querySelector(".md-search[role=dialog]")?.setAttribute("aria-label", "Search");

// Material's instant navigation swaps pages without a reload; document$ emits on each page.
if (window.document$) {
  window.document$.subscribe(init);
} else {
  init();
}
