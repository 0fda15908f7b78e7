// @vitest-environment happy-dom
/**
 * The inquiry form island in a (simulated) browser: the day-by-day slot picker once the visitor
 * enters the form, the zone typed into the form regrouping it, what is sent, and what the form does
 * with the server's answers (fresh times and focus on "just taken", the reference on success).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render } from "preact";
import { act } from "preact/test-utils";
import InquiryForm from "../../../src/components/islands/InquiryForm.tsx";
import type { InquiryFormProps } from "../../../src/components/islands/InquiryForm.tsx";
import { FILLED, MON_0900, OFFER, TUE_1600, WED_0900, plain } from "./booking-fixture.ts";

let root: HTMLElement;

beforeEach(() => {
  sessionStorage.clear();
  root = document.createElement("div");
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

async function mount(props: Partial<InquiryFormProps> = {}) {
  await act(() => {
    render(<InquiryForm values={{}} errors={{}} formToken="token-1" booking={OFFER} {...props} />, root);
  });
}

/** Lets timers, promises and renders run until `condition` holds (or fails after a second). */
async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  throw new Error(`still waiting for ${what}`);
}

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`no #${id}`);
  return element;
}
const valueOf = (id: string) => (byId(id) as HTMLInputElement | HTMLTextAreaElement).value;

/** The radio whose label starts with `text`. */
function radio(text: string): HTMLInputElement {
  const label = [...root.querySelectorAll("label")].find((l) => plain(l.textContent).startsWith(text));
  const input = label?.querySelector("input");
  if (!input) throw new Error(`no radio labelled "${text}"`);
  return input;
}

const labelsOf = (name: string) =>
  [...root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].map((input) =>
    plain(input.closest("label")?.textContent),
  );
const checkedSlot = () => root.querySelector<HTMLInputElement>('input[name="slot"]:checked')?.value;
const legends = () => [...root.querySelectorAll("legend")].map((l) => plain(l.textContent));

async function type(name: string, value: string) {
  const field = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!field) throw new Error(`no field ${name}`);
  await act(() => {
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

async function click(input: HTMLInputElement) {
  await act(() => {
    input.click();
  });
}

/** Enters the form as a visitor does (the first focus), with `zone` typed as the time zone. */
async function enter(zone: string) {
  await type("timeZone", zone);
  await act(() => {
    byId("name").dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
  });
  await until(() => root.querySelector('input[name="slotDay"]') !== null, "the day-by-day picker");
}

async function fillInquiry() {
  for (const name of ["name", "email", "yearsRunning", "weeklyVolume", "message"] as const)
    await type(name, FILLED[name]);
  await act(() => {
    (byId("goal") as HTMLSelectElement).value = FILLED.goal;
    root.querySelector<HTMLInputElement>('input[name="lifting"][value="some"]')?.click();
    root.querySelector<HTMLInputElement>('input[name="consent"]')?.click();
  });
}

async function submit() {
  await act(() => {
    root.querySelector("form")?.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  });
}

/** A fetch that answers `status` with `body`, recording the JSON bodies it was sent. */
function answer(status: number, body: unknown) {
  const sent: Record<string, unknown>[] = [];
  const fetch = vi.fn((_url: string, init: { body: string }) => {
    sent.push(JSON.parse(init.body) as Record<string, unknown>);
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }),
    );
  });
  vi.stubGlobal("fetch", fetch);
  return { fetch, sent };
}

describe("the slot picker with JavaScript", () => {
  it("shows the days with free times, then the times of the day shown, in the zone typed into the form", async () => {
    await mount();
    await enter("Europe/Berlin");
    expect(plain(byId("slot-note").textContent)).toBe(
      "Times are in your time zone (Europe/Berlin), with Nicole's time (Denver) beside each.",
    );
    expect(labelsOf("slotDay")).toEqual(["Mon, Mar 29", "Wed, Mar 31"]);
    expect(radio("Mon, Mar 29").checked).toBe(true);
    expect(legends()).toContain("Time on Monday, March 29");
    expect(labelsOf("slot")).toEqual([
      "No time now, just contact me",
      "5:00 PM your time · 9:00 AM Nicole's time (Denver)",
      "5:30 PM your time · 9:30 AM Nicole's time (Denver)",
    ]);
    expect(checkedSlot()).toBe("");
    expect(root.textContent).toContain("Your choice: no time now. Nicole will suggest times by email.");
  });

  it("shows another day's times when a day is chosen, says so politely, and names the chosen time", async () => {
    await mount();
    await enter("Europe/Berlin");
    await click(radio("Wed, Mar 31"));
    expect(legends()).toContain("Time on Wednesday, March 31");
    expect(plain(root.querySelector('[aria-live="polite"]')?.textContent)).toBe("Wednesday, March 31: 2 free times.");
    await click(radio("12:00 AM"));
    expect(checkedSlot()).toBe(TUE_1600);
    expect(plain(root.textContent)).toContain(
      "Your choice: Wednesday, March 31 at 12:00 AM your time (Tue 4:00 PM Nicole's time).",
    );
    // Another day lets the time go: the chosen time is always the checked radio in view.
    await click(radio("Mon, Mar 29"));
    expect(checkedSlot()).toBe("");
  });

  it("regroups the days when the visitor changes the zone, keeping the chosen time", async () => {
    await mount();
    await enter("Europe/Berlin");
    await click(radio("Wed, Mar 31"));
    await click(radio("12:00 AM"));
    await type("timeZone", "America/Denver");
    expect(labelsOf("slotDay")).toEqual(["Mon, Mar 29", "Tue, Mar 30", "Wed, Mar 31"]);
    expect(radio("Tue, Mar 30").checked).toBe(true);
    expect(labelsOf("slot")).toEqual(["No time now, just contact me", "4:00 PM"]);
    expect(checkedSlot()).toBe(TUE_1600);
    expect(plain(byId("slot-note").textContent)).toBe(
      "Times are in your time zone (America/Denver), which is Nicole's too.",
    );
    await type("timeZone", "Mars/Olympus");
    expect(plain(byId("slot-note").textContent)).toMatch(
      /^"Mars\/Olympus" is not a time zone we know, so times are in your browser's time zone \(.+\)/,
    );
    expect(checkedSlot()).toBe(TUE_1600);
  });

  it("says no times are open when the offer is empty, and the form still sends", async () => {
    const { sent } = answer(201, { reference: "RS-ABCD-2345", confirmationEmail: false });
    await mount({ booking: { ...OFFER, slots: [] } });
    expect(plain(byId("slot-note").textContent)).toContain("No consultation times are open right now.");
    expect(root.querySelector('input[name="slot"]')).toBeNull();
    await fillInquiry();
    await submit();
    await until(() => sent.length === 1, "the inquiry to be sent");
    expect(sent[0]).not.toHaveProperty("slot");
  });
});

describe("sending with a chosen time", () => {
  it("sends the chosen time; on 'just taken' shows the fresh times, keeps every value and focuses the message", async () => {
    const taken = "That time was just taken. Please choose another, or send without one.";
    const { sent } = answer(422, {
      message: "Please check the highlighted fields.",
      errors: { slot: taken },
      booking: { ...OFFER, slots: [MON_0900, WED_0900] },
    });
    await mount();
    await enter("Europe/Berlin");
    await fillInquiry();
    await click(radio("Wed, Mar 31"));
    await click(radio("12:00 AM"));
    await submit();
    await until(() => plain(byId("slot-error").textContent) === taken, "the slot message");
    expect(sent).toEqual([
      expect.objectContaining({ name: FILLED.name, message: FILLED.message, slot: TUE_1600, formToken: "token-1" }),
    ]);
    expect(sent[0]).not.toHaveProperty("slotDay");
    expect(document.activeElement).toBe(byId("slot-error"));
    expect(byId("slot-error").closest("fieldset")?.getAttribute("aria-describedby")).toBe("slot-note slot-error");
    expect(labelsOf("slot")).not.toContain("12:00 AM your time · Tue 4:00 PM Nicole's time (Denver)");
    expect(checkedSlot()).toBe("");
    expect(valueOf("name")).toBe(FILLED.name);
    expect(valueOf("message")).toBe(FILLED.message);
    expect(plain(root.querySelector("[data-form-alert]")?.textContent)).toBe("Please check the highlighted fields.");
    // Choosing another time clears the message.
    await click(radio("5:00 PM"));
    expect(plain(byId("slot-error").textContent)).toBe("");
  });

  it("shows the reference and the booked time once stored, focused, and forgets the draft", async () => {
    answer(201, { reference: "RS-ABCD-2345", confirmationEmail: true, slot: TUE_1600 });
    await mount();
    await enter("Europe/Berlin");
    await fillInquiry();
    await click(radio("Wed, Mar 31"));
    await click(radio("12:00 AM"));
    expect(sessionStorage.getItem("runsmart.inquiry.draft")).toContain(TUE_1600);
    await submit();
    await until(() => root.querySelector('[role="status"]') !== null, "the confirmation");
    const done = root.querySelector<HTMLElement>('[role="status"]');
    expect(plain(done?.querySelector("h2")?.textContent)).toBe("Thank you: your inquiry arrived");
    expect(plain(done?.querySelector("p")?.textContent)).toBe(
      "Your reference is RS-ABCD-2345. Your free consultation is booked for " +
        "Wednesday, March 31 at 12:00 AM your time (Tue 4:00 PM Nicole's time). Nicole reads every inquiry herself " +
        "and will reply by email. A confirmation email is on its way to you now.",
    );
    expect(document.activeElement).toBe(done);
    expect(sessionStorage.getItem("runsmart.inquiry.draft")).toBeNull();
  });

  it("checks the fields before sending and focuses the first problem, sending nothing", async () => {
    const { fetch } = answer(201, {});
    await mount();
    await submit();
    await until(() => byId("name").getAttribute("aria-invalid") === "true", "the name's error");
    expect(plain(byId("name-error").textContent)).toBe("Please enter your name.");
    expect(byId("name").getAttribute("aria-describedby")).toBe("name-error");
    expect(document.activeElement).toBe(byId("name"));
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sends once however often Send is pressed while the first is on its way", async () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined));
    vi.stubGlobal("fetch", fetch);
    await mount();
    await fillInquiry();
    await submit();
    await until(() => fetch.mock.calls.length === 1, "the inquiry to be sent");
    await submit();
    await submit();
    expect(root.querySelector("button")?.disabled).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("the draft", () => {
  it("brings back the answers and the chosen time while it is still offered", async () => {
    await mount();
    await enter("Europe/Berlin");
    await type("name", "Fi Draft");
    await click(radio("5:00 PM"));
    render(null, root);
    await mount();
    await until(() => checkedSlot() === MON_0900, "the drafted time");
    expect(valueOf("name")).toBe("Fi Draft");
  });

  it("leaves out a drafted time that is no longer offered", async () => {
    await mount();
    await enter("Europe/Berlin");
    await type("name", "Fi Draft");
    await click(radio("5:00 PM"));
    render(null, root);
    await mount({ booking: { ...OFFER, slots: [TUE_1600, WED_0900] } });
    await until(() => valueOf("name") === "Fi Draft", "the drafted name");
    expect(JSON.parse(sessionStorage.getItem("runsmart.inquiry.draft") ?? "{}")).toHaveProperty("slot", MON_0900);
    await enter("Europe/Berlin");
    expect(checkedSlot()).toBe("");
    await type("name", "Fi Draft 2");
    expect(JSON.parse(sessionStorage.getItem("runsmart.inquiry.draft") ?? "{}")).not.toHaveProperty("slot");
  });
});
