/**
 * The privacy note shown next to the consent box, and the version stored with every consent record
 * so the coach can tell which wording a visitor agreed to. Change the text and the version together.
 * It knows nothing about forms or storage; the server purges old rows after INQUIRY_RETENTION_MONTHS
 * (default DEFAULT_RETENTION_MONTHS, the period the note promises).
 */

/** Bump (as a date) whenever PRIVACY_NOTE changes meaning. Stored with each inquiry's consent. */
export const PRIVACY_NOTE_VERSION = "2026-12-07";

/** The retention the note promises, in months: INQUIRY_RETENTION_MONTHS's default. */
export const DEFAULT_RETENTION_MONTHS = 12;

/**
 * The short note rendered next to the consent checkbox: what is stored, why, for how long, the copy
 * in the coach's mailbox, and how to have it all deleted (`npm run inquiries -- forget <email>`).
 */
export const PRIVACY_NOTE =
  "We store what you enter in this form, and when you agreed to this note, only to answer your inquiry. " +
  `Only the coach reads it; it is never shared or sold, and we delete it ${DEFAULT_RETENTION_MONTHS} months after you send it. ` +
  "A copy is emailed to the coach and stays in her mailbox until she deletes it. " +
  "To have everything deleted sooner, that copy included, reply to any email from us or ask through this form. " +
  "The newsletter box is stored as your choice; it does not sign you up to anything else.";
