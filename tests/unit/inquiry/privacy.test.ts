import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION_MONTHS, PRIVACY_NOTE, PRIVACY_NOTE_VERSION } from "../../../src/lib/inquiry/privacy.ts";
import { loadConfig } from "../../../src/server/config.ts";

describe("the privacy note", () => {
  it("promises the retention the server applies by default", () => {
    expect(loadConfig({}).retentionMonths).toBe(DEFAULT_RETENTION_MONTHS);
    expect(PRIVACY_NOTE).toContain(`delete it ${DEFAULT_RETENTION_MONTHS} months after you send it`);
  });

  it("says the coach's mailbox keeps a copy, and how to have everything deleted", () => {
    expect(PRIVACY_NOTE).toMatch(/copy is emailed to the coach and stays in her mailbox/);
    expect(PRIVACY_NOTE).toMatch(/deleted sooner.*reply to any email from us or ask through this form/);
  });

  it("stays short, and is versioned by date", () => {
    expect(PRIVACY_NOTE.length).toBeLessThan(500);
    expect(PRIVACY_NOTE_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRIVACY_NOTE_VERSION).not.toBe("2026-11-25");
  });
});
