/**
 * The coach's working hours as she writes them in site.config.ts: "09:00-12:30", a range of her
 * local clock (24-hour, "24:00" ends the day). Parsed here for the settings' schema (which refuses a
 * bad range with the field's name) and for the slot computation. It knows nothing about dates,
 * zones or where the text comes from.
 */
import type { SiteConfig } from "../../site.config.ts";
import { WEEKDAYS } from "./slots.ts";
import type { Availability, HoursRange, Weekday } from "./slots.ts";

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** The range "HH:MM-HH:MM" names, in minutes since midnight, or undefined when it is not one that runs forward. */
export function parseHoursRange(text: unknown): HoursRange | undefined {
  const match = typeof text === "string" ? RANGE.exec(text.trim()) : null;
  if (match === null) return undefined;
  const startMinute = Number(match[1]) * 60 + Number(match[2]);
  const endMinute = match[5] === "24" ? 1440 : Number(match[3]) * 60 + Number(match[4]);
  return startMinute < endMinute ? { startMinute, endMinute } : undefined;
}

/** True when no two of the ranges overlap (touching is fine). */
export function rangesApart(ranges: readonly HoursRange[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.startMinute - b.startMinute);
  return sorted.every((range, i) => i === 0 || (sorted[i - 1]?.endMinute ?? 0) <= range.startMinute);
}

/** The settings of site.config.ts (already validated) as the slot computation takes them. */
export function availabilityOf(settings: SiteConfig["availability"]): Availability {
  const weeklyHours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, settings.weeklyHours[day].flatMap((text) => parseHoursRange(text) ?? [])]),
  ) as Record<Weekday, HoursRange[]>;
  return {
    timeZone: settings.timeZone,
    weeklyHours,
    bufferMinutes: settings.bufferMinutes,
    minimumNoticeHours: settings.minimumNoticeHours,
    horizonDays: settings.horizonDays,
    datesOff: settings.datesOff,
  };
}
