import { isDayDone, setDayDone } from "../../../lib/mobility/days";
import { summarizeProgress } from "../../../lib/mobility/progress";
import { BLOCK_NAMES, dayPath } from "../../../lib/content/mobility-program";
import type { Mobility } from "./useMobility";

/** n of 25, the next day, this week's sessions, and a toggle for every day, block by block. */
export function Progress({ tracker }: { tracker: Mobility }) {
  const now = new Date();
  const summary = summarizeProgress(tracker.state, now, tracker.timeZone);
  const toggle = (day: number) => {
    tracker.commit(setDayDone(tracker.state, day, !isDayDone(tracker.state, day), new Date(), tracker.timeZone));
  };
  return (
    <section aria-labelledby="tracker-progress" class="grid gap-4">
      <h3 id="tracker-progress" class="font-display text-xl font-bold">
        Your progress
      </h3>
      <p class="text-3xl font-extrabold" aria-live="polite">
        {summary.done} of {summary.total} days
      </p>
      <div class="h-3 overflow-hidden rounded-full bg-line" aria-hidden="true">
        <div class="h-full bg-accent" style={{ width: `${(summary.done / summary.total) * 100}%` }} />
      </div>
      <p>{summary.message}</p>
      <ul class="grid gap-1 text-sm">
        <li>
          {summary.nextDay === null ? (
            "Every day is done. Retest on day 25 and compare below."
          ) : (
            <>
              Next:{" "}
              <a class="font-semibold text-accent underline" href={dayPath(summary.nextDay)}>
                Day {summary.nextDay}
              </a>
            </>
          )}
        </li>
        <li>
          Sessions this week: <strong>{summary.sessionsThisWeek}</strong>
        </li>
      </ul>
      <ol class="grid gap-3">
        {summary.blocks.map((block) => (
          <li>
            <p class="text-sm font-semibold">
              Block {block.block}: {BLOCK_NAMES[block.block - 1]}{" "}
              <span class="text-muted">
                ({block.done} of {block.total})
              </span>
            </p>
            <ul class="mt-1 flex flex-wrap gap-2">
              {block.days.map(({ day, done }) => (
                <li>
                  <button
                    type="button"
                    aria-pressed={done}
                    aria-label={`Mark day ${day} done`}
                    disabled={tracker.readOnly}
                    class="h-11 min-w-11 rounded-lg border-2 border-line px-2 font-semibold aria-pressed:border-accent aria-pressed:bg-accent aria-pressed:text-accent-ink"
                    onClick={() => {
                      toggle(day);
                    }}
                  >
                    {done ? `✓ ${day}` : day}
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
