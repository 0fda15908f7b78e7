import { describe, expect, it } from "vitest";
import { siteConfig, siteConfigSchema } from "../../../src/site.config";

function issuesOf(input: unknown): string[] {
  const result = siteConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("site config", () => {
  it.each([
    { name: "a relative site URL", patch: { url: "runsmart.coach" }, field: "url" },
    { name: "a site URL with a trailing slash", patch: { url: "https://runsmart.coach/" }, field: "url" },
    { name: "a non-web URL", patch: { url: "ftp://runsmart.coach" }, field: "url" },
    { name: "an empty title", patch: { title: "" }, field: "title" },
    { name: "a bad language tag", patch: { lang: "English" }, field: "lang" },
    { name: "a short description", patch: { description: "Short." }, field: "description" },
    {
      name: "an external nav link",
      patch: { nav: [{ label: "X", href: "https://example.org/" }] },
      field: "nav.0.href",
    },
    {
      name: "a nav link without trailing slash",
      patch: { nav: [{ label: "X", href: "/articles" }] },
      field: "nav.0.href",
    },
    { name: "no credentials", patch: { coach: { ...siteConfig.coach, credentials: [] } }, field: "coach.credentials" },
  ])("rejects $name", ({ patch, field }) => {
    expect(issuesOf({ ...siteConfig, ...patch })).toContain(field);
  });
});
