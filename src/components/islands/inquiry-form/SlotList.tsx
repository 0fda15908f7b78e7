/**
 * The picker as the server renders it, for a page without JavaScript: the first days with free
 * times (NO_SCRIPT_LIMITS), each a group of plain radios named `slot`, in the zone the visitor
 * posted when it is a valid one and otherwise in the coach's, which the note says. The island
 * replaces it with the day-by-day picker once the visitor reaches it.
 */
import type { ListLimits, PickerDay } from "../../../lib/booking/picker.ts";
import { listedDays } from "../../../lib/booking/picker.ts";
import { NoTime, SlotTime, ZoneNote } from "./SlotTime";
import type { ShownZone } from "./SlotTime";

/** Five days, whole days only, about 60 radios at most: a page of reasonable size. */
export const NO_SCRIPT_LIMITS: ListLimits = { days: 5, times: 60 };

interface Props {
  days: readonly PickerDay[];
  shown: ShownZone;
  coachCity: string;
  /** The start time the visitor had chosen (a form sent back), or "". */
  chosen: string;
}

export function SlotList({ days, shown, coachCity, chosen }: Props) {
  const listed = listedDays(days, NO_SCRIPT_LIMITS, chosen);
  const isListed = listed.some((day) => day.times.some((t) => t.instant === chosen));
  return (
    <div class="grid gap-4">
      <ZoneNote shown={shown} coachCity={coachCity} />
      <NoTime checked={!isListed} />
      {listed.map((day) => (
        <fieldset class="grid gap-2">
          <legend class="mb-1 font-semibold">{day.label}</legend>
          <div class="grid gap-2 sm:grid-cols-2">
            {day.times.map((time) => (
              <SlotTime time={time} coachCity={coachCity} checked={time.instant === chosen} />
            ))}
          </div>
        </fieldset>
      ))}
      {listed.length < days.length && (
        <p class="text-sm text-muted">
          These are the next {listed.length} days with free times. For a later day, choose "No time now" and say which
          days suit you in your message.
        </p>
      )}
    </div>
  );
}
