import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Inquiry } from "../../../src/lib/inquiry/schema.ts";
import type { MailIdentity } from "../../../src/server/mail.ts";

export const inquiry: Inquiry = {
  name: "Sam Runner",
  email: "Sam@Example.com",
  goal: "faster-race",
  goalRace: "Berlin Marathon",
  goalRaceDate: "2027-09-26",
  yearsRunning: 4,
  weeklyVolume: 45.5,
  volumeUnit: "km",
  lifting: "some",
  message: "I want to break three hours and I keep getting hurt in the build-up.",
  timeZone: "Europe/Berlin",
  consent: true,
  newsletter: true,
};

export const identity: MailIdentity = {
  coachAddress: "coach@runsmart.test",
  coachName: "Nicole Sifuentes",
  fromAddress: "inquiries@runsmart.test",
  fromName: "Run Smart",
  siteName: "Run Smart",
  siteUrl: "https://runsmart.test",
};

/** A fresh folder for a test database; `cleanup` removes it. */
export function tempDir(): { dir: string; dbPath: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "inquiries-test-"));
  return {
    dir,
    dbPath: join(dir, "nested", "inquiries.db"),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const T0 = new Date("2026-11-25T10:00:00.000Z");

export function minutes(n: number): number {
  return n * 60 * 1000;
}
