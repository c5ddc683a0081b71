// The light/dark toggle of the header (templates/overrides/partials/palette.html), in place of
// Material's script for it, which Material leaves alone there. It does what Material's did —
// the palette on the <body> (data-md-color-media, -scheme, -primary, -accent, which the theme's
// CSS and tracker.js follow), the button of the other scheme shown, the choice kept for the
// next page in the browser's storage under STORAGE_KEY (the partial's inline script applies it
// before the page is drawn), the browser's theme-color and color-scheme — with one difference:
// as a page loads it changes the page only where something differs, and so restyles nothing on
// most visits.
// Material's marked the whole page as "switching" and read the header's style twice, three
// restyles of every element, as every page loaded (benchmarks/README.md, "make lighthouse").
const form = document.querySelector("form[data-tt-palette]");
const SWITCHING = "data-md-color-switching"; // Material's CSS: no transitions while set
const KEYS = ["media", "scheme", "primary", "accent"];
const STORAGE_KEY = form?.dataset.ttPalette; // the reader's choice (the partial names it)

// A palette as Material stores it: the index of its option and that option's colours.
function paletteOf(inputs, input) {
  const color = {};
  for (const key of KEYS) color[key] = input.getAttribute(`data-md-color-${key}`);
  return { index: inputs.indexOf(input), color };
}

// An option for "whatever the system prefers" takes the colours of the option for that scheme.
function resolved(palette) {
  if (palette.color.media !== "(prefers-color-scheme)") return palette;
  const light = window.matchMedia("(prefers-color-scheme: light)").matches;
  const input = form.querySelector(
    `[data-md-color-media='(prefers-color-scheme: ${light ? "light" : "dark"})']`);
  if (!input) return palette;
  const color = { ...palette.color };
  for (const key of ["scheme", "primary", "accent"]) {
    color[key] = input.getAttribute(`data-md-color-${key}`);
  }
  return { index: palette.index, color };
}

function metaNamed(name) {
  let meta = document.head.querySelector(`meta[name="${name}"]`);
  if (!meta) {
    meta = document.createElement("meta");
    meta.name = name;
    document.head.append(meta);
  }
  return meta;
}

// The browser's own colours (scroll bars, form controls, the page before its CSS): the page's
// <meta name="color-scheme"> says "light dark" (templates/overrides/main.html), which follows the
// system; only a reader who chose the other scheme needs it to say theirs. Each write restyles
// the whole page, so it is written only when it changes. theme-color tints a phone's address
// bar with the header's colour.
function updateBrowserColours(palette) {
  const header = document.querySelector("[data-md-component=header]");
  if (!header) return;
  const style = window.getComputedStyle(header);
  const media = palette.color.media;
  const followsSystem = media === "(prefers-color-scheme)" || window.matchMedia(media).matches;
  const scheme = followsSystem ? "light dark" : style.colorScheme;
  const schemeMeta = metaNamed("color-scheme");
  if (schemeMeta.content !== scheme) schemeMeta.content = scheme;
  const hex = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3)
    .map((value) => (+value).toString(16).padStart(2, "0")).join("");
  const themeMeta = metaNamed("theme-color");
  if (hex && themeMeta.content !== `#${hex}`) themeMeta.content = `#${hex}`;
}

function show(stored, inputs, { switching }) {
  const palette = resolved(stored);
  const body = document.body;
  const changes = Object.entries(palette.color)
    .filter(([key, value]) => value !== null && body.getAttribute(`data-md-color-${key}`) !== value);
  // A change of scheme or colour on screen, without the theme's colour transitions
  const restyles = changes.some(([key]) => key !== "media");
  if (switching || restyles) body.setAttribute(SWITCHING, "");
  for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, value);
  inputs.forEach((input, index) => {
    const label = input.nextElementSibling;
    if (label instanceof HTMLLabelElement && label.hidden !== (index !== palette.index)) {
      label.hidden = index !== palette.index;
    }
  });
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  } catch {
    // no storage (a browser's privacy setting): the choice lasts for this page
  }
  // In the next frame, whose restyle reading the header's style only brings forward (with the
  // new colours, while transitions are off); the transitions back on after it.
  window.requestAnimationFrame(() => {
    updateBrowserColours(palette);
    if (body.hasAttribute(SWITCHING)) setTimeout(() => body.removeAttribute(SWITCHING));
  });
}

function storedPalette() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null; // no storage (a browser's privacy setting): the system's scheme
  }
}

function init() {
  if (!form || form.dataset.ttPaletteReady) return;
  form.dataset.ttPaletteReady = "true";
  const inputs = [...form.querySelectorAll("input.md-option")];
  if (!inputs.length) return;
  // The stored choice, else the option whose media query the system matches (as Material)
  const stored = storedPalette();
  let index = stored && Number.isInteger(stored.index) ? stored.index
    : inputs.findIndex((input) => window.matchMedia(input.getAttribute("data-md-color-media")).matches);
  index = Math.max(0, Math.min(index, inputs.length - 1));
  let current = paletteOf(inputs, inputs[index]);
  show(current, inputs, { switching: false });

  // The reader's switch: a press on the shown button checks the next option
  for (const input of inputs) {
    input.addEventListener("change", () => {
      current = paletteOf(inputs, input);
      show(current, inputs, { switching: true });
    });
  }
  // Enter on the focused option switches too (the button is a label: a radio takes the focus)
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = inputs[(current.index + 1) % inputs.length];
    next.click();
    next.focus();
  });
  // The system's scheme changed: an automatic option follows it, and the browser's colours
  // are worked out again
  window.matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => {
    show(current, inputs, { switching: false });
  });
}

init();
