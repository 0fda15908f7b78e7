// The page's one render-blocking script, inlined by ThemeScript.astro after minification
// (`?minified`, astro.config.mjs). Before first paint it applies the stored or system theme, so the
// wrong theme never flashes, and marks <html> with `js`; it keeps in step with the system setting
// and other tabs, and wires every [data-theme-toggle] button (aria-pressed = dark). On a page that
// carries its first screen's CSS inline (Document.astro), it adds the site's stylesheet once the
// first screen is painted, so the stylesheet takes no bandwidth from the page itself; the page names
// it on a <noscript data-stylesheet>, whose <link> serves browsers without JavaScript.
// Storage may throw (private modes): the choice then lasts for the page only.
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
  doc.addEventListener("DOMContentLoaded", () => {
    sync();
    let href = doc.querySelector("noscript[data-stylesheet]")?.dataset.stylesheet;
    const link = () => {
      if (href) doc.head.append(Object.assign(doc.createElement("link"), { rel: "stylesheet", href }));
      href = "";
    };
    // Once the first screen has been painted; a browser that reports no paint gets it after 1 s.
    new PerformanceObserver((list) => list.getEntriesByName("first-contentful-paint")[0] && link()).observe({
      type: "paint",
      buffered: true,
    });
    setTimeout(link, 1000);
  });
})();
