/**
 * Issue #14, install: the web app manifest has the members an install needs, its icons exist
 * with the sizes it declares (one of each size maskable), every page links it, and Chromium finds
 * nothing that keeps the site from being installed.
 */
import { expect, test } from "./fixtures";

interface Manifest {
  [member: string]: unknown;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
  shortcuts: { name: string; url: string }[];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the manifest has the required members, real icons of the declared sizes and a maskable one", async ({
  request,
}) => {
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await response.json()) as Manifest;
  expect(manifest).toMatchObject({
    name: "Run Smart",
    short_name: expect.any(String),
    description: expect.any(String),
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    background_color: expect.stringMatching(/^#[0-9a-f]{6}$/),
  });
  expect(String(manifest["short_name"]).length).toBeLessThanOrEqual(12);

  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe("image/png");
    const { width, height } = pngSize(await file.body());
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
  }
  const sizes = (purpose: string) =>
    manifest.icons.filter((icon) => (icon.purpose ?? "any").split(" ").includes(purpose)).map((icon) => icon.sizes);
  expect(sizes("any")).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(sizes("maskable")).toEqual(expect.arrayContaining(["192x192", "512x512"]));

  expect(manifest.shortcuts.map((shortcut) => shortcut.url)).toEqual(
    expect.arrayContaining(["/tools/load-calculator/", "/mobility/"]),
  );
  for (const shortcut of manifest.shortcuts) {
    expect((await request.get(shortcut.url)).status(), shortcut.url).toBe(200);
  }
});

test.describe("in Chromium", () => {
  test.use({ serviceWorkers: "allow" });

  test("every page links the manifest and the site is installable", async ({ page, context }) => {
    await page.goto("/mobility/day-1/");
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
    await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send("Page.getAppManifest");
    expect(errors).toEqual([]);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    // Playwright's contexts are incognito ones, where Chromium never offers an install.
    expect(installabilityErrors.filter((error) => error.errorId !== "in-incognito")).toEqual([]);
  });
});
