// Upgrades a static chart (a <picture> of its SVG, shown first) to the interactive Vega chart
// when the reader asks for it. The Vega bundle (~300 KB gzip, ~0.5 s of a phone's main thread)
// is served by this site and loaded as a module only then, so it never blocks the first render
// and leaks no globals beyond vegaEmbed/vega/vegaLite.
//
// Asking: every chart gets an "Explore this chart" button, put in by this script (a page read
// without JavaScript has none, and is complete with its static drawings). On a phone (a touch
// screen, or any screen narrow enough for the narrow drawing) the button is the only way:
// loading or scrolling a page never fetches the bundle. With a mouse on a wide screen, resting
// the pointer on a chart (HOVER_INTENT_MS) or moving the keyboard focus into it also upgrades it.
//
// The interactive chart is the drawing the page shows: the narrow spec where the figure's
// <source media> query matches (a phone), the wide one elsewhere; in the page's dark scheme its
// chart furniture (background, text, grid, axes) takes the dark colours tracker.css declares
// (--tt-dark-<light colour>). It is drawn again when the scheme or the width changes. The static
// drawings need no script, but for a reader who switched scheme (showOtherScheme).
const BUNDLE_URL = new URL("generated/vega-bundle.js", import.meta.url).href;
let bundle = null;
const specs = new Map(); // URL -> the spec's text, fetched once

// Each fetched once; a failure is forgotten, so that pressing the button again tries again
// (the bundle under another address: the browser keeps a failed module import for the page).
let attempts = 0;

function loadVega() {
  if (!bundle) {
    const url = attempts++ ? `${BUNDLE_URL}?attempt=${attempts}` : BUNDLE_URL;
    bundle = import(url).then(() => window.vegaEmbed).catch((error) => {
      bundle = null;
      throw error;
    });
  }
  return bundle;
}

function specText(url) {
  if (!specs.has(url)) {
    specs.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    }).catch((error) => {
      specs.delete(url);
      throw error;
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
    live.tabIndex = -1;  // the button hands the focus to the chart it opened
    figure.insertBefore(live, figure.querySelector("figcaption"));
  }
  figure.ttView?.finalize();
  live.replaceChildren();
  const result = await embed(live, themed(text, figure), {
    actions: false, renderer: "svg", tooltip: { theme: isDark() ? "dark" : "light" },
    loader: { baseURL: new URL(".", url).href },  // its data files sit beside the spec
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

const EXPLORE = "Explore this chart";
const EXPLORE_NAME = "Explore this chart (interactive)";
const LOADING = "Loading the interactive chart…";

// Drawn once per figure; a failed attempt leaves the static drawing and the button, to try again.
async function upgrade(figure) {
  if (figure.dataset.ttState === "loading" || figure.dataset.ttState === "live") return;
  const button = figure.querySelector(".tt-chart__explore");
  figure.dataset.ttState = "loading";
  if (button) {
    button.setAttribute("aria-disabled", "true");
    button.textContent = LOADING;
  }
  try {
    await draw(figure);
    figure.dataset.ttState = "live";
    // The reader who pressed the button is taken to the chart, which takes the button's place
    // (the focus would otherwise fall back to the top of the page).
    if (button && document.activeElement === button) {
      figure.querySelector(".tt-chart__live").focus({ preventScroll: true });
    }
    button?.remove();
  } catch (error) {
    // The static drawing stays: the page is complete without the interactive layer.
    figure.querySelector(".tt-chart__live")?.remove();
    figure.dataset.ttState = "static";
    if (button) {
      button.removeAttribute("aria-disabled");
      button.textContent = EXPLORE;
    }
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

// What asks for the interactive chart: on a phone (no mouse, or a narrow screen) the button
// only; with a mouse on a wide screen also the pointer resting on the chart, or the focus.
const HOVER_INTENT_MS = 150;
const MOUSE = "(hover: hover) and (pointer: fine)";

function asksOnHover(figure) {
  const narrow = figure.dataset.ttNarrowMedia;
  return window.matchMedia(MOUSE).matches && !(narrow && window.matchMedia(narrow).matches);
}

function addExploreButton(figure) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "tt-chart__explore";
  button.textContent = EXPLORE;
  button.setAttribute("aria-label", EXPLORE_NAME);
  button.addEventListener("click", () => upgrade(figure));
  figure.insertBefore(button, figure.querySelector("figcaption"));
}

function offerTheLiveChart(figure) {
  if (figure.dataset.ttOffered) return;  // (this module evaluated again on the same page)
  figure.dataset.ttOffered = "true";
  addExploreButton(figure);
  let intent = 0;
  figure.addEventListener("pointerenter", (event) => {
    if (event.pointerType !== "mouse" || !asksOnHover(figure)) return;
    clearTimeout(intent);
    intent = setTimeout(() => upgrade(figure), HOVER_INTENT_MS);
  });
  figure.addEventListener("pointerleave", () => clearTimeout(intent));
  figure.addEventListener("focusin", () => {
    if (asksOnHover(figure)) upgrade(figure);
  });
}

// Kept on window: instant navigation may evaluate this module afresh for the next page.
const state = window.ttCharts || (window.ttCharts = { watching: false });

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
  if (!figures.length) return;
  watchThePage(figures);
  showOtherScheme();
  for (const figure of figures) offerTheLiveChart(figure);
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
