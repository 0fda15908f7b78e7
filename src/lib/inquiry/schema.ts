/**
 * The coaching inquiry form: one zod schema that the island validates with before sending and the
 * server validates with again before storing, so the two can never disagree. Every field has a
 * length limit; single-line fields refuse line breaks and control characters (they end up in email
 * subjects and CSV cells); the message keeps its line breaks and is stored exactly as entered.
 * Messages are written for the visitor. It deliberately knows nothing about HTTP, FormData,
 * storage or spam checks: turning a request body into the schema's input is input.ts's job.
 *
 * Written with zod's functional API (`zod/mini`) because the browser loads it too: only the parts
 * used here end up in the bundle. Every issue a visitor can meet carries its own message, so no
 * zod locale is loaded.
 */
import * as z from "zod/mini";
import { isIsoDate } from "../calendar/civil-date.ts";
import { GOALS, LIFTING_LEVELS, LIMITS, VOLUME_UNITS } from "./fields.ts";

export { GOALS, LIFTING_LEVELS, LIMITS, VOLUME_UNITS } from "./fields.ts";
export type { Goal, LiftingLevel, VolumeUnit } from "./fields.ts";

/** CR, LF and the other characters some software treats as a line break. */
export const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
/** C0 and C1 control characters (tab included): never meaningful in a one-line answer. */
const CONTROL = /\p{Cc}/u;
/** Control characters a multi-line message may not contain: all but tab, LF and CR. */
const MESSAGE_CONTROL = /(?![\t\n\r])\p{Cc}/u;

/**
 * A one-line text answer: line breaks and control characters are refused before anything else, then
 * surrounding spaces are dropped and the length is checked.
 */
function singleLine(label: string, max: number, required: string) {
  return z.string({ error: required }).check(
    z.refine((s) => !LINE_BREAK.test(s), `${label} must fit on one line.`),
    z.refine((s) => !CONTROL.test(s), `${label} contains characters we cannot accept.`),
    z.trim(),
    z.minLength(1, required),
    z.maxLength(max, `${label} can be at most ${max} characters.`),
  );
}

/**
 * A non-negative amount up to `max`. The range is two refinements rather than `z.gte`/`z.lte`: the
 * outcome and messages are the same, and the browser bundle is about 180 bytes smaller.
 */
function amount(required: string, max: number, tooMuch: string) {
  return z.number({ error: required }).check(
    z.refine((n) => n >= 0, "Please enter a number that is 0 or more."),
    z.refine((n) => n <= max, tooMuch),
  );
}

/**
 * The message for a body that is not an object at all, worded as zod's English locale words it. The
 * form never sends one (input.ts always builds an object); zod/mini ships no locale, so without this
 * it would read "Invalid input" in the browser. Class instances count as objects and never get here.
 */
function notAnObject({ input }: { readonly input?: unknown }): string {
  const received =
    input === null
      ? "null"
      : Array.isArray(input)
        ? "array"
        : typeof input === "number" && !Number.isFinite(input)
          ? String(input)
          : typeof input;
  return `Invalid input: expected object, received ${received}`;
}

const RACE_DATE_ERROR = "Please enter the race date as a date, such as 2027-04-18.";

export const inquirySchema = z.object(
  {
    /** How the coach should address the visitor. */
    name: singleLine("Your name", LIMITS.nameMax, "Please enter your name."),
    /**
     * Where the coach replies; also the address the auto-reply goes to. The address format is the
     * last check, on the trimmed text, so a multi-line, blank or too-long address is reported as
     * that (only the first issue per field is shown).
     */
    email: z.string({ error: "Please enter your email address." }).check(
      z.refine((s) => !LINE_BREAK.test(s) && !CONTROL.test(s), "Your email address must fit on one line."),
      z.trim(),
      z.minLength(1, "Please enter your email address."),
      z.maxLength(LIMITS.emailMax, `Your email address can be at most ${LIMITS.emailMax} characters.`),
      z.email({ error: "Please enter an email address such as name@example.com." }),
    ),
    /** The one main reason for coaching. */
    goal: z.enum(GOALS, { error: "Please choose your main goal." }),
    /** Optional: the race the visitor is aiming at. */
    goalRace: z.optional(singleLine("The race name", LIMITS.goalRaceMax, "Please enter the race name.")),
    /** Optional: the race date (YYYY-MM-DD, as a date input sends it). */
    goalRaceDate: z.optional(
      z.string({ error: RACE_DATE_ERROR }).check(z.refine(isIsoDate, { error: RACE_DATE_ERROR })),
    ),
    /** Years of running, decimals allowed; 0 for someone who is just starting. */
    yearsRunning: amount(
      "Please enter how many years you have been running (0 is fine).",
      LIMITS.yearsRunningMax,
      `Please enter at most ${LIMITS.yearsRunningMax} years.`,
    ),
    /** Current weekly running volume in `volumeUnit`. */
    weeklyVolume: amount(
      "Please enter how far you run in a typical week (0 is fine).",
      LIMITS.weeklyVolumeMax,
      `Please enter at most ${LIMITS.weeklyVolumeMax} per week.`,
    ),
    /** The unit of `weeklyVolume`. */
    volumeUnit: z.enum(VOLUME_UNITS, { error: "Please choose kilometres or miles." }),
    /** Strength-training experience. */
    lifting: z.enum(LIFTING_LEVELS, { error: "Please choose your lifting experience." }),
    /** The visitor's own words: line breaks kept, stored exactly as entered, escaped wherever shown. */
    message: z.string({ error: "Please write a short message." }).check(
      z.refine((s) => !MESSAGE_CONTROL.test(s), "Your message contains characters we cannot accept."),
      z.refine(
        (s) => s.trim().length >= LIMITS.messageMin,
        `Please write at least ${LIMITS.messageMin} characters so the coach knows where to start.`,
      ),
      z.maxLength(LIMITS.messageMax, `Your message can be at most ${LIMITS.messageMax} characters.`),
    ),
    /** Optional: pre-filled from the browser, editable; free text such as Europe/Berlin. */
    timeZone: z.optional(singleLine("The time zone", LIMITS.timeZoneMax, "Please enter your time zone.")),
    /** Consent to be contacted about this inquiry: must be ticked by the visitor. */
    consent: z.literal(true, { error: "Please tick this box so the coach may contact you about your inquiry." }),
    /** Optional newsletter opt-in: stored, never acted on by this form. */
    newsletter: z._default(z.boolean({ error: "Please tick or untick the newsletter box." }), false),
  },
  { error: notAnObject },
);

/** What the schema accepts (numbers as numbers, checkboxes as booleans). */
export type InquiryInput = z.input<typeof inquirySchema>;
/** A validated inquiry. */
export type Inquiry = z.output<typeof inquirySchema>;
/** The names of the form's fields, in form order. */
export type InquiryField = keyof InquiryInput;
export const INQUIRY_FIELDS: readonly InquiryField[] = z.keyof(inquirySchema).options;
