/**
 * The gym tools on a phone (issue 19): the rest timer with Playwright's clock (right after the page
 * was hidden, the screen wake lock held only while it runs), and the follow-along routine of a
 * program day (every movement, a timed hold that counts down, and the day marked done at the end).
 * Calls to navigator.wakeLock are recorded by an init script that stands in for the browser's.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "./fixtures";
import { A11Y_TAGS, hydrated } from "./site";

test.use({ viewport: { width: 390, height: 844 } });

/** Replaces navigator.wakeLock with a recorder: window.wakeLockCalls lists "request screen" and "release". */
async function recordWakeLock(page: Page) {
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.assign(window, { wakeLockCalls: calls });
    const request = (type: string) => {
      calls.push(`request ${type}`);
      const sentinel = Object.assign(new EventTarget(), {
        type,
        released: false,
        release: () => {
          calls.push("release");
          sentinel.released = true;
          sentinel.dispatchEvent(new Event("release"));
          return Promise.resolve();
        },
      });
      return Promise.resolve(sentinel);
    };
    Object.defineProperty(navigator, "wakeLock", { configurable: true, value: { request } });
  });
}
const wakeLockCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { wakeLockCalls: string[] }).wakeLockCalls.join(", "));

/** Makes the page report itself hidden or visible, as a locked phone or a background tab does. */
async function setVisibility(page: Page, state: "hidden" | "visible") {
  await page.evaluate((s) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => s });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => s === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

test("the rest timer reaches 'Rest done' after its length although the page was hidden, holding the screen only while it runs", async ({
  page,
}) => {
  await recordWakeLock(page);
  await page.clock.install();
  await page.goto("/tools/rest-timer/");
  await hydrated(page);
  const timer = page.getByRole("timer", { name: "Rest remaining" });
  await expect(timer).toHaveText("3:00");
  await page.getByLabel("Rest length").selectOption({ label: "1:30" });
  await expect(timer).toHaveText("1:30");
  const start = page.getByRole("button", { name: "Start rest" });
  expect((await start.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(48);
  await start.click();
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen");
  await expect(page.getByLabel("Rest length")).toBeDisabled();

  await page.clock.runFor(20_000);
  await expect(timer).toHaveText("1:10");
  // The phone locks: the lock is let go, and given back when the page is seen again.
  await setVisibility(page, "hidden");
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release");
  await page.clock.fastForward(10_000);
  await setVisibility(page, "visible");
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release, request screen");
  await expect(timer).toHaveText("1:00");

  // Hidden again past the end: timers barely run in the background, one late read must say done.
  await setVisibility(page, "hidden");
  await page.clock.fastForward(75_000);
  await setVisibility(page, "visible");
  await expect(page.getByText("Rest done: start your next set.")).toBeVisible();
  await expect(timer).toHaveText("0:00");
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release, request screen, release");
  await expect(page.getByRole("button", { name: "Start rest" })).toBeVisible();
});

test("pausing the rest timer lets the screen sleep; Enter resumes it from the keyboard", async ({ page }) => {
  await recordWakeLock(page);
  await page.clock.install();
  await page.goto("/tools/rest-timer/");
  await hydrated(page);
  const timer = page.getByRole("timer", { name: "Rest remaining" });
  await page.getByRole("button", { name: "Start rest" }).click();
  await page.clock.runFor(30_000);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release");
  await page.clock.runFor(60_000);
  await expect(timer).toHaveText("2:30");
  await page.getByRole("button", { name: "Resume" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release, request screen");
  await page.clock.runFor(30_000);
  await expect(timer).toHaveText("2:00");
});

/** The movements of a program day, in order, from its content file. */
async function movementsOf(day: number): Promise<string[]> {
  const file = await readFile(`content/mobility/day-${String(day).padStart(2, "0")}.md`, "utf8");
  return [...file.matchAll(/^ {2}- name: "([^"]+)"/gm)].map((m) => m[1] ?? "");
}

async function startRoutine(page: Page, day: number) {
  await page.goto(`/mobility/day-${day}/`);
  await hydrated(page);
  await page.getByRole("button", { name: "Start today's routine" }).click();
  const player = page.getByRole("dialog");
  await expect(player).toBeVisible();
  return player;
}

test("day 7's routine steps through every movement and finishing marks day 7 done on /mobility/", async ({ page }) => {
  await recordWakeLock(page);
  const names = await movementsOf(7);
  expect(names).toHaveLength(7);
  const player = await startRoutine(page, 7);
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen");
  for (const [i, name] of names.entries()) {
    await expect(player.getByRole("heading", { level: 2 })).toHaveText(name);
    await expect(player).toContainText(`movement ${i + 1} of 7`);
    if (i === 1) {
      await player.getByRole("button", { name: "Previous" }).click();
      await expect(player.getByRole("heading", { level: 2 })).toHaveText(names[0] ?? "");
      await page.keyboard.press("ArrowRight");
      await expect(player.getByRole("heading", { level: 2 })).toHaveText(name);
    }
    await player.getByRole("button", { name: i === names.length - 1 ? "Finish" : "Next" }).click();
  }
  await expect(player.getByRole("heading", { level: 2 })).toHaveText("Routine done");
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release");
  await player.getByRole("button", { name: "Mark day 7 done" }).click();
  await expect(player.getByRole("status")).toContainText("Day 7 is marked done.");
  await player.getByRole("button", { name: "Close" }).click();
  await expect(player).toBeHidden();
  // The page's own button heard the player.
  await expect(page.getByRole("button", { name: "Mark day 7 done", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.goto("/mobility/");
  await hydrated(page);
  await expect(page.getByText(/^\d+ of 25 days$/)).toHaveText("1 of 25 days");
  await expect(page.getByRole("button", { name: "Mark day 7 done", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});

test("a timed hold counts down on each side, pauses, and ends with 'Time is up'", async ({ page }) => {
  await recordWakeLock(page);
  await page.clock.install();
  const player = await startRoutine(page, 1);
  await player.getByRole("button", { name: "Next" }).click();
  await expect(player.getByRole("heading", { level: 2 })).toHaveText("Eyes-closed balance test");
  await expect(player).toContainText("60 s, first side");
  const hold = player.getByRole("timer", { name: "Hold remaining" });
  await expect(hold).toHaveText("1:00");
  await player.getByRole("button", { name: "Start the 60 s hold" }).click();
  await page.clock.runFor(15_000);
  await expect(hold).toHaveText("0:45");
  await player.getByRole("button", { name: "Pause" }).click();
  await expect.poll(() => wakeLockCalls(page)).toBe("request screen, release");
  await page.clock.runFor(30_000);
  await expect(hold).toHaveText("0:45");
  await player.getByRole("button", { name: "Resume" }).click();
  await page.clock.runFor(45_000);
  await expect(hold).toHaveText("0:00");
  await expect(player.getByText("Time is up.")).toBeAttached();
  await player.getByRole("button", { name: "Next" }).click();
  await expect(player).toContainText("60 s, second side");
  await expect(hold).toHaveText("1:00");
});

test("axe finds no violations on a day page in the player", async ({ page }) => {
  const player = await startRoutine(page, 1);
  await player.getByRole("button", { name: "Next" }).click();
  await expect(player.getByRole("timer", { name: "Hold remaining" })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
