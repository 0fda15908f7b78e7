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
  const values = corruptValues(500, [
    { version: 2, days: { "3": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" } }, selfTests: {} },
    { version: 1, done: [1, 2, 3] },
  ]);
  await writer.evaluate((list) => {
    for (const value of list) localStorage.setItem("runsmart.mobility", value);
  }, values);
  // Give the reader's storage events time to drain, then check it still works.
  await reader.waitForTimeout(500);
  await expect(reader.getByText(/^\d+ of 25 days$/)).toBeVisible();
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
