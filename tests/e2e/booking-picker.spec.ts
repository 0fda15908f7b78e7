/**
 * The inquiry form island on /coaching/ for a visitor who books no time: the picker starts on "no
 * time" with and without JavaScript and the form sends none; the form works when its script arrives late (nothing typed before hydration is
 * lost) or never (it posts as plain HTML); the schema's code loads only once a visitor starts on the
 * form; a refusal is shown in the form with every value kept; axe finds nothing in the server's
 * markup or the hydrated form. The picker with real times is exercised where the server offers them.
 */
import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { A11Y_TAGS, e2eDatabasePath, fillInquiryForm, hydrated } from "./site";
import { mintFormToken, validInquiry } from "./reliability-support";

const MESSAGE = "I run 40 km a week and want to add strength work before my spring marathon.";
const NO_TIME = "No time now, just contact me";
const REFERENCE = /RS-[A-Z0-9]{4}-[A-Z0-9]{4}/;
/** The island's own code (not Preact, not the schema chunk), and Astro's retries of it (`?astro-retry=`). */
const ISLAND_CODE = /\/_astro\/InquiryForm\.[\w-]+\.js(\?.*)?$/;

function storedNames(): string[] {
  const text = execFileSync(process.execPath, ["scripts/inquiries.ts", "export", "--format", "json"], {
    env: { ...process.env, INQUIRY_DB_PATH: e2eDatabasePath() },
    encoding: "utf8",
  });
  return (JSON.parse(text) as { name: string }[]).map((row) => row.name);
}

function picker(page: Page) {
  return page.getByRole("group", { name: /^Book your free consultation/ });
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the picker starts on no time, and the form posts without one", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.41" });
    await page.goto("/coaching/");
    await expect(picker(page).getByRole("radio", { name: NO_TIME })).toBeChecked();

    await fillInquiryForm(page, "Noa Plain", "noa.plain@example.com", MESSAGE);
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await page.getByRole("button", { name: "Send my inquiry" }).click();
    expect(new URLSearchParams((await posted).postData() ?? "").get("slot") ?? "").toBe("");
    await expect(page).toHaveURL(/\/coaching\/thanks\/\?ref=RS-/);
    expect(storedNames()).toContain("Noa Plain");
  });
});

test("with JavaScript the picker starts on no time, and the inquiry is sent without one", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.42" });
  await page.goto("/coaching/");
  await hydrated(page);
  await fillInquiryForm(page, "Jo Island", "jo.island@example.com", MESSAGE);
  await expect(picker(page).getByRole("radio", { name: NO_TIME })).toBeChecked();
  await expectAxeClean(page);
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const body = JSON.parse((await posted).postData() ?? "{}") as Record<string, unknown>;
  expect(body).toMatchObject({ name: "Jo Island", email: "jo.island@example.com" });
  expect(body).not.toHaveProperty("slot");
  await expect(page.getByRole("status").filter({ hasText: "your inquiry arrived" })).toContainText(REFERENCE);
});

test("what is typed before the form's script arrives is kept and sent once it does", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.43" });
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(ISLAND_CODE, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/coaching/", { waitUntil: "domcontentloaded" });
  await fillInquiryForm(page, "Lee Early", "lee.early@example.com", MESSAGE, { scriptHeld: true });
  await expect(page.locator("astro-island[ssr]"), "still the server's markup").toHaveCount(1);
  release();
  await hydrated(page);
  await expect(page.getByLabel(/^Your name/)).toHaveValue("Lee Early");
  await expect(page.getByLabel(/^Your message/)).toHaveValue(MESSAGE);
  await expect(page.getByLabel("Some (I have lifted now and then)")).toBeChecked();
  const posted = page.waitForRequest((r) => r.method() === "POST");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  expect((await posted).headers()["content-type"]).toMatch(/^application\/json/);
  await expect(page.getByRole("status").filter({ hasText: "your inquiry arrived" })).toContainText(REFERENCE);
  expect(page.url()).toMatch(/\/coaching\/$/);
  expect(storedNames()).toContain("Lee Early");
});

test("when the form's script never arrives, the server's form is accessible and posts as plain HTML", async ({
  page,
}) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.44" });
  await page.route(ISLAND_CODE, (route) => route.abort());
  await page.goto("/coaching/");
  // What a visitor without JavaScript gets (axe itself needs the page's JavaScript to run).
  await expect(page.locator("astro-island[ssr]")).toHaveCount(1);
  await expectAxeClean(page);
  await fillInquiryForm(page, "Mo Blocked", "mo.blocked@example.com", MESSAGE, { scriptHeld: true });
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  await expect(page).toHaveURL(/\/coaching\/thanks\/\?ref=RS-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you: your inquiry arrived");
  expect(storedNames()).toContain("Mo Blocked");
});

test("the form's code loads as a visitor nears the form, and the schema's once they start on it", async ({ page }) => {
  const schemaCode: string[] = [];
  const formCode: string[] = [];
  page.on("request", (request) => {
    if (/\/_astro\/check\.[\w-]+\.js$/.test(request.url())) schemaCode.push(request.url());
    if (ISLAND_CODE.test(request.url())) formCode.push(request.url());
  });
  await page.goto("/coaching/", { waitUntil: "load" });
  await expect(page.locator("html")).toHaveClass(/\bjs\b/);
  expect(formCode, "the form's code, with the first screen").toEqual([]);
  expect(schemaCode, "the schema's code, with the page").toEqual([]);
  const loaded = page.waitForRequest(/\/_astro\/check\.[\w-]+\.js$/);
  await hydrated(page);
  expect(formCode).toHaveLength(1);
  await page.getByLabel(/^Your name/).focus();
  await loaded;
  // Leaving a field checks it with the shared schema.
  await page.getByLabel(/^Email address/).fill("not-an-email");
  await page.getByLabel(/^Your name/).focus();
  await expect(page.locator("#email-error")).toContainText("email address");
  await expect(page.getByLabel(/^Email address/)).toHaveAttribute("aria-invalid", "true");
  expect(schemaCode).toHaveLength(1);
});

test("a rate-limited send says how long to wait, focused, with every value kept", async ({
  page,
  request,
  baseURL,
}) => {
  const client = "198.51.100.61";
  for (let i = 1; i <= 5; i++) {
    const response = await request.post("/coaching/", {
      headers: { "Content-Type": "application/json", Origin: baseURL ?? "", "X-Forwarded-For": client },
      data: JSON.stringify(validInquiry(`limited${i}`, mintFormToken(), { message: `${MESSAGE} Attempt ${i}.` })),
    });
    expect(response.status()).toBe(201);
  }
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": client });
  await page.goto("/coaching/");
  await hydrated(page);
  await fillInquiryForm(page, "Ra Limited", "ra.limited@example.com", MESSAGE);
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("You have sent several inquiries in a short time. Please wait");
  await expect(alert).toBeFocused();
  await expect(page.getByLabel(/^Your name/)).toHaveValue("Ra Limited");
  await expect(page.getByLabel(/^Your message/)).toHaveValue(MESSAGE);
  await expect(page.getByRole("button", { name: "Send my inquiry" })).toBeEnabled();
  expect(storedNames()).not.toContain("Ra Limited");
});
