// Upgrades each static chart (an <img> of its SVG, shown first) to the interactive Vega chart
// when the reader scrolls it into view, hovers, focuses or taps it. The Vega bundle is served by this site, loaded as a
// module only when a chart needs it, so it never blocks the first render and leaks no globals
// beyond vegaEmbed/vega/vegaLite.
const BUNDLE_URL = new URL("generated/vega-bundle.js", import.meta.url).href;
let bundle = null;

function loadVega() {
  if (!bundle) {
    bundle = import(BUNDLE_URL).then(() => window.vegaEmbed);
  }
  return bundle;
}

async function upgrade(figure) {
  if (figure.dataset.ttState) return;
  figure.dataset.ttState = "loading";
  const staticImage = figure.querySelector(".tt-chart__static");
  try {
    const specUrl = new URL(figure.dataset.ttSpec, document.baseURI);
    const [embed, spec] = await Promise.all([
      loadVega(),
      fetch(specUrl).then((response) => {
        if (!response.ok) throw new Error(`${specUrl}: HTTP ${response.status}`);
        return response.json();
      }),
    ]);
    const live = document.createElement("div");
    live.className = "tt-chart__live";
    figure.insertBefore(live, staticImage);
    await embed(live, spec, { actions: false, renderer: "svg", tooltip: true });
    const svg = live.querySelector("svg");
    if (svg && staticImage) {
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", staticImage.alt);
    }
    staticImage?.setAttribute("hidden", "");
    figure.dataset.ttState = "live";
  } catch (error) {
    // The static SVG stays: the page is complete without the interactive layer.
    figure.querySelector(".tt-chart__live")?.remove();
    figure.dataset.ttState = "static";
    console.warn("Interactive chart unavailable:", error);
  }
}

// The bundle (~300 KB gzip, ~0.5 s of a phone's main thread) waits for the reader: a chart
// upgrades when it is hovered, focused or tapped, or is in view once the reader has scrolled,
// pointed, touched or typed. A chart that merely happens to be in view at load stays static, so
// the page is interactive at once.
const ENGAGEMENT = ["scroll", "wheel", "pointerdown", "touchstart", "keydown"];
// Kept on window: instant navigation may evaluate this module afresh for the next page.
const state = window.ttCharts || (window.ttCharts = { engaged: false });
let observer = null;
const waiting = new Set();

function engage() {
  if (state.engaged) return;
  state.engaged = true;
  for (const type of ENGAGEMENT) window.removeEventListener(type, engage, true);
  for (const figure of waiting) observer?.observe(figure);
  waiting.clear();
}

function init() {
  const figures = document.querySelectorAll("figure.tt-chart[data-tt-spec]");
  waiting.clear();  // figures of the page instant navigation replaced
  if (!figures.length) return;
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
