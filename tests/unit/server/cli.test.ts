import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/server/config.ts";
import { runCli } from "../../../src/server/cli.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { printableBlock, printableLine } from "../../../src/server/terminal.ts";
import { T0, inquiry, minutes, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let seed: InquiryStore;

beforeEach(() => {
  tmp = tempDir();
  seed = openStore(tmp.dbPath);
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
      now: () => new Date(T0.getTime() + minutes(60)),
    },
  );
  return { code, out, err };
}

function at(ms: number): Date {
  return new Date(T0.getTime() + ms);
}

describe("list", () => {
  it("shows inquiries newest first with their mail status, spam hidden unless --spam", () => {
    const first = seed.save({ inquiry, spamReason: null }, T0);
    const spam = seed.save(
      { inquiry: { ...inquiry, name: "Bot", message: "b".repeat(30) }, spamReason: "honeypot" },
      at(1000),
    );
    const second = seed.save(
      { inquiry: { ...inquiry, name: "Kim", message: "k".repeat(30) }, spamReason: null },
      at(2000),
    );
    const plain = cli("list");
    expect(plain.code).toBe(0);
    const lines = plain.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+REFERENCE\s+RECEIVED\s+NAME\s+EMAIL\s+GOAL\s+MAIL$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual([second.reference, first.reference]);
    expect(lines[1]).toMatch(/pending$/);
    expect(plain.out).not.toContain("Bot");

    const all = cli("list", "--spam");
    expect(all.out).toContain(spam.reference);
    expect(all.out).toMatch(/Bot.*honeypot/);
    expect(cli("list", "--limit", "1").out.trimEnd().split("\n")).toHaveLength(2);
  });

  it("says when there is nothing to list", () => {
    expect(cli("list").out).toMatch(/No inquiries yet/);
  });

  it("escapes terminal control sequences in stored text", () => {
    seed.save({ inquiry: { ...inquiry, name: "Eve\u001b]0;owned\u0007\u202e" }, spamReason: null }, T0);
    const out = cli("list").out;
    for (const raw of ["\u001b", "\u0007", "\u202e"]) expect(out.includes(raw)).toBe(false);
    expect(out).toContain("Eve\\u{1b}]0;owned\\u{7}");
  });
});

describe("show", () => {
  it("prints every field, the consent record, the message and the email status", () => {
    const saved = seed.save(
      { inquiry: { ...inquiry, message: "Line one\r\nLine two\u001b[2J" }, spamReason: null },
      T0,
    );
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
  beforeEach(() => {
    seed.save(
      {
        inquiry: {
          ...inquiry,
          name: '=HYPERLINK("http://evil.example","click")',
          message: 'Hello, "coach"\nsecond line',
        },
        spamReason: null,
      },
      T0,
    );
    seed.save({ inquiry: { ...inquiry, name: "Spammy", message: "s".repeat(30) }, spamReason: "too-fast" }, at(1000));
  });

  it("writes RFC 4180 CSV with formula-like cells neutralised", () => {
    const { code, out } = cli("export", "--format", "csv");
    expect(code).toBe(0);
    const lines = out.split("\r\n");
    expect(lines[0]).toBe(
      "id,reference,created_at,name,email,goal,goal_race,goal_race_date,years_running,weekly_volume,volume_unit,lifting,time_zone,newsletter,consent_at,privacy_version,spam_reason,message",
    );
    expect(out).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(out).toContain('"Hello, ""coach""\nsecond line"\r\n');
    expect(out).not.toContain("Spammy");
    expect(out.endsWith("\r\n")).toBe(true);
  });

  it("includes spam with --spam and a byte-order mark with --bom", () => {
    const { out } = cli("export", "--format", "csv", "--spam", "--bom");
    expect(out.startsWith("\ufeffid,")).toBe(true);
    expect(out).toContain("Spammy");
  });

  it("writes JSON", () => {
    const { code, out } = cli("export", "--format", "json");
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { name: string; newsletter: boolean }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: '=HYPERLINK("http://evil.example","click")', newsletter: true });
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
    const saved = seed.save({ inquiry, spamReason: null }, T0);
    for (const due of seed.claimDue(T0, 1000, 10)) seed.markSent(due.message.id, T0);
    const { code, out } = cli("resend", String(saved.id));
    expect(code).toBe(0);
    expect(out).toContain(`Coach notification for ${saved.reference} queued`);
    const coach = seed.messagesFor(saved.id).filter((m) => m.kind === "coach-notification");
    expect(coach.map((m) => m.status)).toEqual(["sent", "pending"]);
  });

  it("can rescue an inquiry wrongly marked as spam, and says so", () => {
    const saved = seed.save({ inquiry, spamReason: "too-fast" }, T0);
    expect(cli("resend", saved.reference).out).toContain("marked as spam (too-fast)");
    expect(seed.messagesFor(saved.id).map((m) => m.kind)).toEqual(["coach-notification"]);
  });
});

describe("purge", () => {
  it("deletes inquiries past the retention period, with a dry run first", () => {
    seed.save({ inquiry, spamReason: null }, new Date("2025-01-01T00:00:00Z"));
    seed.save({ inquiry: { ...inquiry, message: "r".repeat(30) }, spamReason: null }, T0);
    expect(cli("purge", "--dry-run").out).toMatch(/^1 inquiry\(ies\) received before .* would be deleted/);
    expect(seed.list({ includeSpam: true })).toHaveLength(2);
    expect(cli("purge").out).toMatch(/^Deleted 1 inquiry/);
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
        now: () => T0,
      },
    );
    expect(code).toBe(2);
    expect(err).toMatch(/Cannot open the inquiry database: Invalid inquiry server configuration:\n {2}- TRUST_PROXY/);
  });
});

describe("check", () => {
  it("prints the configuration and the database state", () => {
    seed.save({ inquiry, spamReason: null }, T0);
    const { code, out } = cli("check");
    expect(code).toBe(0);
    expect(out).toBe(
      "inquiries: test configuration\nDatabase ready: schema version 1, wal journal, 1 inquiry(ies), 1 coach notification(s) pending.\n",
    );
  });
});

describe("the script", () => {
  it("runs under plain Node with types stripped", () => {
    seed.save({ inquiry, spamReason: null }, T0);
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
});

describe("terminal escaping", () => {
  it("escapes control and bidi characters, keeping line breaks only in blocks", () => {
    expect(printableLine("a\nb\u001b\u202ec")).toBe("a\\u{a}b\\u{1b}\\u{202e}c");
    expect(printableBlock("a\r\nb\rc\td\u0000")).toBe("a\nb\nc\td\\u{0}");
  });
});
