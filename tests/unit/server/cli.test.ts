import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/server/config.ts";
import { USAGE, runCli } from "../../../src/server/cli.ts";
import { MIGRATIONS } from "../../../src/server/migrations.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { printableBlock, printableLine } from "../../../src/server/terminal.ts";
import { T0, deliverAll, inquiry, minutes, seedInquiry, stored, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let seed: InquiryStore;
let retentionMonths: number;

beforeEach(() => {
  tmp = tempDir();
  seed = openStore(tmp.dbPath);
  retentionMonths = 12;
});

afterEach(() => {
  seed.close();
  tmp.cleanup();
});

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(
    argv,
    { out: (t) => (out += t), err: (t) => (err += t) },
    {
      openStore: () => openStore(tmp.dbPath),
      describeConfig: () => "inquiries: test configuration",
      retentionMonths: () => retentionMonths,
      coachTimeZone: "America/Denver",
      now: () => new Date(T0.getTime() + minutes(60)),
    },
  );
  return { code, out, err };
}

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

describe("list", () => {
  it("shows inquiries newest first with their mail status, spam hidden (and counted) unless --spam", () => {
    const first = seedInquiry(seed, T0);
    const spam = seedInquiry(seed, at(1000), { name: "Bot", message: "b".repeat(30) }, "honeypot");
    const second = seedInquiry(seed, at(2000), { name: "Kim", message: "k".repeat(30) });
    const plain = cli("list");
    expect(plain.code).toBe(0);
    const [table = "", footer] = plain.out.split("\n\n");
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^ID\s+REFERENCE\s+RECEIVED\s+NAME\s+EMAIL\s+GOAL\s+MAIL$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual([second.reference, first.reference]);
    expect(lines[1]).toMatch(/pending$/);
    expect(plain.out).not.toContain("Bot");
    expect(footer).toBe("1 spam inquiry is hidden; add --spam to see them.\n");

    const all = cli("list", "--spam");
    expect(all.out).toContain(spam.reference);
    expect(all.out).toMatch(/Bot.*honeypot/);
    expect(all.out).not.toContain("hidden");
    expect(cli("list", "--limit", "1").out.split("\n\n")[0]?.split("\n")).toHaveLength(2);
  });

  it("says when there is nothing to list", () => {
    expect(cli("list").out).toBe("No inquiries yet.\n");
  });

  it("says how much spam it hid when only spam is stored", () => {
    seedInquiry(seed, T0, {}, "honeypot");
    seedInquiry(seed, T0, { message: "c".repeat(30) }, "honeypot");
    expect(cli("list").out).toBe("No inquiries to show (2 spam inquiries are hidden; add --spam to see them.)\n");
  });

  it("escapes terminal control sequences in stored text", () => {
    seedInquiry(seed, T0, { name: "Eve\u001b]0;owned\u0007\u202e" });
    const out = cli("list").out;
    for (const raw of ["\u001b", "\u0007", "\u202e"]) expect(out.includes(raw)).toBe(false);
    expect(out).toContain("Eve\\u{1b}]0;owned\\u{7}");
  });
});

describe("show", () => {
  it("prints every field, the consent record, the message and the email status", () => {
    const saved = seedInquiry(seed, T0, { message: "Line one\r\nLine two\u001b[2J" });
    const { code, out } = cli("show", saved.reference.toLowerCase());
    expect(code).toBe(0);
    for (const text of [
      `Inquiry:       ${saved.id} (${saved.reference})`,
      "Name:          Sam Runner",
      "Main goal:     Run a race faster",
      "Weekly volume: 45.5 km",
      "Newsletter:    yes",
      `Consent:       ${T0.toISOString()} (privacy note`,
      "Message:\nLine one\nLine two\\u{1b}[2J",
      "coach-notification: pending (0 attempt(s)",
      "auto-reply: pending",
    ]) {
      expect(out).toContain(text);
    }
    expect(cli("show", String(saved.id)).out).toBe(out);
  });

  it("fails clearly for an unknown inquiry", () => {
    const result = cli("show", "RS-0000-0000");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/no inquiry with id or reference "RS-0000-0000"/);
  });
});

describe("export", () => {
  const HEADER =
    "id,reference,created_at,name,email,goal,goal_race,goal_race_date,years_running,weekly_volume,volume_unit,lifting,time_zone,newsletter,consent_at,privacy_version,spam,spam_reason,message";

  beforeEach(() => {
    seedInquiry(seed, T0, {
      name: '=HYPERLINK("http://evil.example","click")',
      message: 'Hello, "coach"\nsecond line',
    });
    seedInquiry(seed, at(1000), { name: "Spammy", message: "s".repeat(30) }, "too-fast");
    seedInquiry(seed, at(2000), { name: "  \t-cmd|' /C calc'!A0", message: "t".repeat(30) });
  });

  it("writes every inquiry as RFC 4180 CSV, spam included and marked, formula-like cells neutralised", () => {
    const { code, out } = cli("export", "--format", "csv");
    expect(code).toBe(0);
    const lines = out.split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(out).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(out).toContain("'  \t-cmd|' /C calc'!A0");
    expect(out).toContain('"Hello, ""coach""\nsecond line"\r\n');
    expect(out.endsWith("\r\n")).toBe(true);
    const spamColumn = HEADER.split(",").indexOf("spam");
    const spamRow = lines.find((l) => l.includes("Spammy"))?.split(",");
    expect(spamRow?.slice(spamColumn, spamColumn + 2)).toEqual(["yes", "too-fast"]);
    const realRow = lines.find((l) => l.includes("'  \t-cmd"))?.split(",");
    expect(realRow?.slice(spamColumn, spamColumn + 2)).toEqual(["no", ""]);
  });

  it("leaves spam out with --no-spam, and adds a byte-order mark with --bom", () => {
    const { out } = cli("export", "--format", "csv", "--no-spam", "--bom");
    expect(out.startsWith("\ufeffid,")).toBe(true);
    expect(out).not.toContain("Spammy");
    expect(out.split("\r\n").filter((l) => l !== "")).toHaveLength(3);
    expect(cli("export", "--format", "csv", "--spam").out).toContain("Spammy");
  });

  it("writes JSON with every inquiry, spam marked", () => {
    const { code, out } = cli("export", "--format", "json");
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { name: string; newsletter: boolean; spam: boolean; spamReason: string | null }[];
    expect(rows.map((r) => [r.spam, r.spamReason])).toEqual([
      [false, null],
      [true, "too-fast"],
      [false, null],
    ]);
    expect(rows[2]).toMatchObject({ name: '=HYPERLINK("http://evil.example","click")', newsletter: true });
    expect((JSON.parse(cli("export", "--format", "json", "--no-spam").out) as unknown[]).length).toBe(2);
  });

  it("needs a known format", () => {
    const result = cli("export");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/--format csv or --format json/);
    expect(cli("export", "--format", "xml").code).toBe(1);
  });
});

describe("resend", () => {
  it("queues the coach notification again", () => {
    const saved = seedInquiry(seed, T0);
    for (const due of seed.claimDue(T0, 1000, 10)) seed.markSent(due.message.id, T0);
    const { code, out } = cli("resend", String(saved.id));
    expect(code).toBe(0);
    expect(out).toContain(`Coach notification for ${saved.reference} queued`);
    const coach = seed.messagesFor(saved.id).filter((m) => m.kind === "coach-notification");
    expect(coach.map((m) => m.status)).toEqual(["sent", "pending"]);
  });

  it("can rescue an inquiry wrongly marked as spam, and says so", () => {
    const saved = seedInquiry(seed, T0, {}, "too-fast");
    expect(cli("resend", saved.reference).out).toContain("marked as spam (too-fast)");
    expect(seed.messagesFor(saved.id).map((m) => m.kind)).toEqual(["coach-notification"]);
  });
});

describe("purge", () => {
  const OLD = new Date("2025-01-01T00:00:00Z");

  it("deletes inquiries past the retention period, with a dry run first", () => {
    seedInquiry(seed, OLD);
    deliverAll(seed, OLD);
    seedInquiry(seed, T0, { message: "r".repeat(30) });
    const cutoff = "2025-11-25T11:00:00.000Z";
    expect(cli("purge", "--dry-run").out).toBe(
      `1 inquiry(ies) received before ${cutoff} (older than 12 months) would be deleted.\n`,
    );
    expect(seed.list({ includeSpam: true })).toHaveLength(2);
    expect(cli("purge").out).toBe(`Deleted 1 inquiry(ies) received before ${cutoff} (older than 12 months).\n`);
    expect(seed.list({ includeSpam: true })).toHaveLength(1);
  });

  it("uses the configured retention in calendar months", () => {
    seedInquiry(seed, at(-minutes(60 * 24 * 40)));
    deliverAll(seed, T0);
    retentionMonths = 2;
    expect(cli("purge", "--dry-run").out).toMatch(
      /^0 inquiry\(ies\) received before 2026-09-25T11:00:00.000Z \(older than 2 months\)/,
    );
    retentionMonths = 1;
    expect(cli("purge").out).toBe(
      "Deleted 1 inquiry(ies) received before 2026-10-25T11:00:00.000Z (older than 1 month).\n",
    );
  });

  it("keeps old inquiries the coach never received, says which and why, and deletes them only with --force", () => {
    const pending = seedInquiry(seed, OLD);
    const failed = seedInquiry(seed, OLD, { email: "kim@example.com" });
    for (const m of seed.messagesFor(failed.id)) seed.markFailed(m.id, "550 mailbox unavailable", null);
    const delivered = seedInquiry(seed, OLD, { email: "lee@example.com" });
    for (const m of seed.messagesFor(delivered.id)) seed.markSent(m.id, OLD);
    seedInquiry(seed, OLD, { email: "bot@example.com" }, "honeypot");

    const dry = cli("purge", "--dry-run");
    expect(dry.out).toMatch(
      /^2 inquiry\(ies\) received before .* would be deleted; 2 would be kept because the coach never received their notification \(add --force to delete them too\)\.\n$/,
    );
    expect(cli("purge", "--dry-run", "--force").out).toMatch(
      /^4 inquiry\(ies\) received before .* would be deleted, including 2 whose notification the coach never received\.\n$/,
    );
    expect(seed.list({ includeSpam: true })).toHaveLength(4);

    const { code, out } = cli("purge");
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^Deleted 2 inquiry\(ies\) received before /);
    expect(lines[1]).toBe(
      "Kept 2 older inquiry(ies) whose notification the coach never received (still pending, or given up after failing):",
    );
    expect(lines.slice(2, 4).sort()).toEqual(
      [pending.reference, failed.reference].map((r) => `  ${r} received 2025-01-01 00:00`).sort(),
    );
    expect(lines[4]).toMatch(/resend <reference>.*purge --force/);
    expect(
      seed
        .list({ includeSpam: true })
        .map((i) => i.id)
        .sort(),
    ).toEqual([pending.id, failed.id].sort());

    expect(cli("purge").out).toMatch(/^Deleted 0 inquiry\(ies\).*\nKept 2 older/);
    expect(cli("purge", "--force").out).toMatch(
      /^Deleted 2 inquiry\(ies\) received before .*, including 2 whose notification the coach never received\.\n$/,
    );
    expect(seed.list({ includeSpam: true })).toEqual([]);
  });

  it("exits 2 when the retention setting cannot be read", () => {
    let err = "";
    const code = runCli(
      ["purge"],
      { out: () => undefined, err: (t) => (err += t) },
      {
        openStore: () => openStore(tmp.dbPath),
        describeConfig: () => "unused",
        retentionMonths: () => {
          throw new ConfigError(
            "Invalid inquiry server configuration:\n  - INQUIRY_RETENTION_MONTHS: must be at least 1",
          );
        },
        coachTimeZone: "America/Denver",
        now: () => T0,
      },
    );
    expect(code).toBe(2);
    expect(err).toContain("INQUIRY_RETENTION_MONTHS");
  });
});

describe("forget", () => {
  it("deletes every inquiry and email of one address and says what it removed", () => {
    const first = seedInquiry(seed, T0);
    deliverAll(seed, T0);
    const second = seedInquiry(seed, at(1000), { email: " SAM@example.com", message: "s".repeat(30) });
    const spam = seedInquiry(seed, at(2000), { message: "t".repeat(30) }, "honeypot");
    const kim = seedInquiry(seed, at(3000), { email: "kim@example.com" });

    const dry = cli("forget", "sam@EXAMPLE.com", "--dry-run");
    expect(dry.out.split("\n")[0]).toBe(
      "Would delete 3 inquiry(ies) and 3 email(s) queued or sent for sam@EXAMPLE.com:",
    );
    expect(seed.list({ includeSpam: true })).toHaveLength(4);

    const { code, out } = cli("forget", "sam@example.com");
    expect(code).toBe(0);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe("Deleted 3 inquiry(ies) and 3 email(s) queued or sent for sam@example.com:");
    expect(lines.slice(1, 4)).toEqual([spam, second, first].map((s) => expect.stringContaining(s.reference) as string));
    expect(lines[4]).toMatch(/coach.*mailbox.*delete those there too/);
    expect(seed.list({ includeSpam: true }).map((i) => i.id)).toEqual([kim.id]);
    expect(seed.messagesFor(first.id)).toEqual([]);
  });

  it("says plainly when nothing matched", () => {
    seedInquiry(seed, T0, { email: "kim@example.com" });
    expect(cli("forget", "nobody@example.com")).toEqual({
      code: 0,
      out: "No inquiries or comments from nobody@example.com: nothing was deleted.\n",
      err: "",
    });
    expect(seed.list({ includeSpam: true })).toHaveLength(1);
  });

  it.each([
    [["forget"]],
    [["forget", "  "]],
    [["forget", "a@example.com", "b@example.com"]],
    [["forget", "a@example.com", "--force"]],
  ])("refuses %j without deleting anything", (argv) => {
    seedInquiry(seed, T0, { email: "a@example.com" });
    const result = cli(...argv);
    expect(result.code).toBe(1);
    expect(result.err).toContain("Usage:");
    expect(seed.list({ includeSpam: true })).toHaveLength(1);
  });
});

describe("usage and failures", () => {
  it("prints usage for no command (exit 1) and for help (exit 0)", () => {
    expect(cli()).toMatchObject({ code: 1, out: expect.stringContaining("Usage:") as string });
    expect(cli("help").code).toBe(0);
  });

  it("rejects unknown commands and options", () => {
    expect(cli("delete-everything")).toMatchObject({
      code: 1,
      err: expect.stringContaining("unknown command") as string,
    });
    expect(cli("list", "--everything")).toMatchObject({ code: 1, err: expect.stringContaining("Usage:") as string });
    expect(cli("list", "--limit", "0").code).toBe(1);
    expect(cli("purge", "--spam")).toMatchObject({
      code: 1,
      err: expect.stringContaining("purge does not take --spam") as string,
    });
  });

  it("documents every command and option it accepts", () => {
    for (const word of [
      "list",
      "show",
      "export",
      "resend",
      "purge",
      "forget",
      "check",
      "--spam",
      "--no-spam",
      "--limit",
      "--format",
      "--bom",
      "--dry-run",
      "--force",
      "INQUIRY_RETENTION_MONTHS",
    ]) {
      expect(USAGE).toContain(word);
    }
  });

  it("exits 2 with the reason when the database cannot be opened", () => {
    let err = "";
    const code = runCli(
      ["list"],
      { out: () => undefined, err: (t) => (err += t) },
      {
        openStore: () => {
          throw new ConfigError("Invalid inquiry server configuration:\n  - TRUST_PROXY: bad");
        },
        describeConfig: () => "unused",
        retentionMonths: () => 12,
        coachTimeZone: "America/Denver",
        now: () => T0,
      },
    );
    expect(code).toBe(2);
    expect(err).toMatch(/Cannot open the inquiry database: Invalid inquiry server configuration:\n {2}- TRUST_PROXY/);
  });
});

describe("check", () => {
  it("prints the configuration and the database state", () => {
    seedInquiry(seed, T0);
    const { code, out } = cli("check");
    expect(code).toBe(0);
    expect(out).toBe(
      `inquiries: test configuration\nDatabase ready: schema version ${MIGRATIONS.length}, wal journal, 1 inquiry(ies), 1 coach notification(s) pending.\n`,
    );
  });
});

describe("the script", () => {
  it("runs under plain Node with types stripped", () => {
    seedInquiry(seed, T0);
    const script = fileURLToPath(new URL("../../../scripts/inquiries.ts", import.meta.url));
    const out = execFileSync(process.execPath, [script, "export", "--format", "json"], {
      env: { ...process.env, INQUIRY_DB_PATH: tmp.dbPath, SMTP_URL: "" },
      encoding: "utf8",
    });
    expect((JSON.parse(out) as unknown[]).length).toBe(1);
  });

  it("stops with exit code 2 and every bad variable named when the environment is wrong", () => {
    const script = fileURLToPath(new URL("../../../scripts/inquiries.ts", import.meta.url));
    const run = spawnSync(process.execPath, [script, "check"], {
      env: { ...process.env, INQUIRY_DB_PATH: tmp.dbPath, SMTP_URL: "smtp://mail.example.com", TRUST_PROXY: "maybe" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("INQUIRY_COACH_EMAIL: is required when SMTP_URL is set");
    expect(run.stderr).toContain("TRUST_PROXY");
  });

  it("purges with the server's INQUIRY_RETENTION_MONTHS", () => {
    const script = fileURLToPath(new URL("../../../scripts/inquiries.ts", import.meta.url));
    const run = (months: string) =>
      spawnSync(process.execPath, [script, "purge", "--dry-run"], {
        env: { ...process.env, INQUIRY_DB_PATH: tmp.dbPath, SMTP_URL: "", INQUIRY_RETENTION_MONTHS: months },
        encoding: "utf8",
      });
    expect(run("3").stdout).toMatch(/older than 3 months\) would be deleted\.\n$/);
    const bad = run("0");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("INQUIRY_RETENTION_MONTHS");
  });
});

describe("terminal escaping", () => {
  it("escapes control and bidi characters, keeping line breaks only in blocks", () => {
    expect(printableLine("a\nb\u001b\u202ec")).toBe("a\\u{a}b\\u{1b}\\u{202e}c");
    expect(printableBlock("a\r\nb\rc\td\u0000")).toBe("a\nb\nc\td\\u{0}");
  });
});

describe("the coach's consultations", () => {
  const start = new Date("2026-11-30T16:00:00.000Z"); // Monday 09:00 in Denver, 17:00 in Berlin
  const book = (email: string, at: Date, zone: string | null) =>
    stored(
      seed.save(
        {
          inquiry: { ...inquiry, email, message: `${inquiry.message} ${email}` },
          spamReason: null,
          booking: { start: at, end: new Date(at.getTime() + minutes(20)), bufferMinutes: 10, visitorTimeZone: zone },
        },
        T0,
      ),
    );

  it("lists the upcoming ones in her zone with each visitor's, and shows the booking with the inquiry", () => {
    const later = book("later@example.com", new Date(start.getTime() + minutes(60)), null);
    const first = book("first@example.com", start, "Europe/Berlin");
    const { code, out } = cli("bookings");
    expect(code).toBe(0);
    expect(out).toContain("times in America/Denver");
    expect(out.indexOf(first.reference)).toBeLessThan(out.indexOf(later.reference));
    expect(out).toMatch(/Monday, November 30, 2026 at 9:00\sAM MST \(5:00\sPM GMT\+1 in Europe\/Berlin\)/);
    expect(out).toContain("<first@example.com>");
    expect(cli("show", first.reference).out).toMatch(/Consultation:\s+Monday, November 30, 2026 at 9:00\sAM MST/);
  });

  it("cancels one, queueing the cancellation to the visitor, and says so when it was already cancelled", () => {
    const saved = book("ann@example.com", start, null);
    const { code, out } = cli("cancel", saved.reference);
    expect(code).toBe(0);
    expect(out).toContain(`Cancelled the consultation of ${saved.reference}`);
    const cancellation = seed
      .messagesFor(saved.id)
      .filter((m) => m.kind === "booking-visitor")
      .at(-1);
    expect(cancellation?.data).toMatchObject({ change: "cancelled", cancelledBy: "coach", sequence: 1 });
    expect(cli("cancel", saved.reference).out).toContain("already cancelled; nothing was sent");
    expect(cli("bookings").out).toContain("No upcoming consultations.");
    expect(cli("bookings", "--all").out).toContain("CANCELLED by coach");
    expect(cli("show", saved.reference).out).toContain("(cancelled by coach)");
  });

  it("refuses to cancel an inquiry without a booking, naming it", () => {
    const plain = stored(seed.save({ inquiry, spamReason: null }, T0));
    const { code, err } = cli("cancel", plain.reference);
    expect(code).toBe(1);
    expect(err).toContain(`${plain.reference} has no booked consultation`);
  });
});
