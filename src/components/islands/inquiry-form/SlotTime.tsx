/**
 * What the picker's parts share: one start time as a labelled radio ("9:00 AM your time · 10:00 AM
 * Nicole's time (Denver)"), the "no time" choice, and the sentence saying which zone the times are in.
 */
import type { PickerDay, PickerTime } from "../../../lib/booking/picker.ts";
import { SLOT_FIELD } from "../../../lib/booking/offer.ts";

/** The zone the times are shown in, and why that one. */
export interface ShownZone {
  readonly zone: string;
  /** The zone in the form, the browser's (the form names none), or the coach's (neither is known). */
  readonly whose: "visitor" | "browser" | "coach";
  /** Text in the time-zone field that names no zone, so another was used. */
  readonly unknown?: string | undefined;
  /** The zone is the coach's own, so no second time is shown. */
  readonly isCoachZone: boolean;
}

export const NOTE_ID = "slot-note";

/** A chosen time in words: "Monday, March 29 at 9:00 AM your time (10:00 AM Nicole's time)". */
export function describeTime(days: readonly PickerDay[], instant: string): string | undefined {
  for (const day of days) {
    const time = day.times.find((t) => t.instant === instant);
    if (time)
      return `${day.label} at ${time.time} your time${time.coachTime ? ` (${time.coachTime} Nicole's time)` : ""}`;
  }
  return undefined;
}
const radio = "h-5 w-5 shrink-0 accent-[var(--rs-accent)]";
/** A radio with its label, as one bordered box that shows when it is checked. */
export const choice = "flex items-center gap-2 rounded-lg border border-line px-3 py-2 has-checked:border-accent";

const WHOSE = { visitor: "your time zone", browser: "your browser's time zone", coach: "Nicole's time zone" };

/** One sentence for the top of the picker: which zone the times are in. */
export function ZoneNote({ shown, coachCity }: { shown: ShownZone; coachCity: string }) {
  const where = `times are in ${WHOSE[shown.whose]} (${shown.zone})`;
  const beside = !shown.isCoachZone
    ? `, with Nicole's time (${coachCity}) beside each.`
    : shown.whose === "coach"
      ? "."
      : ", which is Nicole's too.";
  const text = shown.unknown ? `"${shown.unknown}" is not a time zone we know, so ${where}` : where;
  return (
    <p id={NOTE_ID} class="text-sm text-muted">
      {text.charAt(0).toUpperCase() + text.slice(1) + beside}
    </p>
  );
}

interface RadioProps {
  checked: boolean;
  /** Controlled by the island (`onChoose`), or a plain default for the server-rendered list. */
  onChoose?: ((slot: string) => void) | undefined;
}

function Radio({ value, checked, onChoose }: RadioProps & { value: string }) {
  return onChoose ? (
    <input
      type="radio"
      name={SLOT_FIELD}
      value={value}
      checked={checked}
      class={radio}
      onChange={() => {
        onChoose(value);
      }}
    />
  ) : (
    <input type="radio" name={SLOT_FIELD} value={value} defaultChecked={checked} class={radio} />
  );
}

export function SlotTime({ time, coachCity, ...rest }: RadioProps & { time: PickerTime; coachCity: string }) {
  return (
    <label class={choice}>
      <Radio value={time.instant} {...rest} />
      <span>
        <span class="font-semibold">{time.time}</span>
        {time.coachTime && (
          <span class="text-sm text-muted">
            {" "}
            your time · {time.coachTime} Nicole's time ({coachCity})
          </span>
        )}
      </span>
    </label>
  );
}

export function NoTime(props: RadioProps) {
  return (
    <label class={`${choice} justify-self-start`}>
      <Radio value="" {...props} />
      No time now, just contact me
    </label>
  );
}
