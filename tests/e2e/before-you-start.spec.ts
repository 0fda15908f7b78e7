import { expect, test } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { A11Y_TAGS } from "./site";

const NOTE = "check whether you should see a doctor or physiotherapist first";

test("the before-you-start note is one click from /mobility/ and lists who should check first", async ({ page }) => {
  await page.goto("/mobility/");
  await page.getByRole("link", { name: NOTE }).click();
  await expect(page).toHaveURL(/\/before-you-start\/$/);
  const main = page.getByRole("main");
  for (const reason of [
    "chest pain",
    "dizzy",
    "current injury",
    "pregnant",
    "heart condition",
    "bone condition",
    "surgery",
  ]) {
    await expect(main).toContainText(reason);
  }
  await expect(main).toContainText("Stop if you feel sharp pain.");
});

test("every program day says one set of each movement and to stop on sharp pain, with the note linked", async ({
  page,
}) => {
  await page.goto("/mobility/day-5/");
  const main = page.getByRole("main");
  await expect(main).toContainText("One set of each movement");
  await expect(main).toContainText("Stop if you feel sharp pain");
  await main.getByRole("link", { name: "before you start", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Before you start");
});

test("the strength articles link to the note", async ({ page }) => {
  for (const slug of [
    "run-smart-strength-training",
    "strength-training-for-endurance-runners",
    "get-faster-without-running-more",
    "strength-and-conditioning-9-exercises-zero-equipment",
  ]) {
    await page.goto(`/articles/${slug}/`);
    await expect(page.locator('main a[href="/before-you-start/"]').first(), slug).toBeVisible();
  }
});

test("the coaching FAQ sends injury questions to a clinician first", async ({ page }) => {
  await page.goto("/coaching/");
  await page.getByText("I have an injury or pain. Can coaching help?").click();
  await expect(page.getByRole("main")).toContainText("physiotherapist or doctor");
});

test("axe finds no violations on /before-you-start/", async ({ page }) => {
  await page.goto("/before-you-start/");
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
