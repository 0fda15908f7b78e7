/**
 * The public forms' vocabulary without their validation (inquiries, comments): the choices, the
 * length limits, and the names of the fields the server adds to a form, in a module with no imports.
 * schema.ts builds the zod schema from these; the form islands render from them alone, so a page can
 * show a form before zod has loaded (it is fetched once a visitor starts filling the form in).
 * Nothing here validates anything.
 */
export const GOALS = ["first-race", "faster-race", "return-from-injury", "get-stronger", "other"] as const;
export type Goal = (typeof GOALS)[number];

export const LIFTING_LEVELS = ["none", "some", "regular"] as const;
export type LiftingLevel = (typeof LIFTING_LEVELS)[number];

export const VOLUME_UNITS = ["km", "mi"] as const;
export type VolumeUnit = (typeof VOLUME_UNITS)[number];

/** Field limits, exported so the form can set matching maxlength/min/max attributes. */
export const LIMITS = {
  nameMax: 100,
  emailMax: 254,
  goalRaceMax: 120,
  timeZoneMax: 64,
  messageMin: 20,
  messageMax: 5000,
  yearsRunningMax: 80,
  weeklyVolumeMax: 500,
} as const;

/** A field people never see (hidden with CSS, not type=hidden): anything in it marks a bot. */
export const HONEYPOT_FIELD = "website";
/** The hidden field carrying the signed "form served at" value the server issued. */
export const FORM_TOKEN_FIELD = "formToken";
/** The key of an error that belongs to the whole form rather than one field. */
export const FORM_ERROR_KEY = "form";
