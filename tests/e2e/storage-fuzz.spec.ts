/**
 * Stored browser state is untrusted: whatever is in localStorage, the tools must load without a
 * page error. Generated values: random strings, random JSON, and near-misses of the real shapes.
 */
import { expect, test, type Page } from "./fixtures";
import fc from "fast-check";
import { hydrated } from "./site";

const SEED = 20261125;

function corruptValues(count: number, validShapes: unknown[]): string[] {
  const nearMiss = fc
    .tuple(fc.constantFrom(...validShapes), fc.jsonValue(), fc.string({ maxLength: 6 }))
    .map(([shape, junk, key]) => {
      const copy = JSON.parse(JSON.stringify(shape)) as Record<string, unknown>;
      copy[key || "version"] = junk;
      return JSON.stringify(copy);
    });
  const arbitrary = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    nearMiss,
    nearMiss.map((s) => s.slice(0, Math.max(1, Math.floor(s.length / 2)))),
  );
  return fc.sample(arbitrary, { numRuns: count, seed: SEED });
}

function collectErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  return errors;
}

test("the mobility tracker survives 500 corrupt values arriving from another tab", async ({ context }) => {
  test.slow();
  const writer = await context.newPage();
  const reader = await context.newPage();
  const errors = collectErrors(reader);
  await writer.goto("/mobility/");
  await reader.goto("/mobility/");
  await hydrated(reader);
  const done = (day: number) => ({ at: `2026-11-2${day}T18:00:00.000Z`, on: `2026-11-2${day}` });
  const values = corruptValues(500, [{ version: 2, days: { "3": done(3) }, selfTests: {} }]);
  // Last, a valid value: storage events arrive in order, so the reader showing it proves it took in
  // every event before it, corrupt ones included, and still follows another tab's changes.
  const last = JSON.stringify({ version: 2, days: { "1": done(1), "2": done(2), "4": done(4) }, selfTests: {} });
  await expect(reader.getByText("0 of 25 days")).toBeVisible();
  await writer.evaluate(
    (list) => {
      for (const value of list) localStorage.setItem("runsmart.mobility", value);
    },
    [...values, last],
  );
  await expect(reader.getByText("3 of 25 days")).toBeVisible();
  await expect(reader.getByRole("button", { name: "Mark day 4 done" })).toHaveAttribute("aria-pressed", "true");
  expect(errors).toEqual([]);
});

test("the tracker and the calculator load with a sample of corrupt stored values", async ({ page }) => {
  test.slow();
  const errors = collectErrors(page);
  const tracker = corruptValues(25, [{ version: 2, days: {}, selfTests: {} }]);
  const calculator = corruptValues(25, [{ v: 1, inputs: { weight: "100", reps: "5", lift: "back-squat" } }]);
  for (const [path, key, values] of [
    ["/mobility/", "runsmart.mobility", tracker],
    ["/tools/load-calculator/", "runsmart.calculator", calculator],
  ] as const) {
    await page.goto(path);
    for (const value of values) {
      await page.evaluate(
        ([k, v]) => {
          localStorage.clear();
          localStorage.setItem(k, v);
        },
        [key, value] as const,
      );
      await page.reload();
      await hydrated(page);
      await expect(page.locator("main")).not.toContainText("NaN");
    }
  }
  await expect(page.getByRole("table", { name: /plan/ })).toBeVisible();
  expect(errors).toEqual([]);
});
