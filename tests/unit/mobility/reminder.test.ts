import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  emptyState,
  firstReminderDate,
  markDayDone,
  parseReminderTime,
  reminderCalendar,
} from "../../../src/lib/mobility";
import type { MobilityState, ReminderRequest } from "../../../src/lib/mobility";
import { escapeText, foldLine, utf8Length } from "../../../src/lib/calendar/ics-text";

const ZONE = "America/Los_Angeles";
// Friday 20 Nov 2026, 07:00 PST.
const NOW = new Date("2026-11-20T15:00:00.000Z");

function daysDone(n: number): MobilityState {
  let s = emptyState();
  for (let day = 1; day <= n; day++) s = markDayDone(s, day, new Date("2026-11-01T18:00:00Z"), ZONE);
  return s;
}

const request: ReminderRequest = {
  state: daysDone(7),
  now: NOW,
  timeZone: ZONE,
  time: "07:30",
  uid: "reminder-1@runsmart",
};

function icsOf(r: ReminderRequest): string {
  const result = reminderCalendar(r);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.ics;
}

const octets = (line: string): number => Buffer.byteLength(line, "utf8");
const physicalLines = (ics: string): string[] => ics.split("\r\n").slice(0, -1);
const unfold = (ics: string): string[] => physicalLines(ics.replace(/\r\n /g, ""));

describe("reminderCalendar", () => {
  it("writes the whole calendar", () => {
    expect(icsOf(request)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Run Smart//Mobility Reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:reminder-1@runsmart",
        "DTSTAMP:20261120T150000Z",
        "DTSTART:20261120T073000",
        "DURATION:PT15M",
        "RRULE:FREQ=DAILY;COUNT=18",
        "SUMMARY:Mobility session (Run Smart)",
        // Exactly 75 octets; the continuation's space is the fold, the next is the text's own.
        "DESCRIPTION:Your daily session of the 25-day mobility program. Mark the day",
        "  done in the tracker when you finish.",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Mobility session (Run Smart)",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });

  it("has every required property, once, in a well-formed structure", () => {
    const lines = unfold(icsOf({ ...request, url: "https://runsmart.example/mobility/" }));
    for (const name of ["VERSION", "PRODID", "CALSCALE", "UID", "DTSTAMP", "DTSTART", "RRULE", "DURATION", "URL"]) {
      expect(lines.filter((l) => l.startsWith(`${name}:`))).toHaveLength(1);
    }
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    const nesting = lines.filter((l) => /^(BEGIN|END):/.test(l));
    expect(nesting).toEqual([
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "BEGIN:VALARM",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ]);
    expect(lines).toContain("ACTION:DISPLAY");
    expect(lines.some((l) => l.startsWith("TRIGGER:"))).toBe(true);
    expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toContain("\\nhttps://runsmart.example/mobility/");
  });

  it("starts today when the time is still to come, else tomorrow", () => {
    expect(reminderCalendar(request)).toMatchObject({ ok: true, value: { firstDate: "2026-11-20", count: 18 } });
    expect(reminderCalendar({ ...request, time: "07:00" })).toMatchObject({ value: { firstDate: "2026-11-21" } });
    expect(reminderCalendar({ ...request, time: "06:59" })).toMatchObject({ value: { firstDate: "2026-11-21" } });
    expect(reminderCalendar({ ...request, time: "7:01" })).toMatchObject({ value: { firstDate: "2026-11-20" } });
  });

  it("skips today when today's session is already done", () => {
    const today = markDayDone(daysDone(7), 8, new Date("2026-11-20T14:00:00Z"), ZONE); // 06:00 PST
    expect(firstReminderDate(today, NOW, ZONE, { hour: 18, minute: 0 })).toBe("2026-11-21");
    expect(reminderCalendar({ ...request, state: today, time: "18:00" })).toMatchObject({
      value: { firstDate: "2026-11-21", count: 17 },
    });
  });

  it("works from the wall clock and the 4 a.m. cut-off", () => {
    // 01:00 PST on 21 Nov: the training date is still 20 Nov, on which a session was done.
    const lateNight = new Date("2026-11-21T09:00:00Z");
    const doneYesterday = markDayDone(emptyState(), 1, new Date("2026-11-20T20:00:00Z"), ZONE);
    expect(firstReminderDate(doneYesterday, lateNight, ZONE, { hour: 7, minute: 30 })).toBe("2026-11-21");
    expect(firstReminderDate(doneYesterday, lateNight, ZONE, { hour: 2, minute: 0 })).toBe("2026-11-22");
    expect(firstReminderDate(emptyState(), lateNight, ZONE, { hour: 2, minute: 0 })).toBe("2026-11-21");
    expect(firstReminderDate(emptyState(), lateNight, "Asia/Tokyo", { hour: 7, minute: 30 })).toBe("2026-11-22");
  });

  it("repeats once per remaining day", () => {
    for (const done of [0, 1, 24]) {
      expect(unfold(icsOf({ ...request, state: daysDone(done) }))).toContain(`RRULE:FREQ=DAILY;COUNT=${25 - done}`);
    }
  });

  it.each([
    ["no day remains", { state: daysDone(25) }, "no-days-left"],
    ["the time is not a time", { time: "25:00" }, "invalid-time"],
    ["the time is empty", { time: "" }, "invalid-time"],
    ["the uid is empty", { uid: "  " }, "invalid-uid"],
    ["the uid holds a line break", { uid: "a\r\nb" }, "invalid-uid"],
    ["the url is not http", { url: "javascript:alert(1)" }, "invalid-url"],
    ["the url holds a line break", { url: "https://a.example/\nX:Y" }, "invalid-url"],
    ["the zone is unknown", { timeZone: "Mars/Base" }, "invalid-time-zone"],
    ["the clock is broken", { now: new Date(Number.NaN) }, "invalid-time-zone"],
  ])("refuses when %s", (_name, change, reason) => {
    expect(reminderCalendar({ ...request, ...change })).toMatchObject({ ok: false, error: { reason } });
  });

  it("reads picker times", () => {
    expect(parseReminderTime("07:30")).toEqual({ hour: 7, minute: 30 });
    expect(parseReminderTime("7:05")).toEqual({ hour: 7, minute: 5 });
    expect(parseReminderTime("23:59:30")).toEqual({ hour: 23, minute: 59 });
    expect(parseReminderTime("24:00")).toBeUndefined();
    expect(parseReminderTime("7.30")).toBeUndefined();
  });
});

describe("iCalendar text rules", () => {
  it("escapes backslash, semicolon, comma and newlines, and drops control characters", () => {
    expect(escapeText("Hips; knees, ankles\\feet\nand\r\nmore\rend\u0007!")).toBe(
      "Hips\\; knees\\, ankles\\\\feet\\nand\\nmore\\nend!",
    );
    const lines = unfold(icsOf({ ...request, summary: "Day; one, two\\three\nfour" }));
    expect(lines).toContain("SUMMARY:Day\\; one\\, two\\\\three\\nfour");
  });

  it("folds at 75 octets, continuation lines starting with a space", () => {
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
    expect(foldLine("a".repeat(76))).toBe(`${"a".repeat(75)}\r\n a`);
    expect(foldLine("a".repeat(150)).split("\r\n").map(octets)).toEqual([75, 75, 2]);
    // A 2-octet character that would end at octet 76 moves to the next line whole.
    expect(foldLine(`${"a".repeat(74)}é`)).toBe(`${"a".repeat(74)}\r\n é`);
    expect(foldLine(`${"a".repeat(73)}é`)).toBe(`${"a".repeat(73)}é`);
    expect(utf8Length("aé€😀")).toBe(1 + 2 + 3 + 4);
  });

  it("never splits a character and keeps every line within 75 octets, for any text", () => {
    fc.assert(
      // A content line never holds a CRLF (TEXT values are escaped first), so the folds are the only ones.
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }).filter((text) => !text.includes("\r\n")),
        (text) => {
          const folded = foldLine(`DESCRIPTION:${text}`);
          const lines = folded.split("\r\n");
          for (const [i, line] of lines.entries()) {
            expect(octets(line)).toBeLessThanOrEqual(75);
            if (i > 0) expect(line.startsWith(" ")).toBe(true);
          }
          expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(`DESCRIPTION:${text}`);
          expect(Array.from(folded.replace(/\r\n /g, ""))).toEqual(Array.from(`DESCRIPTION:${text}`));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps multibyte descriptions within 75 octets and restores them when unfolded", () => {
    const description = "Étirements du soir — 足首のモビリティ 🦶🏽, 15 min; ça va. ".repeat(6);
    const ics = icsOf({ ...request, summary: "Mobilité 🧘 ".repeat(10), description });
    for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(unfold(ics)).toContain(`DESCRIPTION:${escapeText(description)}`);
    // Each physical line is whole UTF-8: it survives encoding on its own.
    for (const line of physicalLines(ics)) {
      expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  it("uses CRLF and nothing else as line ending, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ maxLength: 80 }), (summary, uid) => {
        const result = reminderCalendar({ ...request, summary, description: summary, uid: `${uid}x` });
        if (!result.ok) return;
        const { ics } = result.value;
        expect(ics.endsWith("\r\n")).toBe(true);
        expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
        for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
      }),
      { numRuns: 300 },
    );
  });
});
