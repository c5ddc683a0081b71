// Upgrades each static chart (an <img> of its SVG, shown first) to the interactive Vega chart
// when it scrolls into view or is hovered. The Vega bundle is served by this site, loaded as a
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

function init() {
  const figures = document.querySelectorAll("figure.tt-chart[data-tt-spec]");
  if (!figures.length) return;
  const observer = "IntersectionObserver" in window
    ? new IntersectionObserver((entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            upgrade(entry.target);
          }
        }
      }, { rootMargin: "200px" })
    : null;
  for (const figure of figures) {
    if (observer) observer.observe(figure);
    figure.addEventListener("pointerenter", () => upgrade(figure), { once: true });
    figure.addEventListener("focusin", () => upgrade(figure), { once: true });
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
