/**
 * Security headers on every kind of response of the built Node server: a prerendered page, static
 * assets (served before any Astro code runs), the on-demand coaching page, an inquiry refusal and a
 * missing page. They come from src/server/http-hardening.ts, which the server entry installs itself.
 */
import { expect, test, type APIResponse } from "@playwright/test";

const EXPECTED = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

function expectSecurityHeaders(response: APIResponse, label: string) {
  const headers = response.headers();
  for (const [name, value] of Object.entries(EXPECTED)) expect(headers[name], `${label}: ${name}`).toBe(value);
}

test("a prerendered page and its static assets carry the security headers", async ({ request }) => {
  const page = await request.get("/");
  expect(page.status()).toBe(200);
  expectSecurityHeaders(page, "/");
  const html = await page.text();

  const stylesheet = /<link[^>]+href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
  expect(stylesheet, "the home page links its stylesheet").toBeDefined();
  for (const path of [stylesheet ?? "", "/favicon.svg", "/robots.txt", "/about/"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response, path);
  }
  // nosniff is only safe with correct types, which the static server still sends.
  expect((await request.get(stylesheet ?? "")).headers()["content-type"]).toMatch(/^text\/css/);
});

test("the on-demand coaching page, an inquiry refusal and a missing page carry the security headers", async ({
  request,
  baseURL,
}) => {
  const coaching = await request.get("/coaching/");
  expect(coaching.status()).toBe(200);
  expectSecurityHeaders(coaching, "/coaching/");

  const refused = await request.post("/coaching/", {
    headers: { "Content-Type": "application/json", Origin: baseURL ?? "", "X-Forwarded-For": "198.51.100.60" },
    data: "{}",
  });
  expect(refused.status()).toBe(422);
  expectSecurityHeaders(refused, "POST /coaching/ (422)");

  const missing = await request.get("/no-such-page/");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, "404");
});
