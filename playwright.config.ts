import { defineConfig, devices } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FORM_SECRET } from "./tests/e2e/reliability-support.ts";

/**
 * End-to-end tests run against the built site served by the production server (npm run build
 * first; `npm test` does, and a build older than the sources is refused). CHROMIUM_PATH points at a system Chromium where Playwright's own browser
 * download is not available.
 */
const port = Number(process.env.E2E_PORT ?? 4399);
const executablePath = process.env.CHROMIUM_PATH;
// A fresh inquiry database per run; workers inherit the variable from the runner process.
process.env["E2E_DB_PATH"] ??= join(tmpdir(), `runsmart-e2e-${Date.now()}`, "inquiries.db");

export default defineConfig({
  testDir: "tests/e2e",
  // Refuses a dist/ older than the sources.
  globalSetup: "./tests/e2e/global-setup.ts",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : "50%",
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    // The service worker would install in every test's fresh browser and download the precache
    // each time; the offline specs (tests/e2e/offline*.spec.ts) allow it where it is under test.
    serviceWorkers: "block",
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
    env: {
      HOST: "127.0.0.1",
      PORT: String(port),
      INQUIRY_DB_PATH: process.env["E2E_DB_PATH"],
      SITE_URL: `http://127.0.0.1:${port}`,
      // Known to the tests, so a test posting several inquiries can sign a form token for each.
      INQUIRY_FORM_SECRET: FORM_SECRET,
      // Tests fill the form faster than a person; the 3-second rule is covered by unit tests.
      INQUIRY_MIN_FILL_SECONDS: "0",
      // Each test posts as its own client (X-Forwarded-For) so rate limits do not leak between tests.
      TRUST_PROXY: "1",
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
