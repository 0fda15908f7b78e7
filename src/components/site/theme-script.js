// The page's one render-blocking script, inlined by ThemeScript.astro after minification
// (`?minified`, astro.config.mjs). Before first paint it applies the stored or system theme, so the
// wrong theme never flashes, and marks <html> with `js`; it keeps in step with the system setting
// and other tabs, wires every [data-theme-toggle] button (aria-pressed = dark), and switches the
// site's stylesheet on once it has loaded without blocking the first paint (Document.astro sends
// it as media="print" with data-deferred). Storage may throw (private modes): the choice then lasts
// for the page only.
/* global document, matchMedia, addEventListener */
(() => {
  const doc = document;
  const root = doc.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const stored = () => {
    try {
      const theme = localStorage.theme;
      return theme === "dark" || theme === "light" ? theme : undefined;
    } catch {
      return undefined;
    }
  };
  const apply = (theme) => {
    root.dataset.theme = theme;
    for (const button of doc.querySelectorAll("[data-theme-toggle]")) button.ariaPressed = String(theme === "dark");
  };
  const sync = () => apply(stored() ?? (system.matches ? "dark" : "light"));
  root.classList.add("js");
  sync();
  system.onchange = sync;
  addEventListener("storage", sync);
  doc.addEventListener("DOMContentLoaded", sync);
  doc.addEventListener("click", (event) => {
    if (!event.target.closest?.("[data-theme-toggle]")) return;
    const theme = root.dataset.theme === "dark" ? "light" : "dark";
    try {
      localStorage.theme = theme;
    } catch {
      // The choice lasts for this page.
    }
    apply(theme);
  });
  // Load events do not bubble; a capturing listener on the document sees the stylesheet's.
  doc.addEventListener(
    "load",
    (event) => {
      if (event.target.hasAttribute?.("data-deferred")) event.target.media = "all";
    },
    true,
  );
})();
