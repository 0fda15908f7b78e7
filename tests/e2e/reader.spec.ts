import { expect, test } from "./fixtures";

test("a reader goes from the home page to an article, its topic, and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const latest = page.getByRole("region", { name: "Latest articles" });
  const firstArticle = latest.getByRole("heading", { level: 3 }).first().getByRole("link");
  const title = (await firstArticle.textContent())?.trim() ?? "";
  expect(title.length).toBeGreaterThan(5);
  await firstArticle.click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  await expect(page.getByText(/\d+ min read/)).toBeVisible();
  await expect(page.getByRole("complementary", { name: /About the author/ })).toContainText("Olympian");
  await expect(page.getByRole("link", { name: "Ask about 1:1 coaching" })).toHaveAttribute("href", "/coaching/");

  const topicLink = page
    .getByRole("article")
    .getByRole("link", { name: /^(Strength|Mobility|Form|Training)$/ })
    .first();
  const topic = (await topicLink.textContent())?.trim() ?? "";
  await topicLink.click();
  await expect(page).toHaveURL(new RegExp(`/topics/${topic.toLowerCase()}/$`));
  await expect(page.getByRole("heading", { level: 1, name: topic })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("region", { name: "Latest articles" })).toBeVisible();
});

test("an article links to the previous and next article", async ({ page }) => {
  await page.goto("/articles/");
  const cards = page.getByRole("main").getByRole("heading", { level: 2 });
  const count = await cards.count();
  expect(count).toBeGreaterThanOrEqual(3);
  const second = (await cards.nth(1).textContent())?.trim() ?? "";
  const first = (await cards.nth(0).textContent())?.trim() ?? "";
  const third = (await cards.nth(2).textContent())?.trim() ?? "";

  await cards.nth(1).getByRole("link").click();
  const more = page.getByRole("navigation", { name: "More articles" });
  await expect(more.getByRole("link", { name: new RegExp(`Next article\\s*${first}`) })).toBeVisible();
  await more.getByRole("link", { name: new RegExp(`Previous article\\s*${third}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: third })).toBeVisible();
  expect(second).not.toBe(third);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/about/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("an unknown address gets the 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/articles/no-such-article/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("not on the course map");
  await expect(page.getByRole("link", { name: "All articles" }).first()).toBeVisible();
});

test("the RSS feed is valid XML with one item per published article", async ({ page, request }) => {
  const response = await request.get("/rss.xml");
  expect(response.status()).toBe(200);
  const xml = await response.text();

  await page.goto("/articles/");
  const listed = await page.getByRole("main").getByRole("heading", { level: 2 }).allTextContents();

  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "application/xml");
    return {
      error: doc.querySelector("parsererror")?.textContent ?? null,
      titles: [...doc.querySelectorAll("item > title")].map((n) => n.textContent),
      links: [...doc.querySelectorAll("item > link")].map((n) => n.textContent),
      dates: [...doc.querySelectorAll("item > pubDate")].map((n) => n.textContent),
    };
  }, xml);

  expect(parsed.error).toBeNull();
  expect(parsed.titles).toEqual(listed.map((t) => t.trim()));
  for (const link of parsed.links) expect(link).toMatch(/^https:\/\/[^/]+\/articles\/[a-z0-9-]+\/$/);
  for (const date of parsed.dates) expect(Number.isNaN(Date.parse(date))).toBe(false);
});

test("the theme toggle remembers the reader's choice across reloads", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");

  const toggle = page.getByRole("button", { name: "Dark theme" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Dark theme" })).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);

  await page.goto("/articles/");
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("the system dark setting applies before first paint when no choice is stored", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  // Read the theme as the first script in <body> would see it, before any later script or event.
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      (window as unknown as { firstTheme: string | undefined }).firstTheme ??= document.documentElement.dataset.theme;
    });
  });
  await page.goto("/about/");
  expect(await page.evaluate(() => (window as unknown as { firstTheme: string | undefined }).firstTheme)).toBe("dark");
});
