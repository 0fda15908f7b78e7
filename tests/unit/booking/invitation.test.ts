import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { invitationIcs } from "../../../src/lib/booking/invitation.ts";
import type { Invitation } from "../../../src/lib/booking/invitation.ts";
import { utf8Length } from "../../../src/lib/calendar/ics-text.ts";

const base: Invitation = {
  method: "REQUEST",
  uid: "rs-7k3q-92xd.consultation@runsmart.coach",
  sequence: 0,
  start: new Date("2027-03-15T15:00:00.000Z"),
  end: new Date("2027-03-15T15:20:00.000Z"),
  stamp: new Date("2027-03-01T10:00:00.000Z"),
  summary: "Free coaching consultation: Nicole Sifuentes and Zoë Läufer",
  description: "Free coaching consultation (20 minutes, by video call). Reference RS-7K3Q-92XD.",
  organizer: { name: "Nicole Sifuentes", email: "coach@runsmart.coach" },
  attendee: { name: 'Zoë "Speedy" Läufer; Jr.', email: "zoe@example.com" },
  url: "https://runsmart.coach/coaching/booking/?t=l1.abc.def.ghi",
};

function onlyEvent(text: string): VEvent {
  const events = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event === undefined) throw new Error("no event");
  return event;
}

describe("the consultation invitation", () => {
  it("round-trips through a calendar parser with the right instants, people, UID and sequence", () => {
    const text = invitationIcs(base);
    const event = onlyEvent(text);
    expect(event.start.toISOString()).toBe("2027-03-15T15:00:00.000Z");
    expect(event.end?.toISOString()).toBe("2027-03-15T15:20:00.000Z");
    expect(event.uid).toBe(base.uid);
    expect(String(event.sequence)).toBe("0");
    expect(JSON.stringify(event.organizer)).toContain("mailto:coach@runsmart.coach");
    expect(JSON.stringify(event.attendee)).toContain("mailto:zoe@example.com");
    expect(text).toContain("METHOD:REQUEST\r\n");
    expect(text).toContain("DTSTART:20270315T150000Z\r\n");
    expect(text).toContain("DTSTAMP:20270301T100000Z\r\n");
    expect(text).toContain("STATUS:CONFIRMED\r\n");
  });

  it("cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and the next sequence", () => {
    const text = invitationIcs({ ...base, method: "CANCEL", sequence: 2 });
    const event = onlyEvent(text);
    expect(event.uid).toBe(base.uid);
    expect(String(event.sequence)).toBe("2");
    expect(event.status).toBe("CANCELLED");
    expect(text).toContain("METHOD:CANCEL\r\n");
  });

  it("quotes names in parameters without the characters a quoted value cannot hold", () => {
    expect(invitationIcs(base).replace(/\r\n /g, "")).toContain('ATTENDEE;CN="Zoë Speedy Läufer; Jr.";');
  });

  it("ends every line with CRLF and folds none longer than 75 octets, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.string({ maxLength: 80 }),
        (description, name) => {
          const text = invitationIcs({ ...base, description, attendee: { name, email: "a@b.example" } });
          expect(text.endsWith("\r\n")).toBe(true);
          const lines = text.slice(0, -2).split("\r\n");
          for (const line of lines) {
            expect(line.includes("\n") || line.includes("\r")).toBe(false);
            expect(utf8Length(line)).toBeLessThanOrEqual(75);
          }
          // Unfolded, the description comes back as written (controls aside).
          const event = onlyEvent(text);
          const clean = Array.from(description.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n"))
            .filter((ch) => ch === "\t" || ch === "\n" || !/\p{Cc}/u.test(ch))
            .join("");
          expect(typeof event.description === "string" ? event.description : "").toBe(clean.toWellFormed());
        },
      ),
      { numRuns: 60 },
    );
  });

  it("writes the Unicode line and paragraph separators and NEL as newlines, and drops C1 controls", () => {
    const text = invitationIcs({ ...base, description: "one\u2028two\u2029three\u0085four\u0090five" });
    expect(onlyEvent(text).description).toBe("one\ntwo\nthree\nfourfive");
  });

  it("escapes text values: backslash, semicolon, comma and newlines", () => {
    const text = invitationIcs({ ...base, summary: "a,b;c\\d\ne" });
    expect(text).toContain("SUMMARY:a\\,b\\;c\\\\d\\ne\r\n");
  });

  it("refuses an event that ends before it starts, a bad sequence and an address that could break a line", () => {
    expect(() => invitationIcs({ ...base, end: base.start })).toThrow(RangeError);
    expect(() => invitationIcs({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => invitationIcs({ ...base, attendee: { name: "x", email: "a@b\r\nX:y" } })).toThrow(RangeError);
  });
});
