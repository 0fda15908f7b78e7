/**
 * The `test` every end-to-end spec uses: Playwright's, plus a guard that fails any test during
 * which a page of its browser context reported a Content-Security-Policy violation, so the policy
 * is checked by everything the suite does rather than by one dedicated test.
 */
import { test as base, expect, type Page } from "@playwright/test";

export const test = base.extend<{ cspGuard: undefined }>({
  cspGuard: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) => {
        page.on("console", (message) => {
          if (/Content.Security.Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(undefined);
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { APIRequestContext, Page, Request } from "@playwright/test";
