/**
 * The browser half of the Preact renderer: hydrates (or, for client:only, renders) one island.
 * It does what @astrojs/preact's client does for the islands this site has (props, children and
 * named slots, the island id that keeps useId unique, unmount) without its @preact/signals support,
 * which the site does not use. That support is a dynamic import, which also pulled Vite's preload
 * helper into every island page: about 1.5 KB gzip for nothing. Signal props passed to an island
 * would arrive as plain values here, so islands take plain props only.
 */
import type { ComponentType } from "preact";
import { h, hydrate, render } from "preact";

/** Server-rendered children, inserted as they are and never re-rendered. */
function StaticHtml({ value, name }: { value: string | undefined; name?: string }) {
  return value ? h("astro-slot", { name, dangerouslySetInnerHTML: { __html: value } }) : null;
}
StaticHtml.shouldComponentUpdate = () => false;

type Slots = Record<string, string | undefined> & { default?: string };

export default (element: HTMLElement) =>
  (
    component: ComponentType,
    props: Record<string, unknown>,
    { default: children, ...slots }: Slots,
    { client }: { client: string },
  ) => {
    if (!element.hasAttribute("ssr")) return;
    // The same tree as the server rendered (@astrojs/preact/server.js), or hydration would differ.
    for (const [name, value] of Object.entries(slots)) props[name] = h(StaticHtml, { value, name });
    const vnode = h(component, props, children != null ? h(StaticHtml, { value: children }) : children);
    // The id Astro gave this island seeds Preact's useId, as on the server, so ids never collide.
    const islandId = Number.parseInt(element.getAttribute("data-preact-island-id") ?? "", 10);
    const maskId = Number.isNaN(islandId) ? element.getAttribute("uid") : islandId;
    if (maskId !== null) {
      const mask = [maskId, 0];
      Object.assign(vnode, { _mask: mask, __m: mask });
    }
    if (client === "only") {
      element.innerHTML = "";
      render(vnode, element);
    } else hydrate(vnode, element);
    element.addEventListener(
      "astro:unmount",
      () => {
        render(null, element);
      },
      { once: true },
    );
  };
