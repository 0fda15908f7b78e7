/**
 * The site hydrates islands with its own client (src/components/islands/renderer/client.ts), which
 * seeds each island's useId by writing Preact's internal vnode field (`_mask`, mangled `__m`) as
 * @astrojs/preact does. preact is pinned to an exact version in package.json for that reason; this
 * test is what fails when an upgrade renames the field: two islands on one page would then both
 * count their ids from zero and collide.
 */
import { expect, test } from "./fixtures";
import { hydrated } from "./site";

test("two islands using useId on one page get distinct ids", async ({ page }) => {
  // The built day page with its MarkDayDone island repeated as Astro would render a second one.
  await page.route("**/mobility/day-1/", async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    // The page's MarkDayDone island (the routine player is an island too).
    const island =
      /<astro-island [^>]*data-preact-island-id="(\d+)"[^>]*MarkDayDone[^>]*>[\s\S]*?<\/astro-island>/.exec(html);
    if (island === null) throw new Error("no MarkDayDone island on /mobility/day-1/");
    const second = island[0]
      .replace(/ uid="[^"]*"/, ' uid="second"')
      .replace(/data-preact-island-id="\d+"/, `data-preact-island-id="${Number(island[1]) + 1}"`)
      .replace("{&quot;day&quot;:[0,1]}", "{&quot;day&quot;:[0,2]}");
    await route.fulfill({ response, body: html.replace(island[0], island[0] + second) });
  });
  await page.goto("/mobility/day-1/");
  await hydrated(page);

  const buttons = page.getByRole("button", { name: /^Mark day [12] done$/ });
  await expect(buttons).toHaveCount(2);
  const ids = await buttons.evaluateAll((elements) => elements.map((e) => e.getAttribute("aria-describedby")));
  expect(ids.every((id) => id !== null && id !== "")).toBe(true);
  expect(new Set(ids).size).toBe(2);
  // Each button is described by its own island's status line.
  for (const [index, day] of [1, 2].entries()) {
    await expect(buttons.nth(index)).toHaveAccessibleDescription(/Not done yet/);
    const status = page.locator(`[id="${ids[index] ?? ""}"]`);
    await expect(status).toHaveCount(1);
    await buttons.nth(index).click();
    await expect(status).toContainText(`Day ${day} is done`);
  }
});
