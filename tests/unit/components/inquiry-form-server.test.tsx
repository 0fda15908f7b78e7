/**
 * The inquiry form island as the server renders it: what a visitor without JavaScript gets, values
 * and errors of a sent-back form included, and the list of free times grouped by day.
 */
import { describe, expect, it } from "vitest";
import { renderToString } from "preact-render-to-string";
import { Window } from "happy-dom";
import InquiryForm from "../../../src/components/islands/InquiryForm.tsx";
import type { InquiryFormProps } from "../../../src/components/islands/InquiryForm.tsx";
import type { BookingOffer } from "../../../src/lib/booking/offer.ts";
import { FILLED, MON_0930, OFFER, TUE_1600, WED_0900, plain } from "./booking-fixture.ts";

function serverRender(props: Partial<InquiryFormProps>) {
  const html = renderToString(<InquiryForm values={{}} errors={{}} formToken="token-1" {...props} />);
  // happy-dom's own types stand in for the DOM's: read the markup through the standard ones.
  const document = new Window().document as unknown as Document;
  document.body.innerHTML = html;
  const picker = [...document.querySelectorAll("fieldset")].find((f) =>
    plain(f.querySelector("legend")?.textContent).startsWith("Book your free consultation"),
  );
  if (!picker) throw new Error("no picker fieldset");
  const slotRadios = [...picker.querySelectorAll<HTMLInputElement>('input[type="radio"][name="slot"]')];
  /** Each day's legend and the labels of its radios. */
  const days = [...picker.querySelectorAll("fieldset")].map((day) => ({
    day: plain(day.querySelector("legend")?.textContent),
    times: [...day.querySelectorAll("label")].map((label) => plain(label.textContent)),
  }));
  return { document, picker, slotRadios, days };
}

describe("the picker without JavaScript", () => {
  it("says when no times are open, and offers no radios", () => {
    for (const booking of [undefined, { ...OFFER, slots: [] }]) {
      const { picker, slotRadios } = serverRender(booking ? { booking } : {});
      expect(plain(picker.textContent)).toContain(
        "No consultation times are open right now. Send your inquiry and Nicole will suggest times by email.",
      );
      expect(slotRadios).toHaveLength(0);
    }
  });

  it("lists the free times by day in Nicole's zone, and says so, with no time chosen", () => {
    const { picker, slotRadios, days } = serverRender({ booking: OFFER });
    expect(plain(picker.textContent)).toContain("Times are in Nicole's time zone (America/Denver).");
    expect(days).toEqual([
      { day: "Monday, March 29", times: ["9:00 AM", "9:30 AM"] },
      { day: "Tuesday, March 30", times: ["4:00 PM"] },
      { day: "Wednesday, March 31", times: ["9:00 AM"] },
    ]);
    expect(slotRadios.map((r) => r.value)).toEqual(["", ...OFFER.slots]);
    expect(slotRadios.filter((r) => r.checked).map((r) => r.value)).toEqual([""]);
    expect(plain(slotRadios[0]?.closest("label")?.textContent)).toBe("No time now, just contact me");
  });

  it("lists them in the zone a sent-back form names, with Nicole's time beside each", () => {
    const { picker, days } = serverRender({ booking: OFFER, values: { timeZone: "Europe/Berlin" } });
    expect(plain(picker.textContent)).toContain(
      "Times are in your time zone (Europe/Berlin), with Nicole's time (Denver) beside each.",
    );
    expect(days).toEqual([
      {
        day: "Monday, March 29",
        times: [
          "5:00 PM your time · 9:00 AM Nicole's time (Denver)",
          "5:30 PM your time · 9:30 AM Nicole's time (Denver)",
        ],
      },
      {
        day: "Wednesday, March 31",
        times: [
          "12:00 AM your time · Tue 4:00 PM Nicole's time (Denver)",
          "5:00 PM your time · 9:00 AM Nicole's time (Denver)",
        ],
      },
    ]);
  });

  it("falls back to Nicole's zone for a sent-back zone it does not know, and says why", () => {
    const { picker } = serverRender({ booking: OFFER, values: { timeZone: "Denver" } });
    expect(plain(picker.textContent)).toContain(
      `"Denver" is not a time zone we know, so times are in Nicole's time zone (America/Denver).`,
    );
  });

  it("keeps the chosen time checked and shows the server's message next to the picker", () => {
    const taken = "That time was just taken. Please choose another.";
    const { document, picker, slotRadios } = serverRender({
      booking: OFFER,
      values: { ...FILLED, slot: MON_0930 },
      errors: { slot: taken },
    });
    expect(slotRadios.filter((r) => r.checked).map((r) => r.value)).toEqual([MON_0930]);
    expect(plain(document.getElementById("slot-error")?.textContent)).toBe(taken);
    expect(picker.getAttribute("aria-describedby")).toBe("slot-note slot-error");
    expect(plain(document.querySelector("[data-form-alert]")?.textContent)).toBe("Please check the highlighted field.");
  });

  it("lists the next five days with free times, whole, and says there are more", () => {
    const start = Date.UTC(2027, 3, 5, 15);
    const slots = Array.from({ length: 10 }, (_, day) =>
      Array.from({ length: 6 }, (_, i) => new Date(start + day * 86_400_000 + i * 1_800_000).toISOString()),
    ).flat();
    const booking: BookingOffer = { ...OFFER, slots };
    const { picker, days, slotRadios } = serverRender({ booking });
    expect(days.map((d) => d.times.length)).toEqual([6, 6, 6, 6, 6]);
    expect(slotRadios).toHaveLength(31);
    expect(plain(picker.textContent)).toContain("These are the next 5 days with free times.");
    // A time chosen further ahead (a form sent back) is listed too, with its day.
    const later = serverRender({ booking, values: { slot: slots[50] ?? "" } });
    expect(later.days.map((d) => d.day)).toContain("Tuesday, April 13");
    expect(later.slotRadios.filter((r) => r.checked).map((r) => r.value)).toEqual([slots[50]]);
  });

  it("drops a sent-back time that is no longer offered: no time is checked instead", () => {
    const { slotRadios } = serverRender({
      booking: { ...OFFER, slots: [WED_0900] },
      values: { slot: TUE_1600 },
    });
    expect(slotRadios.filter((r) => r.checked).map((r) => r.value)).toEqual([""]);
  });
});

describe("the inquiry fields without JavaScript", () => {
  it("keep every sent-back value, and tie each error to its field", () => {
    const { document } = serverRender({
      values: { ...FILLED, email: "ada-at-example", newsletter: "on", timeZone: "Europe/Berlin" },
      errors: { email: "Please enter an email address such as name@example.com." },
    });
    const input = (selector: string) => document.querySelector<HTMLInputElement>(selector);
    const field = (selector: string) => document.querySelector(selector);
    expect(input("#name")?.value).toBe(FILLED.name);
    expect(document.querySelector<HTMLTextAreaElement>("#message")?.value).toBe(FILLED.message);
    expect(document.querySelector<HTMLOptionElement>("#goal option[selected]")?.value).toBe("faster-race");
    expect(input('input[name="lifting"][value="some"]')?.checked).toBe(true);
    expect(input('input[name="consent"]')?.checked).toBe(true);
    expect(input('input[name="newsletter"]')?.checked).toBe(true);
    expect(input('input[name="formToken"]')?.value).toBe("token-1");
    const email = input("#email");
    expect(email?.value).toBe("ada-at-example");
    expect(email?.getAttribute("aria-invalid")).toBe("true");
    expect(email?.getAttribute("aria-describedby")).toBe("email-error");
    expect(plain(field("#email-error")?.textContent)).toBe("Please enter an email address such as name@example.com.");
    expect(field("#name")?.hasAttribute("aria-invalid")).toBe(false);
  });

  it("keep markup a visitor typed as text, escaped wherever it is shown", () => {
    const markup = `</textarea><script>alert("x")</script> & 'quoted' <b>bold</b>`;
    const html = renderToString(
      <InquiryForm values={{ name: markup, message: markup }} errors={{}} formToken={undefined} />,
    );
    const textarea = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? "";
    expect(textarea).not.toMatch(/[<>"']/);
    expect(html).not.toContain("<script>");
    const { document } = serverRender({ values: { name: markup, message: markup } });
    expect(document.querySelector<HTMLTextAreaElement>("#message")?.value).toBe(markup);
    expect(document.querySelector<HTMLInputElement>("#name")?.value).toBe(markup);
  });

  it("posts to /coaching/ with the form's own field names", () => {
    const { document } = serverRender({ booking: OFFER });
    const form = document.querySelector("form");
    expect(form?.getAttribute("method")).toBe("post");
    expect(form?.getAttribute("action")).toBe("/coaching/");
    const names = new Set([...document.querySelectorAll("[name]")].map((e) => e.getAttribute("name")));
    expect([...names].sort()).toEqual(
      [
        "name",
        "email",
        "goal",
        "goalRace",
        "goalRaceDate",
        "yearsRunning",
        "weeklyVolume",
        "volumeUnit",
        "lifting",
        "message",
        "timeZone",
        "consent",
        "newsletter",
        "slot",
        "website",
        "formToken",
      ].sort(),
    );
  });

  it("shows a message for the whole form (rate limit, unavailable) in the alert", () => {
    const { document } = serverRender({ formMessage: "Please wait a minute and try again." });
    expect(plain(document.querySelector('[role="alert"]')?.textContent)).toBe("Please wait a minute and try again.");
  });
});
