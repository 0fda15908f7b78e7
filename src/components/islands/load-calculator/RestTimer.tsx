import { useEffect, useState } from "preact/hooks";
import {
  createRestTimer,
  formatRestRemaining,
  pauseRestTimer,
  resetRestTimer,
  startRestTimer,
  tickRestTimer,
} from "../../../lib/strength/rest-timer";

const button = "rounded-lg border border-line px-4 py-2 font-semibold hover:border-accent disabled:opacity-50";

/** A 3-minute rest timer; the end is announced to screen readers through a live region. */
export function RestTimer() {
  const [timer, setTimer] = useState(createRestTimer);
  const running = timer.status === "running";

  useEffect(() => {
    if (!running) return;
    let last = performance.now();
    const id = setInterval(() => {
      const now = performance.now();
      setTimer((t) => tickRestTimer(t, now - last));
      last = now;
    }, 250);
    return () => {
      clearInterval(id);
    };
  }, [running]);

  return (
    <section aria-labelledby="lc-rest-heading" class="rounded-xl border border-line p-5 print:hidden">
      <h3 id="lc-rest-heading" class="font-display text-lg font-bold">
        Rest between sets
      </h3>
      <p class="font-display text-4xl font-extrabold tabular-nums" role="timer" aria-label="Rest remaining">
        {formatRestRemaining(timer)}
      </p>
      <div class="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          class={button}
          onClick={() => {
            setTimer(running ? pauseRestTimer : startRestTimer);
          }}
        >
          {running ? "Pause" : timer.status === "paused" ? "Resume" : "Start rest"}
        </button>
        <button
          type="button"
          class={button}
          disabled={timer.status === "ready"}
          onClick={() => {
            setTimer(resetRestTimer);
          }}
        >
          Reset
        </button>
      </div>
      <p aria-live="assertive" class="mt-2 font-semibold text-accent">
        {timer.status === "done" ? "Rest over: start your next set." : ""}
      </p>
    </section>
  );
}
