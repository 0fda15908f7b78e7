/**
 * The picker with JavaScript: the days that have free times as one radio group, then the times of
 * the day shown as another, "no time" first (arrow keys move within each group, as in any radio
 * group, and Tab moves between them). Showing another day lets go of a time chosen on the day shown
 * before, so the chosen time is always the checked radio in view; the change is announced politely.
 */
import type { PickerDay } from "../../../lib/booking/picker.ts";
import { DAY_FIELD } from "./draft";
import { NoTime, SlotTime, ZoneNote, choice, describeTime } from "./SlotTime";
import type { ShownZone } from "./SlotTime";

interface Props {
  days: readonly PickerDay[];
  shown: ShownZone;
  coachCity: string;
  /** The chosen start time, or "". */
  slot: string;
  /** The date of the day shown (YYYY-MM-DD in the shown zone); the chosen time's day when unset. */
  day: string | undefined;
  /** Said once after the visitor showed another day. */
  announcement: string;
  onSlot: (slot: string) => void;
  onDay: (day: PickerDay) => void;
}

export function DayTimes({ days, shown, coachCity, slot, day, announcement, onSlot, onDay }: Props) {
  const shownDay =
    days.find((d) => d.date === day) ?? days.find((d) => d.times.some((t) => t.instant === slot)) ?? days[0];
  const chosen = describeTime(days, slot);
  return (
    <div class="grid gap-4">
      <ZoneNote shown={shown} coachCity={coachCity} />
      <fieldset class="grid gap-2">
        <legend class="mb-1 font-semibold">Day</legend>
        <div class="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {days.map((d) => (
            <label class={choice}>
              <input
                type="radio"
                name={DAY_FIELD}
                value={d.date}
                checked={d === shownDay}
                class="h-5 w-5 shrink-0 accent-[var(--rs-accent)]"
                onChange={() => {
                  onDay(d);
                }}
              />
              {d.short}
            </label>
          ))}
        </div>
      </fieldset>
      {shownDay && (
        <fieldset class="grid gap-2">
          <legend class="mb-1 font-semibold">Time on {shownDay.label}</legend>
          <NoTime checked={slot === ""} onChoose={onSlot} />
          <div class="grid gap-2 sm:grid-cols-2">
            {shownDay.times.map((time) => (
              <SlotTime
                key={time.instant}
                time={time}
                coachCity={coachCity}
                checked={time.instant === slot}
                onChoose={onSlot}
              />
            ))}
          </div>
        </fieldset>
      )}
      <p class="font-semibold">
        {chosen ? `Your choice: ${chosen}.` : "Your choice: no time now. Nicole will suggest times by email."}
      </p>
      <p aria-live="polite" class="sr-only">
        {announcement}
      </p>
    </div>
  );
}
