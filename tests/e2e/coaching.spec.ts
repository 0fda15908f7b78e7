import { expect, test, type Page } from "./fixtures";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { A11Y_TAGS, e2eDatabasePath, fillInquiryForm, hydrated } from "./site";
import { mintFormToken, validInquiry } from "./reliability-support";

const MESSAGE = "I run 40 km a week and want to add strength work before my spring marathon.";

/** Rows the coach sees, through the coach's own command. */
function listInquiries(): string {
  return execFileSync(process.execPath, ["scripts/inquiries.ts", "list", "--limit", "500"], {
    env: { ...process.env, INQUIRY_DB_PATH: e2eDatabasePath() },
    encoding: "utf8",
  });
}

function exportJson(): { email: string; name: string; message: string; reference: string }[] {
  const text = execFileSync(process.execPath, ["scripts/inquiries.ts", "export", "--format", "json"], {
    env: { ...process.env, INQUIRY_DB_PATH: e2eDatabasePath() },
    encoding: "utf8",
  });
  return JSON.parse(text) as { email: string; name: string; message: string; reference: string }[];
}

/** Each test posts as its own client address, so the rate limit of one cannot affect another. */
async function asClient(page: Page, address: string) {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": address });
}

test("with JavaScript an inquiry is sent without a page load and its reference is shown", async ({ page }) => {
  await asClient(page, "203.0.113.11");
  await page.goto("/coaching/");
  await fillInquiryForm(page, "Ada Runner", "ada.js@example.com", MESSAGE);
  // Suggested from the browser once the visitor started on the form.
  await expect(page.getByLabel(/^Your time zone/)).toHaveValue(
    await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const done = page.getByRole("status").filter({ hasText: "your inquiry arrived" });
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  await expect(done).toContainText(/RS-[A-Z0-9]{4}-[A-Z0-9]{4}/);
  expect(page.url()).toMatch(/\/coaching\/$/);

  const reference = /RS-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await done.textContent()) ?? "")?.[0] ?? "missing";
  expect(listInquiries()).toContain(reference);
});

test("without JavaScript the form posts, redirects to the thanks page and shows the reference", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await asClient(page, "203.0.113.12");
  await page.goto("/coaching/");
  await fillInquiryForm(page, "Bo Plain", "bo.nojs@example.com", MESSAGE);
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  await expect(page).toHaveURL(/\/coaching\/thanks\/\?ref=RS-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you: your inquiry arrived");
  const reference = new URL(page.url()).searchParams.get("ref") ?? "missing";
  await expect(page.getByText(reference)).toBeVisible();
  expect(exportJson().some((row) => row.email === "bo.nojs@example.com" && row.reference === reference)).toBe(true);
  await context.close();
});

test("with JavaScript a bad email and a short message are explained next to the fields", async ({ page }) => {
  await asClient(page, "203.0.113.13");
  await page.goto("/coaching/");
  await fillInquiryForm(page, "Cy Typo", "cy-at-example", MESSAGE);
  await page.getByLabel(/^Your message/).fill("Too short");
  await page.getByLabel(/^Your name/).click();
  const email = page.getByLabel(/^Email address/);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  const message = page.getByLabel(/^Your message/);
  await expect(message).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toContainText("email address");
  await expect(page.locator("#message-error")).toContainText("at least 20 characters");
  await expect(email).toBeFocused();
  await expect(email).toHaveValue("cy-at-example");
  await expect(page.getByLabel(/^Years running/)).toHaveValue("6");
  expect(exportJson().some((row) => row.name === "Cy Typo")).toBe(false);
});

test("without JavaScript invalid input comes back with messages and every value kept", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await asClient(page, "203.0.113.14");
  await page.goto("/coaching/");
  await fillInquiryForm(page, "Di <b>Bold</b>", "di-at-example", MESSAGE);
  await page.getByLabel(/^Your message/).fill("Too short");
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  expect((await response).status()).toBe(422);
  await expect(page.getByLabel(/^Email address/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toContainText("email address");
  await expect(page.locator("#message-error")).toContainText("at least 20 characters");
  await expect(page.getByLabel(/^Your name/)).toHaveValue("Di <b>Bold</b>");
  await expect(page.getByLabel(/^Email address/)).toHaveValue("di-at-example");
  await expect(page.getByLabel(/^Your message/)).toHaveValue("Too short");
  await expect(page.getByLabel(/^Years running/)).toHaveValue("6");
  await expect(page.getByLabel(/^Main goal/)).toHaveValue("faster-race");
  await expect(page.getByLabel("Some (I have lifted now and then)")).toBeChecked();
  await expect(page.getByLabel(/I agree that Nicole may contact me/)).toBeChecked();
  await context.close();
});

test("a double click sends one inquiry, not two", async ({ page }) => {
  await asClient(page, "203.0.113.15");
  await page.goto("/coaching/");
  await fillInquiryForm(page, "Ed Double", "ed.double@example.com", MESSAGE);
  await page.getByRole("button", { name: "Send my inquiry" }).dblclick();
  await expect(page.getByRole("status").filter({ hasText: "your inquiry arrived" })).toBeVisible();
  expect(exportJson().filter((row) => row.email === "ed.double@example.com")).toHaveLength(1);
});

test("a draft survives an accidental reload", async ({ page }) => {
  await asClient(page, "203.0.113.16");
  await page.goto("/coaching/");
  // The form hydrates as it comes near; the draft is kept from then on, and comes back the same way.
  await hydrated(page);
  await page.getByLabel(/^Your message/).fill(MESSAGE);
  await page.getByLabel(/^Your name/).fill("Fi Draft");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel(/^Your message/)).toHaveValue(MESSAGE);
  await expect(page.getByLabel(/^Your name/)).toHaveValue("Fi Draft");
});

test("the server refuses cross-site posts, oversized bodies and a sixth quick inquiry", async ({
  request,
  baseURL,
}) => {
  const form = { name: "Gus", email: "gus@example.com", message: MESSAGE };
  const crossSite = await request.post("/coaching/", {
    headers: { Origin: "https://elsewhere.example", "X-Forwarded-For": "198.51.100.20" },
    form,
  });
  expect(crossSite.status()).toBe(403);

  const oversized = await request.post("/coaching/", {
    headers: { "Content-Type": "application/json", Origin: baseURL ?? "", "X-Forwarded-For": "198.51.100.21" },
    data: JSON.stringify({ ...form, message: "x".repeat(40_000) }),
  });
  expect(oversized.status()).toBe(413);

  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 1; i <= 6; i++) {
    const response = await request.post("/coaching/", {
      headers: { "Content-Type": "application/json", Origin: baseURL ?? "", "X-Forwarded-For": "198.51.100.22" },
      data: JSON.stringify(validInquiry(`quick${i}`, mintFormToken(), { message: `${MESSAGE} Attempt ${i}.` })),
    });
    statuses.push(response.status());
    retryAfter = response.headers()["retry-after"];
  }
  expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test("text is stored as typed and shown escaped", async ({ page }) => {
  await asClient(page, "203.0.113.17");
  await page.goto("/coaching/");
  const name = `<img src=x onerror="alert(1)">`;
  await fillInquiryForm(page, name, "hal.markup@example.com", MESSAGE);
  let dialog = false;
  page.on("dialog", (d) => {
    dialog = true;
    void d.dismiss();
  });
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "your inquiry arrived" })).toBeVisible();
  expect(exportJson().find((row) => row.email === "hal.markup@example.com")?.name).toBe(name);
  expect(dialog).toBe(false);
});

for (const path of ["/coaching/", "/coaching/thanks/?ref=RS-ABCD-2345"]) {
  test(`axe finds no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("axe finds no violations on the form showing errors", async ({ page }) => {
  await asClient(page, "203.0.113.18");
  await page.goto("/coaching/");
  await page.getByRole("button", { name: "Send my inquiry" }).click();
  await expect(page.getByLabel(/^Your name/)).toHaveAttribute("aria-invalid", "true");
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});
