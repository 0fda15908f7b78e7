import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { A11Y_TAGS, hydrated } from "./site";

const TOOL = "/tools/load-calculator/";

async function enterSet(page: Page, weight: string, reps: string, rir: string) {
  await page.getByLabel(/^Weight lifted/).fill(weight);
  await page.getByLabel("Reps", { exact: true }).fill(reps);
  await page.getByLabel("Reps in reserve").fill(rir);
}

const planTable = (page: Page) => page.getByRole("table", { name: /plan/ });
const planRow = (page: Page, week: number) => planTable(page).getByRole("row").nth(week);

test("a runner enters a set in kg and gets the one-rep max, the plan and the plates", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await enterSet(page, "100", "5", "2");

  const estimate = page.getByRole("region", { name: "Estimated one-rep max" });
  await expect(estimate).toContainText("123.3 kg");
  await expect(estimate).toContainText("Working load: 100 kg");

  await expect(planRow(page, 1)).toContainText("3 x 3");
  await expect(planRow(page, 1)).toContainText("about 4 in reserve");
  await expect(planRow(page, 1)).toContainText("100 kg");
  await expect(planRow(page, 1)).toContainText("25 + 15 kg");
  await expect(planRow(page, 2)).toContainText("3 x 4");
  await expect(planRow(page, 3)).toContainText("3 x 5");
  await expect(planRow(page, 3)).toContainText("about 2 in reserve");
  await expect(planRow(page, 4)).toContainText("2 x 3");
  await expect(planRow(page, 4)).toContainText("90 kg");
  await expect(planRow(page, 5)).toContainText("102.5 kg");
  await expect(planRow(page, 5)).toContainText("25 + 15 + 1.25 kg");

  const warmUp = page.getByRole("table", { name: /Warm-up/ });
  await expect(warmUp.getByRole("row").nth(1)).toContainText("20 kg x 5");
  await expect(warmUp.getByRole("row").last()).toContainText("80 kg x 2");
});

test("the same set in lb uses a 45 lb bar and pound plates", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByLabel("Unit").selectOption("lb");
  await enterSet(page, "225", "5", "2");
  await expect(page.getByRole("region", { name: "Estimated one-rep max" })).toContainText("277.5 lb");
  await expect(page.getByLabel("Bar weight (lb)")).toHaveValue("45");
  await expect(planRow(page, 1)).toContainText("225 lb");
  await expect(planRow(page, 1)).toContainText("45 + 45 lb");
  await expect(planRow(page, 5)).toContainText("230 lb");
});

for (const { reps, message } of [
  { reps: "0", message: /1 to 10|at least 1|between 1 and 10/i },
  { reps: "11", message: /10/ },
]) {
  test(`reps of ${reps} get an error next to the field and no numbers`, async ({ page }) => {
    await page.goto(TOOL);
    await hydrated(page);
    await enterSet(page, "100", reps, "2");
    const field = page.getByLabel("Reps", { exact: true });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const errorId = (await field.getAttribute("aria-describedby"))?.split(" ").find((id) => id.endsWith("-error"));
    await expect(page.locator(`#${errorId ?? "missing"}`)).toHaveText(message);
    await expect(planTable(page)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Estimated one-rep max" })).toHaveCount(0);
    await expect(page.getByText("Fix the highlighted field")).toBeVisible();
  });
}

test("an empty weight is explained and nothing wrong is shown", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByLabel(/^Weight lifted/).fill("");
  await expect(page.getByText("Enter the weight you lifted.")).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("NaN");
  await expect(planTable(page)).toHaveCount(0);
});

test("a shared link restores the exact plan in a fresh browser", async ({ page, browser }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByLabel("Lift", { exact: true }).selectOption({ label: "Hip thrust" });
  await page.getByLabel("Unit").selectOption("lb");
  await enterSet(page, "185", "6", "1");
  await page.getByLabel("Sets", { exact: true }).selectOption("4");
  await page.getByLabel("Weeks", { exact: true }).fill("12");
  const plan = await planTable(page).innerText();
  const link = page.url();
  expect(link).toContain("weight=185");

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await hydrated(other);
  await expect(other.getByLabel("Lift", { exact: true })).toHaveValue("hip-thrust");
  await expect(other.getByLabel(/^Weight lifted/)).toHaveValue("185");
  expect(await planTable(other).innerText()).toBe(plan);
  await fresh.close();
});

test("the last inputs come back on the next visit, and corrupt storage is ignored", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await enterSet(page, "70", "4", "1");
  await page.goto(TOOL);
  await hydrated(page);
  await expect(page.getByLabel(/^Weight lifted/)).toHaveValue("70");

  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.evaluate(() => {
    localStorage.setItem("runsmart.calculator", '{"v":1,"inputs":{"reps":7,"lift":"bench"');
  });
  await page.goto(TOOL);
  await hydrated(page);
  await expect(page.getByLabel(/^Weight lifted/)).toHaveValue("60");
  await expect(planTable(page)).toBeVisible();
  expect(errors).toEqual([]);
});

test("the calculator embedded in an article hydrates with the author's preset and works", async ({ page }) => {
  await page.goto("/articles/strength-training-for-endurance-runners/");
  await page.getByLabel("Lift", { exact: true }).scrollIntoViewIfNeeded();
  await hydrated(page);
  await expect(page.getByLabel("Lift", { exact: true })).toHaveValue("trap-bar-deadlift");
  await expect(page.getByLabel("Bar weight (kg)")).toHaveValue("25");
  await enterSet(page, "120", "5", "2");
  await expect(page.getByRole("region", { name: "Estimated one-rep max" })).toContainText("148 kg");
  await expect(planRow(page, 1)).toContainText("120 kg");
});

test("a formula that reads a set above the RTS chart is capped at the chart's figure, and the plan says so", async ({
  page,
}) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByText("Advanced: one-rep-max formula").click();
  await page.getByLabel("Formula").selectOption({ label: "Mayhew et al." });
  await enterSet(page, "100", "1", "1");
  const estimate = page.getByRole("region", { name: "Estimated one-rep max" });
  await expect(estimate).toContainText("111.4 kg");
  await expect(estimate).toContainText("The RTS chart reads this set lower, at 104.7 kg");
  await expect(estimate).toContainText("Working load: 85 kg (81.1% of the chart's figure");
  await expect(planRow(page, 3)).toContainText("85 kg");
  await expect(planRow(page, 3)).toContainText("about 2 in reserve");
});

test("a runner who has never lifted gets bodyweight weeks, weekly loads and an ending that sends them to enter a set", async ({
  page,
}) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByLabel("Phase").selectOption({ label: "I haven't lifted with weights yet" });
  await expect(page.getByLabel(/^Weight lifted/)).toHaveCount(0);
  await expect(page.getByLabel("Bodyweight weeks first")).toHaveValue("4");
  await page.getByLabel("Bodyweight weeks first").selectOption("5");
  await page.getByLabel("Sets", { exact: true }).selectOption("5");
  await page.getByLabel("Sessions a week").fill("3");
  await page.getByLabel("Weeks", { exact: true }).fill("16");

  for (const week of [1, 2, 3, 4, 5]) await expect(planRow(page, week)).toContainText("Bodyweight");
  // Week by week: reps climb on the empty bar before the first 2.5 kg step, which is over 10% of 20 kg.
  const weeks: [number, string, string][] = [
    [6, "5 x 6", "20 kg"],
    [7, "5 x 8", "20 kg"],
    [8, "5 x 10", "20 kg"],
    [9, "4 x 6", "20 kg"],
    [10, "5 x 6", "22.5 kg"],
  ];
  for (const [week, setsAndReps, load] of weeks) {
    await expect(planRow(page, week)).toContainText(setsAndReps);
    await expect(planRow(page, week).getByRole("cell").nth(1)).toHaveText(load);
  }
  await expect(planRow(page, 6)).toContainText("Start with the empty bar");
  await expect(planRow(page, 6)).toContainText("Reps before load: 22.5 kg is over 10% heavier.");
  await expect(planRow(page, 16)).toContainText("Plan ends: enter a recent set above to switch to the base plan.");

  await page.getByRole("button", { name: "Enter a recent set" }).click();
  await expect(page.getByLabel("Phase")).toHaveValue("base");
  await expect(page.getByLabel(/^Weight lifted/)).toBeFocused();
  await expect(page.getByRole("region", { name: "Estimated one-rep max" })).toBeVisible();
});

test("the calculator links to who should check with a doctor first, and to the rest timer", async ({ page }) => {
  await page.goto(TOOL);
  await page.getByRole("link", { name: "check whether you should see a doctor or physiotherapist first" }).click();
  await expect(page).toHaveURL(/\/before-you-start\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Before you start");
  await expect(page.getByRole("main")).toContainText("Stop if you feel sharp pain.");
  await page.goto(TOOL);
  await page.getByRole("link", { name: "rest timer" }).first().click();
  await expect(page).toHaveURL(/\/tools\/rest-timer\/$/);
});

test("the rest timer starts, pauses, resets and announces the end", async ({ page }) => {
  await page.clock.install();
  await page.goto("/tools/rest-timer/");
  await hydrated(page);
  const timer = page.getByRole("timer", { name: "Rest remaining" });
  await expect(timer).toHaveText("3:00");
  await page.getByRole("button", { name: "Start rest" }).click();
  await page.clock.runFor(61_000);
  await expect(timer).toHaveText("1:59");
  await page.getByRole("button", { name: "Pause" }).click();
  await page.clock.runFor(30_000);
  await expect(timer).toHaveText("1:59");
  await page.getByRole("button", { name: "Resume" }).focus();
  await page.keyboard.press("Enter");
  await page.clock.runFor(120_000);
  await expect(timer).toHaveText("0:00");
  await expect(page.getByText("Rest done: start your next set.")).toBeVisible();
  await page.getByRole("button", { name: "Reset" }).click();
  await expect(timer).toHaveText("3:00");
});

test("Print plan prints the plan card alone", async ({ page }) => {
  await page.addInitScript(() => {
    window.print = () => {
      (window as unknown as { printedWith: boolean }).printedWith =
        document.documentElement.classList.contains("print-plan");
      dispatchEvent(new Event("afterprint"));
    };
  });
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByRole("button", { name: "Print plan" }).click();
  expect(await page.evaluate(() => (window as unknown as { printedWith: boolean }).printedWith)).toBe(true);
  await expect(page.locator("html")).not.toHaveClass(/print-plan/);

  await page.evaluate(() => {
    document.documentElement.classList.add("print-plan");
  });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("table", { name: /plan/ })).toBeVisible();
  await expect(page.getByLabel("Lift", { exact: true })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
});

test("without JavaScript the page still shows an example plan and the percent-of-max chart", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(TOOL);
  await expect(page.getByRole("table", { name: /plan/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Percent of one-rep max/ })).toContainText("81.1%");
  await expect(page.getByLabel("Lift", { exact: true })).toBeDisabled();
  await context.close();
});

test("axe finds no violations on the beginner plan and on the rest timer", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await page.getByLabel("Phase").selectOption({ label: "I haven't lifted with weights yet" });
  await expect(page.getByRole("button", { name: "Enter a recent set" })).toBeVisible();
  const beginner = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(beginner.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.goto("/tools/rest-timer/");
  await hydrated(page);
  const timer = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(timer.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("axe finds no violations on the working calculator", async ({ page }) => {
  await page.goto(TOOL);
  await hydrated(page);
  await enterSet(page, "100", "0", "2");
  await page.getByText("Plates available (pairs)").click();
  await page.getByText("Advanced: one-rep-max formula").click();
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
