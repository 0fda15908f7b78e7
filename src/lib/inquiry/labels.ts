/**
 * Human labels for the inquiry's choice fields, shared by the form, the coach's email and the CLI so
 * the wording is the same everywhere. It knows nothing about where a label is rendered.
 */
import type { Goal, LiftingLevel, VolumeUnit } from "./schema.ts";

export const GOAL_LABELS: Readonly<Record<Goal, string>> = {
  "first-race": "Run my first race",
  "faster-race": "Run a race faster",
  "return-from-injury": "Come back after an injury",
  "get-stronger": "Get stronger as a runner",
  other: "Something else",
};

export const LIFTING_LABELS: Readonly<Record<LiftingLevel, string>> = {
  none: "None",
  some: "Some (I have lifted now and then)",
  regular: "Regular (I lift most weeks)",
};

export const VOLUME_UNIT_LABELS: Readonly<Record<VolumeUnit, string>> = {
  km: "km",
  mi: "miles",
};

/** The heading a visitor sees once the inquiry is stored: the enhanced form's message and the thanks page. */
export const RECEIVED_HEADING = "Thank you: your inquiry arrived";

/** What happens next, said right after the reference in both places. */
export const RECEIVED_NEXT = "Nicole reads every inquiry herself and will reply by email.";

/** Said only when a confirmation email was queued (not for a duplicate, nor a second one today). */
export const CONFIRMATION_ON_ITS_WAY = "A confirmation email is on its way to you now.";
