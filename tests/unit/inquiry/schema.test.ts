import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  INQUIRY_FIELDS,
  LIMITS,
  inquirySchema,
  parseInquiry,
  toFormValues,
  toInquiryInput,
  validateInquiry,
} from "../../../src/lib/inquiry/index.ts";
import type { InquiryField } from "../../../src/lib/inquiry/index.ts";

const valid = {
  name: "Sam Runner",
  email: "sam@example.com",
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
  newsletter: false,
};

const SINGLE_LINE_FIELDS = ["name", "email", "goalRace", "timeZone"] as const;

function errorsOf(input: unknown): Record<string, string> {
  const result = validateInquiry(input);
  return result.ok ? {} : { ...result.errors };
}

describe("the inquiry schema", () => {
  it("accepts a complete inquiry and keeps the message exactly as entered", () => {
    const message = '  Line one <b>bold</b> & "quotes"\r\nLine two\n\n\tindented  ';
    const result = validateInquiry({ ...valid, message });
    expect(result).toEqual({ ok: true, value: { ...valid, message } });
  });

  it("lists its fields in form order", () => {
    expect(INQUIRY_FIELDS).toEqual([
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
    ]);
  });

  it.each([
    { name: "no optional fields", patch: { goalRace: undefined, goalRaceDate: undefined, timeZone: undefined } },
    {
      name: "a beginner with zero years and zero volume",
      patch: { yearsRunning: 0, weeklyVolume: 0, goal: "first-race" },
    },
    { name: "miles", patch: { volumeUnit: "mi" } },
    { name: "every goal", patch: { goal: "return-from-injury" } },
    { name: "the newsletter ticked", patch: { newsletter: true } },
    { name: "a name at the limit", patch: { name: "N".repeat(LIMITS.nameMax) } },
    { name: "a message at the upper limit", patch: { message: "m".repeat(LIMITS.messageMax) } },
    { name: "a message of exactly 20 characters", patch: { message: "x".repeat(20) } },
    { name: "a leap day", patch: { goalRaceDate: "2028-02-29" } },
    { name: "non-Latin text", patch: { name: "Zoë Ølsen-李", message: "Ich möchte stärker werden. 我想跑得更快。" } },
  ])("accepts $name", ({ patch }) => {
    expect(errorsOf({ ...valid, ...patch })).toEqual({});
  });

  it("trims single-line fields but not the message", () => {
    const result = validateInquiry({
      ...valid,
      name: "  Sam  ",
      email: " sam@example.com ",
      message: ` ${valid.message} `,
    });
    expect(result.ok && [result.value.name, result.value.email, result.value.message]).toEqual([
      "Sam",
      "sam@example.com",
      ` ${valid.message} `,
    ]);
  });

  it.each([
    { name: "a missing name", patch: { name: undefined }, field: "name", message: "Please enter your name." },
    { name: "a blank name", patch: { name: "   " }, field: "name", message: "Please enter your name." },
    { name: "a long name", patch: { name: "N".repeat(101) }, field: "name", message: /at most 100/ },
    {
      name: "a missing email",
      patch: { email: undefined },
      field: "email",
      message: "Please enter your email address.",
    },
    {
      name: "an address without a domain",
      patch: { email: "sam@" },
      field: "email",
      message: /such as name@example.com/,
    },
    { name: "two addresses", patch: { email: "a@example.com,b@example.com" }, field: "email", message: /such as/ },
    { name: "an address with a space", patch: { email: "sam smith@example.com" }, field: "email", message: /such as/ },
    { name: "a long email", patch: { email: `${"a".repeat(250)}@x.io` }, field: "email", message: /at most 254/ },
    {
      name: "an unknown goal",
      patch: { goal: "win-olympics" },
      field: "goal",
      message: "Please choose your main goal.",
    },
    { name: "a long race name", patch: { goalRace: "R".repeat(121) }, field: "goalRace", message: /at most 120/ },
    { name: "an impossible date", patch: { goalRaceDate: "2027-02-30" }, field: "goalRaceDate", message: /race date/ },
    { name: "a date in words", patch: { goalRaceDate: "next spring" }, field: "goalRaceDate", message: /race date/ },
    { name: "negative years", patch: { yearsRunning: -1 }, field: "yearsRunning", message: /0 or more/ },
    { name: "years as text", patch: { yearsRunning: "four" }, field: "yearsRunning", message: /how many years/ },
    { name: "too many years", patch: { yearsRunning: 81 }, field: "yearsRunning", message: /at most 80/ },
    { name: "infinite volume", patch: { weeklyVolume: Infinity }, field: "weeklyVolume", message: /typical week/ },
    { name: "NaN volume", patch: { weeklyVolume: Number.NaN }, field: "weeklyVolume", message: /typical week/ },
    { name: "huge volume", patch: { weeklyVolume: 501 }, field: "weeklyVolume", message: /at most 500/ },
    {
      name: "a unit of furlongs",
      patch: { volumeUnit: "furlong" },
      field: "volumeUnit",
      message: /kilometres or miles/,
    },
    { name: "unknown lifting", patch: { lifting: "a lot" }, field: "lifting", message: /lifting experience/ },
    { name: "a short message", patch: { message: "Help me run." }, field: "message", message: /at least 20/ },
    {
      name: "a padded short message",
      patch: { message: `   ${"x".repeat(10)}             ` },
      field: "message",
      message: /at least 20/,
    },
    { name: "a long message", patch: { message: "m".repeat(5001) }, field: "message", message: /at most 5000/ },
    {
      name: "a NUL in the message",
      patch: { message: `${valid.message}\u0000` },
      field: "message",
      message: /characters/,
    },
    {
      name: "an escape sequence in the message",
      patch: { message: `${valid.message}\u001b[2J` },
      field: "message",
      message: /characters/,
    },
    { name: "a long time zone", patch: { timeZone: "T".repeat(65) }, field: "timeZone", message: /at most 64/ },
    {
      name: "a tab in the name",
      patch: { name: "Sam\tRunner" },
      field: "name",
      message: /characters we cannot accept/,
    },
    { name: "consent not ticked", patch: { consent: false }, field: "consent", message: /tick this box/ },
    { name: "consent missing", patch: { consent: undefined }, field: "consent", message: /tick this box/ },
    { name: "consent as text", patch: { consent: "on" }, field: "consent", message: /tick this box/ },
  ])("refuses $name with a message for the visitor", ({ patch, field, message }) => {
    const errors = errorsOf({ ...valid, ...patch });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it.each(SINGLE_LINE_FIELDS.flatMap((field) => ["\r", "\n", "\r\n", "\u2028", "\u0085"].map((br) => ({ field, br }))))(
    "refuses a line break $br.length in $field",
    ({ field, br }) => {
      const value = field === "email" ? `sam@example.com${br}Bcc: x@y.z` : `first${br}second`;
      expect(errorsOf({ ...valid, [field]: value })[field]).toMatch(/one line/);
    },
  );

  it("names every missing required field at once", () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      ["consent", "email", "goal", "lifting", "message", "name", "volumeUnit", "weeklyVolume", "yearsRunning"].sort(),
    );
  });

  it.each([
    [null, "null"],
    [[1, 2], "array"],
    ["text", "string"],
    [Number.NaN, "NaN"],
    [-Infinity, "-Infinity"],
    [undefined, "undefined"],
  ])("reports the body %j, which is not an object, as a form error", (input, received) => {
    expect(errorsOf(input)).toEqual({ form: `Invalid input: expected object, received ${received}` });
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => inquirySchema.safeParse(input)).not.toThrow();
        expect(() => parseInquiry(input)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on records with the form's own field names", () => {
    const fieldValue = fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.anything());
    const record = fc.dictionary(fc.constantFrom(...INQUIRY_FIELDS, "other", "__proto__"), fieldValue);
    fc.assert(
      fc.property(record, (input) => {
        const result = parseInquiry(input);
        // zod/mini loads no locale: a field without its own message would show zod's bare "Invalid input".
        if (!result.ok)
          for (const message of Object.values(result.errors)) expect(message).toMatch(/^Please |^Your |^The /);
      }),
      { numRuns: 500 },
    );
  });

  it("always refuses CR or LF in any single-line field", () => {
    const withBreak = fc
      .tuple(fc.string({ maxLength: 30 }), fc.constantFrom("\r", "\n", "\r\n"), fc.string({ maxLength: 30 }))
      .map(([a, br, b]) => `${a}${br}${b}`);
    fc.assert(
      fc.property(fc.constantFrom(...SINGLE_LINE_FIELDS), withBreak, (field, value) => {
        expect(validateInquiry({ ...valid, [field]: value }).ok).toBe(false);
        const form = new URLSearchParams({ ...stringValues(), [field]: value });
        expect(parseInquiry(form).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

function stringValues(): Record<string, string> {
  return {
    name: valid.name,
    email: valid.email,
    goal: valid.goal,
    goalRace: valid.goalRace,
    goalRaceDate: valid.goalRaceDate,
    yearsRunning: "4",
    weeklyVolume: "45.5",
    volumeUnit: valid.volumeUnit,
    lifting: valid.lifting,
    message: valid.message,
    timeZone: valid.timeZone,
    consent: "on",
  };
}

describe("form and JSON input", () => {
  it("turns a plain-HTML form post into the same inquiry as the JSON body", () => {
    const fromForm = parseInquiry(new URLSearchParams(stringValues()));
    const fromJson = parseInquiry(JSON.parse(JSON.stringify(valid)));
    expect(fromForm).toEqual(fromJson);
    expect(fromForm.ok).toBe(true);
  });

  it("reads FormData like URLSearchParams", () => {
    const data = new FormData();
    for (const [key, value] of Object.entries(stringValues())) data.append(key, value);
    expect(parseInquiry(data)).toEqual(parseInquiry(new URLSearchParams(stringValues())));
  });

  it("treats an absent checkbox as unticked and 'on' as ticked", () => {
    const form = new URLSearchParams(stringValues());
    expect(toInquiryInput(form)).toMatchObject({ consent: true, newsletter: false });
    form.delete("consent");
    form.set("newsletter", "on");
    expect(toInquiryInput(form)).toMatchObject({ consent: false, newsletter: true });
    expect(parseInquiry(form)).toEqual({ ok: false, errors: { consent: expect.stringMatching(/tick/) as string } });
  });

  it.each([
    ["12", 12],
    [" 7.5 ", 7.5],
    ["7,5", 7.5],
    ["+3", 3],
  ])("reads the number field %j as %j", (text, number) => {
    expect(toInquiryInput(new URLSearchParams({ yearsRunning: text })).yearsRunning).toBe(number);
  });

  it.each(["four", "1e3", "0x10", "-2", "12 km", "Infinity"])("leaves %j for the schema to refuse", (text) => {
    const form = new URLSearchParams({ ...stringValues(), weeklyVolume: text });
    const result = parseInquiry(form);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.errors["weeklyVolume"]).toBeTruthy();
  });

  it("treats empty optional fields as not given", () => {
    const form = new URLSearchParams({ ...stringValues(), goalRace: "", goalRaceDate: "", timeZone: "  " });
    const result = parseInquiry(form);
    expect(result.ok && [result.value.goalRace, result.value.goalRaceDate, result.value.timeZone]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("keeps only the form's own fields", () => {
    const input = toInquiryInput({ ...valid, website: "spam", formToken: "t", isAdmin: true });
    expect(Object.keys(input).sort()).toEqual([...INQUIRY_FIELDS].sort());
  });

  it("ignores inherited properties of a JSON body", () => {
    const body: unknown = JSON.parse('{"__proto__": {"name": "Injected"}}');
    expect(toInquiryInput(body)).toEqual({ consent: false, newsletter: false });
  });

  it("gives back the entered values as text for re-rendering a form", () => {
    const form = new URLSearchParams({ ...stringValues(), yearsRunning: "four", newsletter: "on", website: "x" });
    const values = toFormValues(form);
    expect(values).toMatchObject({ name: "Sam Runner", yearsRunning: "four", consent: "on", newsletter: "on" });
    expect(Object.keys(values).every((k) => INQUIRY_FIELDS.includes(k as InquiryField))).toBe(true);
  });
});

describe("the browser module", () => {
  // The coaching form's script bundles this folder into a page with a 15 KB script budget: only
  // zod's tree-shakable build, nothing Node-only and not the classic zod that astro/zod re-exports,
  // and the site's one calendar for dates.
  it("imports only its own files, the civil-date calendar and zod/mini", () => {
    const folder = join(import.meta.dirname, "../../../src/lib/inquiry");
    for (const file of readdirSync(folder)) {
      const source = readFileSync(join(folder, file), "utf8");
      for (const [, specifier] of source.matchAll(/\bfrom\s+"([^"]+)"/g)) {
        expect(`${file}: ${String(specifier)}`).toMatch(
          /^[\w-]+\.ts: (\.\/[\w-]+\.ts|\.\.\/calendar\/civil-date\.ts|zod\/mini)$/,
        );
      }
    }
  });
});
