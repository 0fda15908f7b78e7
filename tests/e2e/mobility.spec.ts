import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { readFile } from "node:fs/promises";
import { A11Y_TAGS, hydrated } from "./site";

const daysDone = (page: Page) => page.getByText(/^\d+ of 25 days$/);
const dayToggle = (page: Page, day: number) => page.getByRole("button", { name: `Mark day ${day} done`, exact: true });

/** Opens one of the tracker's disclosure sections (their code loads on first opening). */
async function openSection(page: Page, title: string) {
  await page.getByText(title, { exact: true }).click();
}
const DATA = "Export, import, reminder and reset";

async function openTracker(page: Page) {
  await page.goto("/mobility/");
  await hydrated(page);
  await expect(daysDone(page)).toBeVisible();
}

test("days marked on a day page and on /mobility/ are kept across reloads", async ({ page }) => {
  await page.goto("/mobility/day-3/");
  await hydrated(page);
  await dayToggle(page, 3).click();
  await expect(dayToggle(page, 3)).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await hydrated(page);
  await expect(dayToggle(page, 3)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("status")).toContainText("Day 3 is done");

  await openTracker(page);
  await expect(daysDone(page)).toHaveText("1 of 25 days");
  await expect(dayToggle(page, 3)).toHaveAttribute("aria-pressed", "true");
  await dayToggle(page, 1).click();
  await expect(daysDone(page)).toHaveText("2 of 25 days");
  await expect(page.getByRole("link", { name: "Day 2", exact: true })).toHaveAttribute("href", "/mobility/day-2/");
  await page.reload();
  await hydrated(page);
  await expect(daysDone(page)).toHaveText("2 of 25 days");

  await dayToggle(page, 3).click();
  await expect(daysDone(page)).toHaveText("1 of 25 days");
  await expect(dayToggle(page, 3)).toHaveAttribute("aria-pressed", "false");
});

test("two tabs of the same browser stay in step", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openTracker(first);
  await openTracker(second);
  await dayToggle(first, 4).click();
  await expect(daysDone(second)).toHaveText("1 of 25 days");
  await expect(dayToggle(second, 4)).toHaveAttribute("aria-pressed", "true");
});

test("corrupt stored progress: the page works, says so, and offers the old data", async ({ page }) => {
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto("/mobility/");
  await page.evaluate(() => {
    localStorage.setItem("runsmart.mobility", '{"version":2,"days":{"3":{"at":12');
  });
  await openTracker(page);
  await expect(page.getByRole("alert")).toContainText("could not be read");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the unreadable data" }).click();
  const file = await (await downloading).path();
  expect(await readFile(file, "utf8")).toBe('{"version":2,"days":{"3":{"at":12');
  await dayToggle(page, 2).click();
  await expect(daysDone(page)).toHaveText("1 of 25 days");
  expect(await page.evaluate(() => localStorage.getItem("runsmart.mobility.backup"))).toContain('"at":12');
  expect(errors).toEqual([]);
});

test("storage that throws still lets the runner tick days, with a warning", async ({ page }) => {
  await page.addInitScript(() => {
    const fail = () => {
      throw new DOMException("blocked", "SecurityError");
    };
    Storage.prototype.getItem = fail;
    Storage.prototype.setItem = fail;
    Storage.prototype.removeItem = fail;
  });
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  await openTracker(page);
  await dayToggle(page, 1).click();
  await dayToggle(page, 2).click();
  await expect(daysDone(page)).toHaveText("2 of 25 days");
  await expect(page.getByText(/progress will not be saved/)).toBeVisible();
  expect(errors).toEqual([]);
});

test("export, then import in a fresh browser, restores progress after a confirmation", async ({ page, browser }) => {
  await openTracker(page);
  for (const day of [1, 2, 6]) await dayToggle(page, day).click();
  await expect(daysDone(page)).toHaveText("3 of 25 days");
  await openSection(page, DATA);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export progress" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^run-smart-mobility-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openTracker(other);
  await expect(daysDone(other)).toHaveText("0 of 25 days");
  await openSection(other, DATA);
  await other.getByLabel("Import progress from a file").setInputFiles(file);
  const dialog = other.getByRole("alertdialog");
  await expect(dialog).toContainText("3");
  await dialog.getByRole("button", { name: "Replace my progress" }).click();
  await expect(daysDone(other)).toHaveText("3 of 25 days");
  await other.reload();
  await hydrated(other);
  await expect(daysDone(other)).toHaveText("3 of 25 days");
  await fresh.close();
});

test("an import file that is not progress is refused with a reason", async ({ page }) => {
  await openTracker(page);
  await openSection(page, DATA);
  await page.getByLabel("Import progress from a file").setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from('{"hello":"world"}'),
  });
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(page.getByText(/not|export/i).last()).toBeVisible();
  await expect(daysDone(page)).toHaveText("0 of 25 days");
});

test("self-test results show the change from day 1 to day 25", async ({ page }) => {
  await openTracker(page);
  await openSection(page, "Self-tests: day 1 and day 25");
  const baseline = page.getByRole("form", { name: "Day 1 self-tests" });
  await baseline.getByLabel("Knee-to-wall distance (cm)").fill("8");
  await baseline.getByLabel("Balance, left leg (s)").fill("12");
  await baseline.getByLabel("Balance, right leg (s)").fill("15");
  await baseline.getByLabel("Deep-squat hold (s)").fill("20");
  await baseline.getByRole("button", { name: /Save day 1/ }).click();
  const retest = page.getByRole("form", { name: "Day 25 self-tests" });
  await retest.getByLabel("Knee-to-wall distance (cm)").fill("11");
  await retest.getByLabel("Balance, left leg (s)").fill("25");
  await retest.getByLabel("Balance, right leg (s)").fill("abc");
  await retest.getByRole("button", { name: /Save day 25/ }).click();
  await expect(retest.getByLabel("Balance, right leg (s)")).toHaveAttribute("aria-invalid", "true");
  await retest.getByLabel("Balance, right leg (s)").fill("22");
  await retest.getByLabel("Deep-squat hold (s)").fill("45");
  await retest.getByRole("button", { name: /Save day 25/ }).click();
  const table = page.getByRole("table", { name: "Your change" });
  await expect(table.getByRole("row", { name: /Knee/ })).toContainText("+3");
  await expect(table.getByRole("row", { name: /squat/i })).toContainText("+25");
  await expect(page.getByRole("img", { name: /./ }).locator("rect").first()).toBeVisible();
});

test("a section whose code cannot be fetched says so, and loads once the connection is back", async ({ page }) => {
  await openTracker(page);
  // The runner went offline after the page loaded: the section's code does not arrive.
  await page.route(/\/_astro\/SelfTests\.[^/]*\.js$/, (route) => route.abort("internetdisconnected"));
  await openSection(page, "Self-tests: day 1 and day 25");
  await expect(page.getByRole("alert")).toContainText("could not be loaded: check your connection");
  await page.unrouteAll();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("form", { name: "Day 1 self-tests" })).toBeVisible();
});

test("a daily reminder downloads as a calendar file", async ({ page }) => {
  await openTracker(page);
  await openSection(page, DATA);
  await page.getByLabel("Reminder time").fill("06:30");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Add a daily reminder" }).click();
  const text = await readFile(await (await downloading).path(), "utf8");
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text).toContain("RRULE:FREQ=DAILY;COUNT=25");
  expect(text).toMatch(/DTSTART:\d{8}T063000/);
});

test("reset asks first, then clears progress", async ({ page }) => {
  await openTracker(page);
  await dayToggle(page, 1).click();
  await openSection(page, DATA);
  await page.getByRole("button", { name: "Reset progress" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(daysDone(page)).toHaveText("1 of 25 days");
  await page.getByRole("button", { name: "Reset progress" }).click();
  await page.getByRole("button", { name: "Yes, reset my progress" }).click();
  await expect(daysDone(page)).toHaveText("0 of 25 days");
});

test("without JavaScript the program is readable and no dead controls are shown", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/mobility/");
  await expect(page.getByRole("link", { name: /Day 25/ })).toBeVisible();
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await page.goto("/mobility/day-1/");
  await expect(page.getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Mark day/ })).toHaveCount(0);
  await context.close();
});

for (const path of ["/mobility/", "/mobility/day-1/", "/articles/25-days-of-mobility/"]) {
  test(`axe finds no violations on ${path} with the tracker running`, async ({ page }) => {
    await page.goto(path);
    // The article's tracker hydrates only once it is scrolled into view.
    const waiting = page.locator("astro-island[ssr] > div");
    // An island that hydrates on load may replace the placeholder while this runs: that is fine.
    if ((await waiting.count()) > 0)
      await waiting
        .first()
        .scrollIntoViewIfNeeded({ timeout: 3000 })
        .catch(() => undefined);
    await hydrated(page);
    await page
      .getByRole("button", { name: /Mark day 1 done/ })
      .first()
      .click();
    if (path !== "/mobility/day-1/") {
      await openSection(page, "Self-tests: day 1 and day 25");
      await openSection(page, DATA);
      await expect(page.getByRole("button", { name: "Export progress" })).toBeVisible();
    }
    const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
