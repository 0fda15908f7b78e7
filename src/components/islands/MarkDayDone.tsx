/**
 * The "mark this day done" control on a program day's page. Renders nothing without JavaScript.
 * Shares the tracker's store, so the day shows as done on /mobility/ and in other tabs.
 */
import { useId } from "preact/hooks";
import { completionOf, isDayDone, setDayDone } from "../../lib/mobility/days";
import { NoticesLoader } from "./mobility-tracker/NoticesLoader";
import { useMobility } from "./mobility-tracker/useMobility";

export default function MarkDayDone({ day }: { day: number }) {
  const tracker = useMobility();
  // Unique per island, so two of these on one page never share an id (the renderer seeds it).
  const statusId = useId();
  // Before hydration: an empty box, so client:visible has an element to watch and no dead controls show.
  if (!tracker) return <div class="h-1" aria-hidden="true" />;
  const done = isDayDone(tracker.state, day);
  const on = completionOf(tracker.state, day)?.on;
  return (
    <div class="not-prose mt-8 grid gap-3 rounded-2xl border border-line bg-surface p-5">
      <NoticesLoader tracker={tracker} />
      <button
        type="button"
        aria-pressed={done}
        aria-describedby={statusId}
        disabled={tracker.readOnly}
        class="justify-self-start rounded-lg border-2 border-accent px-5 py-3 font-semibold aria-pressed:bg-accent aria-pressed:text-accent-ink"
        onClick={() => {
          tracker.commit(setDayDone(tracker.state, day, !done, new Date(), tracker.timeZone));
        }}
      >
        Mark day {day} done
      </button>
      <p id={statusId} role="status">
        {done ? `Day ${day} is done${on ? ` (${on})` : ""}. Press the button again to undo.` : "Not done yet."}{" "}
        <a class="text-accent underline" href="/mobility/">
          See your progress
        </a>
      </p>
    </div>
  );
}
