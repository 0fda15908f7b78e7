/**
 * The privacy note shown next to the consent box, and the version stored with every consent record
 * so the coach can tell which wording a visitor agreed to. Change the text and the version together.
 * It knows nothing about forms or storage; the server uses the retention period to purge old rows.
 */

/** Bump (as a date) whenever PRIVACY_NOTE changes meaning. Stored with each inquiry's consent. */
export const PRIVACY_NOTE_VERSION = "2026-11-25";

/** How long an inquiry is kept after it arrives, in days. `npm run inquiries -- purge` applies it. */
export const RETENTION_DAYS = 365;

/** The short note rendered next to the consent checkbox: what is stored, why, and for how long. */
export const PRIVACY_NOTE =
  "We store what you enter in this form, and when you agreed to this note, only to answer your inquiry. " +
  "Only the coach reads it; it is never shared or sold, and we delete it 12 months after you send it. " +
  "The newsletter box is stored as your choice; it does not sign you up to anything else.";
