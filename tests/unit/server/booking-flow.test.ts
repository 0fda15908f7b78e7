import { afterEach, beforeEach, describe, expect, it } from "vitest";
import ical from "node-ical";
import type { VEvent } from "node-ical";
import { inlineStore } from "../../../src/server/async-store.ts";
import { startDailySummary } from "../../../src/server/booking-summary.ts";
import { MANAGE_PURPOSE } from "../../../src/server/booking-service.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { loadConfig } from "../../../src/server/config.ts";
import { createInquiryService } from "../../../src/server/context.ts";
import type { InquiryService } from "../../../src/server/context.ts";
import { createLinkSigner } from "../../../src/server/signed-link.ts";
import { toResponse } from "../../../src/server/result.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import type { MailMessage } from "../../../src/server/mail.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import type { Availability } from "../../../src/lib/booking/slots.ts";
import { tempDir } from "./helpers.ts";

const ORIGIN = "https://runsmart.test";
const SECRET = "booking-flow-test-secret-at-least-32-chars";
// Monday 2027-03-08, 06:00 in Denver (MST).
const MONDAY = new Date("2027-03-08T13:00:00.000Z");
const TUESDAY_9 = "2027-03-09T16:00:00.000Z"; // the first time 24 hours' notice allows

const hours = [{ startMinute: 9 * 60, endMinute: 12 * 60 }];
const availability: Availability = {
  timeZone: "America/Denver",
  weeklyHours: {
    monday: hours,
    tuesday: hours,
    wednesday: hours,
    thursday: hours,
    friday: hours,
    saturday: [],
    sunday: [],
  },
  bufferMinutes: 10,
  minimumNoticeHours: 24,
  horizonDays: 21,
  datesOff: [],
};

let tmp: ReturnType<typeof tempDir>;
let raw: InquiryStore;
let service: InquiryService;
let clock: ReturnType<typeof manualClock>;
let sent: MailMessage[];
let client = 0;

beforeEach(async () => {
  tmp = tempDir();
  raw = openStore(tmp.dbPath);
  clock = manualClock(MONDAY);
  sent = [];
  service = await createInquiryService({
    config: loadConfig({
      INQUIRY_DB_PATH: tmp.dbPath,
      SITE_URL: ORIGIN,
      INQUIRY_FORM_SECRET: SECRET,
      INQUIRY_MIN_FILL_SECONDS: "0",
      SMTP_URL: "smtp://127.0.0.1:1",
      INQUIRY_COACH_EMAIL: "coach@runsmart.test",
      INQUIRY_FROM_EMAIL: "hello@runsmart.test",
    }),
    store: inlineStore(raw),
    clock,
    logger: memoryLogger(),
    retention: false,
    dailySummary: false,
    availability,
    consultationMinutes: 20,
    transport: () => ({
      send: (message) => {
        sent.push(message);
        return Promise.resolve();
      },
      close: () => undefined,
    }),
    timing: { pollIntervalMs: 3_600_000 },
  });
});

afterEach(async () => {
  await service.close();
  tmp.cleanup();
});

function inquiryFields(key: string, extra: Record<string, unknown> = {}) {
  return {
    name: "Zoë Läufer",
    email: `${key}@example.com`,
    goal: "first-race",
    yearsRunning: 1,
    weeklyVolume: 20,
    volumeUnit: "km",
    lifting: "none",
    message: `Please help me with my first marathon (${key}).`,
    timeZone: "Europe/Berlin",
    consent: true,
    formToken: service.issueFormToken(),
    ...extra,
  };
}

function postJson(body: unknown, origin = ORIGIN): Promise<Response> {
  client += 1;
  const request = new Request(`${ORIGIN}/coaching/`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(body),
  });
  return service.handle(request, `198.51.100.${client % 250}`).then(toResponse);
}

function manageRequest(fields: Record<string, string>, origin = ORIGIN): Request {
  return new Request(`${ORIGIN}/coaching/booking/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams(fields).toString(),
  });
}

function events(message: MailMessage | undefined): VEvent {
  const content = message?.calendar?.content ?? "";
  const [event] = Object.values(ical.sync.parseICS(content)).filter((c): c is VEvent => c?.type === "VEVENT");
  if (event === undefined) throw new Error(`no event in ${content}`);
  return event;
}

async function deliver(): Promise<MailMessage[]> {
  const before = sent.length;
  await service.outbox?.runOnce();
  return sent.slice(before);
}

const manageToken = (message: MailMessage | undefined) =>
  decodeURIComponent(/\/coaching\/booking\/\?t=(\S+)/.exec(message?.text ?? "")?.[1] ?? "");

describe("booking with an inquiry", () => {
  it("offers the free times from the availability, 24 hours ahead at the earliest", async () => {
    const offer = await service.bookings.offer();
    expect(offer).toMatchObject({ coachTimeZone: "America/Denver", minutes: 20 });
    expect(offer.slots[0]).toBe(TUESDAY_9);
  });

  it("books, answers with the time, and sends each side an invitation that a calendar reads right", async () => {
    const response = await postJson(inquiryFields("ada", { slot: TUESDAY_9 }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body["slot"]).toBe(TUESDAY_9);
    expect(body["booking"]).toEqual({
      start: TUESDAY_9,
      end: "2027-03-09T16:20:00.000Z",
      coachTimeZone: "America/Denver",
      visitorTimeZone: "Europe/Berlin",
    });
    expect((await service.bookings.offer()).slots).not.toContain(TUESDAY_9);

    const mail = await deliver();
    expect(mail.map((m) => m.to.address).sort()).toEqual([
      "ada@example.com",
      "coach@runsmart.test",
      "coach@runsmart.test",
    ]);
    const visitor = mail.find((m) => m.to.address === "ada@example.com");
    const coach = mail.find((m) => m.to.address === "coach@runsmart.test" && m.calendar !== undefined);
    for (const message of [visitor, coach]) {
      expect(message?.calendar?.method).toBe("REQUEST");
      const event = events(message);
      expect(event.start.toISOString()).toBe(TUESDAY_9);
      expect(String(event.sequence)).toBe("0");
    }
    expect(events(visitor).uid).toBe(events(coach).uid);
    // Times in the visitor's zone and the coach's.
    expect(visitor?.text).toMatch(/Tuesday, March 9, 2027 at 5:00\sPM GMT\+1 \(Europe\/Berlin\)/);
    expect(visitor?.text).toMatch(/Tuesday, March 9, 2027 at 9:00\sAM MST \(Nicole's time, America\/Denver\)/);
    expect(visitor?.text).toContain("https://runsmart.test/coaching/booking/?t=");
    expect(coach?.replyTo.address).toBe("ada@example.com");
  });

  it("a plain form gets a thanks address with a signed token of the time, which names nothing else", async () => {
    client += 1;
    const fields = Object.fromEntries(
      Object.entries(inquiryFields("bo", { slot: TUESDAY_9 })).map(([k, v]) => [k, v === true ? "on" : String(v)]),
    );
    const request = new Request(`${ORIGIN}/coaching/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams(fields).toString(),
    });
    const result = await service.handle(request, "198.51.100.77");
    expect(result.kind).toBe("accepted");
    const location = new URL(result.headers["Location"] ?? "", ORIGIN);
    const reference = location.searchParams.get("ref");
    const token = location.searchParams.get("booking");
    expect(service.bookings.readThanks(token, reference, clock.now())).toEqual({
      reference,
      start: new Date(TUESDAY_9),
      visitorTimeZone: "Europe/Berlin",
    });
    // Another reference, a forged token or an old one show no time.
    expect(service.bookings.readThanks(token, "RS-0000-0000", clock.now())).toBeNull();
    expect(service.bookings.readThanks(`${token ?? ""}x`, reference, clock.now())).toBeNull();
    expect(service.bookings.readThanks(token, reference, new Date(MONDAY.getTime() + 8 * 86_400_000))).toBeNull();
  });

  it("a time taken in the meantime: 422 next to the picker, naming the nearest free times, with the fresh offer; nothing stored", async () => {
    expect((await postJson(inquiryFields("first", { slot: TUESDAY_9 }))).status).toBe(201);
    const response = await postJson(inquiryFields("second", { slot: TUESDAY_9 }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Record<string, string>; booking: { slots: string[] } };
    expect(body.errors["slot"]).toMatch(
      /^That time was just taken\. The nearest free times: Tuesday, March 9, 2027 at 5:30\sPM GMT\+1/,
    );
    expect(body.booking.slots).not.toContain(TUESDAY_9);
    expect(body.booking.slots).toContain("2027-03-09T16:30:00.000Z");
    expect(raw.list({ includeSpam: true }).map((i) => i.email)).toEqual(["first@example.com"]);
  });

  it.each([
    ["outside the coach's hours", "2027-03-09T05:00:00.000Z", /not one of the times offered/],
    ["already past", "2027-03-01T16:00:00.000Z", /not one of the times offered/],
    ["within the notice", "2027-03-08T16:00:00.000Z", /not one of the times offered/],
    ["not a time", "tomorrow at nine", /choose one of the times shown/],
    ["in another offset", "2027-03-09T17:00:00+01:00", /choose one of the times shown/],
  ])("a chosen time %s is a 422 with a clear message, never a 5xx", async (_, slot, message) => {
    const response = await postJson(inquiryFields("cy", { slot }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(body.errors["slot"]).toMatch(message);
    expect(raw.list({ includeSpam: true })).toEqual([]);
  });

  it("reports a bad time together with the other fields' problems", async () => {
    const response = await postJson(inquiryFields("dee", { slot: "soon", email: "not-an-address" }));
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["email", "slot"]);
  });

  it("keeps the honeypot, origin and form-token rules for bookings", async () => {
    // A filled honeypot: the normal success, stored as spam, and no time taken.
    expect((await postJson(inquiryFields("bot", { slot: TUESDAY_9, website: "http://spam.example" }))).status).toBe(
      201,
    );
    expect((await service.bookings.offer()).slots[0]).toBe(TUESDAY_9);
    expect((await postJson(inquiryFields("evil", { slot: TUESDAY_9 }), "https://evil.example")).status).toBe(403);
    expect((await postJson(inquiryFields("notoken", { slot: TUESDAY_9, formToken: "forged" }))).status).toBe(409);
    expect(raw.bookingsBetween(MONDAY, new Date(MONDAY.getTime() + 30 * 86_400_000))).toEqual([]);
  });
});

describe("the visitor's manage link", () => {
  async function booked(key: string, slot = TUESDAY_9): Promise<{ token: string; reference: string }> {
    const response = await postJson(inquiryFields(key, { slot }));
    const { reference } = (await response.json()) as { reference: string };
    const mail = await deliver();
    return { token: manageToken(mail.find((m) => m.to.address === `${key}@example.com`)), reference };
  }

  it("opens a page that changes nothing; its POST cancels once, frees the time, and both sides get a METHOD:CANCEL", async () => {
    const { token, reference } = await booked("eve");
    expect(await service.manageState(token)).toMatchObject({ kind: "upcoming", booking: { reference } });
    expect(await service.manageState(token)).toMatchObject({ kind: "upcoming" });

    expect(
      await service.manageBooking(manageRequest({ t: token, action: "cancel" }, "https://evil.example"), "1.1.1.1"),
    ).toMatchObject({
      kind: "refused",
      status: 403,
    });
    const outcome = await service.manageBooking(manageRequest({ t: token, action: "cancel" }), "1.1.1.1");
    expect(outcome).toMatchObject({ kind: "redirect", location: expect.stringContaining("done=cancelled") as unknown });
    expect((await service.bookings.offer()).slots[0]).toBe(TUESDAY_9);
    const mail = await deliver();
    expect(mail.map((m) => [m.to.address, m.calendar?.method])).toEqual([
      ["eve@example.com", "CANCEL"],
      ["coach@runsmart.test", "CANCEL"],
    ]);
    for (const message of mail) {
      expect(String(events(message).sequence)).toBe("1");
      expect(events(message).status).toBe("CANCELLED");
    }
    // The same link again: it says so, and nothing more is sent.
    expect(await service.manageBooking(manageRequest({ t: token, action: "cancel" }), "1.1.1.1")).toMatchObject({
      kind: "state",
      status: 200,
      state: { kind: "cancelled" },
    });
    expect(await deliver()).toEqual([]);
  });

  it("moves the booking: the old time is free again and both sides get the update with the same UID", async () => {
    const { token } = await booked("fay");
    const target = "2027-03-10T17:00:00.000Z";
    const outcome = await service.manageBooking(manageRequest({ t: token, action: "move", slot: target }), "1.1.1.2");
    expect(outcome).toMatchObject({ kind: "redirect", location: expect.stringContaining("done=moved") as unknown });
    const offer = await service.bookings.offer();
    expect(offer.slots).toContain(TUESDAY_9);
    expect(offer.slots).not.toContain(target);
    const mail = await deliver();
    expect(mail.map((m) => m.calendar?.method)).toEqual(["REQUEST", "REQUEST"]);
    expect(events(mail[0]).start.toISOString()).toBe(target);
    expect(String(events(mail[0]).sequence)).toBe("1");
    expect(mail[0]?.text).toContain("(It was Tuesday, March 9, 2027 at 5:00");
  });

  it("refuses a move to a taken or unoffered time, keeping the booking", async () => {
    const { token } = await booked("gus");
    await booked("hal", "2027-03-10T16:00:00.000Z");
    const taken = await service.manageBooking(
      manageRequest({ t: token, action: "move", slot: "2027-03-10T16:00:00.000Z" }),
      "1.1.1.3",
    );
    expect(taken).toMatchObject({
      kind: "state",
      status: 422,
      slotError: expect.stringMatching(/just taken/) as unknown,
    });
    const nowhere = await service.manageBooking(
      manageRequest({ t: token, action: "move", slot: "2027-03-10T03:00:00.000Z" }),
      "1.1.1.3",
    );
    expect(nowhere).toMatchObject({
      kind: "state",
      status: 422,
      slotError: expect.stringMatching(/not one of the times/) as unknown,
    });
    expect(await service.manageState(token)).toMatchObject({ kind: "upcoming", booking: { startAt: TUESDAY_9 } });
  });

  it("says so for a consultation that has taken place, and refuses forged, foreign and malformed links", async () => {
    const { token, reference } = await booked("ivy");
    clock.set(new Date("2027-03-09T17:00:00.000Z"));
    expect(await service.manageState(token)).toMatchObject({ kind: "past" });
    expect(await service.manageBooking(manageRequest({ t: token, action: "cancel" }), "1.1.1.4")).toMatchObject({
      kind: "state",
      state: { kind: "past" },
    });
    // Expired (long after the consultation): still "it has taken place", never an error.
    clock.set(new Date("2027-06-01T00:00:00.000Z"));
    expect(await service.manageState(token)).toMatchObject({ kind: "past" });

    const otherSigner = createLinkSigner(["another-secret-that-is-long-enough-to-sign"]);
    const forged = otherSigner.sign(MANAGE_PURPOSE, reference, new Date("2028-01-01T00:00:00Z"));
    const wrongPurpose = createLinkSigner([SECRET]).sign("booking-thanks", reference, new Date("2028-01-01T00:00:00Z"));
    for (const bad of [forged, wrongPurpose, `${token}x`, "", "l1.x.y.z"]) {
      expect(await service.manageState(bad)).toEqual({ kind: "invalid" });
    }
    expect(await service.manageBooking(manageRequest({ t: forged, action: "cancel" }), "1.1.1.4")).toMatchObject({
      kind: "state",
      status: 404,
    });
  });
});

describe("the coach's daily summary", () => {
  it("is queued once when the summary hour comes, listing tomorrow's consultations in her zone", async () => {
    await postJson(inquiryFields("jo", { slot: TUESDAY_9 }));
    await deliver();
    const logger = memoryLogger();
    const store = inlineStore(raw);
    clock.set(new Date("2027-03-08T23:30:00.000Z")); // Monday 16:30 in Denver: before 18:00
    const summary = startDailySummary(store, clock, logger, { timeZone: "America/Denver", hour: 18 });
    try {
      expect(await summary.runOnce()).toBeUndefined();
      clock.set(new Date("2027-03-09T01:05:00.000Z")); // Monday 18:05
      expect(await summary.runOnce()).toMatchObject({ status: "queued", count: 1 });
      expect(await summary.runOnce()).toEqual({ status: "already-sent" });
      const [message] = await deliver();
      expect(message?.to.address).toBe("coach@runsmart.test");
      expect(message?.subject).toBe("Tomorrow: 1 consultation (Tuesday, March 9)");
      expect(message?.text).toMatch(/9:00\sAM MST-9:20\sAM MST {2}Zoë Läufer <jo@example.com>/);
      expect(message?.text).toMatch(/their time: Tuesday, March 9, 2027 at 5:00\sPM GMT\+1 \(Europe\/Berlin\)/);
    } finally {
      summary.stop();
    }
  });
});

describe("the times on /coaching/ when the database is slow", () => {
  it("come within the time limit from the last minute's offer, or not at all, never holding up the page", async () => {
    const { createBookingService } = await import("../../../src/server/booking-service.ts");
    let slow = false;
    const bookings = createBookingService({
      availability,
      minutes: 20,
      store: {
        bookedIntervals: () => (slow ? new Promise(() => undefined) : Promise.resolve([])),
      },
      links: createLinkSigner([SECRET]),
      clock,
      siteUrl: ORIGIN,
    });
    slow = true;
    expect(await bookings.offerForPage(20)).toBeUndefined();
    slow = false;
    const fresh = await bookings.offerForPage(20);
    expect(fresh?.slots[0]).toBe(TUESDAY_9);
    slow = true;
    clock.advance(30_000);
    expect(await bookings.offerForPage(20)).toEqual(fresh);
    clock.advance(60_000);
    expect(await bookings.offerForPage(20)).toBeUndefined();
  });
});
