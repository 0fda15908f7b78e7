import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against the built site served by the production server (npm run build
 * first; `npm test` does). CHROMIUM_PATH points at a system Chromium where Playwright's own browser
 * download is not available.
 */
const port = Number(process.env.E2E_PORT ?? 4399);
const executablePath = process.env.CHROMIUM_PATH;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : "50%",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: executablePath
          ? {
              executablePath,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: "node scripts/serve.mjs",
    url: `http://127.0.0.1:${port}/`,
    env: { HOST: "127.0.0.1", PORT: String(port) },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
