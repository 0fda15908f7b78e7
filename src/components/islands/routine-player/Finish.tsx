/**
 * The end of the follow-along routine: the prompt to mark the day done, which the tracker counts
 * like the "Mark day N done" button on the page (the same store and rule, src/lib/mobility/days).
 */
import { isDayDone, markDayDone } from "../../../lib/mobility/days";
import type { Mobility } from "../mobility-tracker/useMobility";

interface Props {
  day: number;
  movements: number;
  /** Null until the progress has been read. */
  tracker: Mobility | null;
}

export function Finish({ day, movements, tracker }: Props) {
  const done = tracker !== null && isDayDone(tracker.state, day);
  return (
    <>
      <h2 id="routine-title" class="font-display text-4xl font-extrabold tracking-tight">
        Routine done
      </h2>
      <p class="text-xl">
        That was all {movements} movements of day {day}.
      </p>
      {!done && (
        <button
          type="button"
          class="min-h-12 justify-self-start button-primary text-lg"
          disabled={!tracker || tracker.readOnly}
          onClick={() => {
            if (tracker) tracker.commit(markDayDone(tracker.state, day, new Date(), tracker.timeZone));
          }}
        >
          Mark day {day} done
        </button>
      )}
      <p role="status" class="text-lg">
        {done && (
          <>
            Day {day} is marked done.{" "}
            <a class="text-accent underline" href="/mobility/">
              See your progress
            </a>
          </>
        )}
      </p>
    </>
  );
}
