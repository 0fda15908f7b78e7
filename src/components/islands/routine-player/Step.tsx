/** One step of the follow-along routine in large type: the movement, the dose, the hold's countdown, the cue. */
import type { RoutineStep } from "../../../lib/content/mobility-routine";
import type { Countdown } from "../../../lib/timing/countdown";
import { formatCountdown, remainingMs } from "../../../lib/timing/countdown";

interface Props {
  step: RoutineStep;
  /** The countdown of a timed step; null when the runner counts reps. */
  hold: Countdown | null;
  /** The time the countdown is shown for (Date.now()). */
  now: number;
  onStartHold: () => void;
}

export function Step({ step, hold, now, onStartHold }: Props) {
  return (
    <>
      <h2 id="routine-title" class="font-display text-4xl font-extrabold tracking-tight">
        {step.name}
      </h2>
      <p class="font-display text-3xl font-bold text-accent">{step.dose}</p>
      {hold && (
        <p class="rest-figure" role="timer" aria-label="Hold remaining">
          {formatCountdown(remainingMs(hold, now))}
        </p>
      )}
      {hold?.status === "ready" && (
        <button type="button" class="min-h-12 button-primary text-lg" onClick={onStartHold}>
          Start the {step.seconds} s hold
        </button>
      )}
      <p class="text-2xl leading-snug">{step.cue}</p>
      <details class="text-lg">
        <summary class="cursor-pointer font-semibold">How to do it</summary>
        <p class="mt-2">{step.how}</p>
      </details>
    </>
  );
}
