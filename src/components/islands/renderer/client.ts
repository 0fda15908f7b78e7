/**
 * The browser half of the Preact renderer: hydrates (or, for client:only, renders) one island.
 * It does what @astrojs/preact's client does for the islands this site has (props, children and
 * named slots, the island id that keeps useId unique, unmount) without its @preact/signals support,
 * which the site does not use. That support is a dynamic import, which also puts Vite's preload
 * helper on every island page: 0.8-1.4 KB gzip a page. Signal props passed to an island would
 * arrive as plain values here, so islands take plain props only.
 *
 * Seeding useId means writing Preact's internal vnode field (`_mask`, `__m` once mangled), as the
 * official client does too. preact is therefore pinned to an exact version in package.json, and
 * tests/e2e/islands.spec.ts fails when an upgrade changes that field.
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
