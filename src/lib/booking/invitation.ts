/**
 * The calendar invitation for a consultation (RFC 5545 iCalendar, sent over email as iTIP, RFC 5546
 * and 6047): one VEVENT with a stable UID, DTSTART/DTEND in UTC, the coach as ORGANIZER, the visitor
 * as ATTENDEE and a SEQUENCE that grows with every change, so calendars update or remove the event
 * they already hold. METHOD:REQUEST invites (and updates after a move); METHOD:CANCEL with
 * STATUS:CANCELLED removes it. Lines go through the site's one iCalendar text writer (folding,
 * escaping, CRLF). It has no clock: the stamp is passed in. It knows nothing about email.
 */
import { escapeText, icsDocument, utcStamp } from "../calendar/ics-text.ts";

export const INVITATION_PRODID = "-//Run Smart//Consultation//EN";

export interface CalendarPerson {
  readonly name: string;
  readonly email: string;
}

export interface Invitation {
  readonly method: "REQUEST" | "CANCEL";
  /** The same for every version of one consultation. */
  readonly uid: string;
  /** 0 when first sent; one more for each later version. */
  readonly sequence: number;
  readonly start: Date;
  readonly end: Date;
  /** When this version was made (DTSTAMP). */
  readonly stamp: Date;
  readonly summary: string;
  readonly description: string;
  readonly organizer: CalendarPerson;
  readonly attendee: CalendarPerson;
  /** An http(s) address about the event (the visitor's manage page). */
  readonly url?: string;
}

/** A parameter value (CN): always quoted, without the characters a quoted value cannot hold. */
function paramValue(text: string): string {
  return `"${Array.from(text)
    .filter((ch) => ch !== '"' && (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== "\u007f")
    .join("")
    .trim()}"`;
}

/** A mailto: address: only an address with no spaces, controls or angle brackets is written as given. */
function mailto(email: string): string {
  const address = email.trim();
  if (!/^[^\s<>"\p{Cc}]+@[^\s<>"\p{Cc}]+$/u.test(address)) throw new RangeError("invitation: bad email address");
  return `mailto:${address}`;
}

/** The .ics text of an invitation (CRLF line endings, folded at 75 octets). */
export function invitationIcs(invitation: Invitation): string {
  if (!(invitation.start < invitation.end)) throw new RangeError("invitation: the event must end after it starts");
  if (!Number.isInteger(invitation.sequence) || invitation.sequence < 0) {
    throw new RangeError("invitation: bad sequence");
  }
  const cancelled = invitation.method === "CANCEL";
  const { organizer, attendee } = invitation;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${INVITATION_PRODID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${invitation.method}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(invitation.uid)}`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${utcStamp(invitation.stamp)}`,
    `DTSTART:${utcStamp(invitation.start)}`,
    `DTEND:${utcStamp(invitation.end)}`,
    `SUMMARY:${escapeText(invitation.summary)}`,
    `DESCRIPTION:${escapeText(invitation.description)}`,
    ...(invitation.url === undefined ? [] : [`URL:${invitation.url}`]),
    `ORGANIZER;CN=${paramValue(organizer.name)}:${mailto(organizer.email)}`,
    `ATTENDEE;CN=${paramValue(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=${cancelled ? "DECLINED" : "ACCEPTED"}:${mailto(attendee.email)}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return icsDocument(lines);
}
