/**
 * The follow-along routine of a program day, full screen (a modal <dialog>): one step at a time in
 * large type, a countdown for timed holds (src/lib/timing, from timestamps), previous / pause / next
 * (also the arrow keys; Escape closes), the screen kept on while it runs, a tone and a vibration when
 * a hold ends, and at the end the prompt to mark the day done (./Finish.tsx); a step itself is
 * ./Step.tsx. Loaded on the first press of "Start today's routine" (../RoutineStart.tsx).
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { RoutineStep } from "../../../lib/content/mobility-routine";
import type { Countdown } from "../../../lib/timing/countdown";
import { createCountdown, pauseCountdown, settleCountdown, startCountdown } from "../../../lib/timing/countdown";
import { prepareSound, screenKeeper, signalEnd } from "../gym/device";
import { useMobility } from "../mobility-tracker/useMobility";
import { Finish } from "./Finish";
import { Step } from "./Step";

interface Props {
  day: number;
  steps: readonly RoutineStep[];
  onClose: () => void;
}

const control = "button min-h-12 text-lg";
const holdOf = (step: RoutineStep | undefined) =>
  step?.seconds ? createCountdown(step.seconds * 1000, step.seconds * 1000) : null;

export function Player({ day, steps, onClose }: Props) {
  const tracker = useMobility();
  const dialog = useRef<HTMLDialogElement>(null);
  const screen = useMemo(screenKeeper, []);
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const [hold, setHold] = useState<Countdown | null>(() => holdOf(steps[0]));
  const [now, setNow] = useState(0);
  const step = steps[index];
  const movements = steps.at(-1)?.movement ?? 0;
  const running = hold?.status === "running";

  useEffect(() => {
    dialog.current?.showModal();
    return () => {
      screen.release();
    };
  }, [screen]);
  useEffect(() => {
    if (paused || !step) screen.release();
    else screen.hold();
  }, [paused, step, screen]);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => {
      const at = Date.now();
      setNow(at);
      setHold((h) => h && settleCountdown(h, at));
    }, 250);
    return () => {
      clearInterval(id);
    };
  }, [running]);
  useEffect(() => {
    if (hold?.status === "done") signalEnd();
  }, [hold?.status]);
  // Arrow keys step through the routine wherever the focus is while it is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "ArrowRight") go(index + 1);
      if (e.key === "ArrowLeft") go(index - 1);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
    };
  });

  const go = (to: number) => {
    const next = Math.max(0, Math.min(steps.length, to));
    setIndex(next);
    setHold(holdOf(steps[next]));
    setPaused(false);
  };
  const startHold = () => {
    if (!hold) return;
    const at = Date.now();
    prepareSound();
    setNow(at);
    setPaused(false);
    setHold(startCountdown(hold, at));
  };
  const togglePause = () => {
    const at = Date.now();
    setNow(at);
    if (hold) setHold(paused ? (hold.status === "paused" ? startCountdown(hold, at) : hold) : pauseCountdown(hold, at));
    setPaused(!paused);
  };

  const announcement = !step
    ? ""
    : hold?.status === "done"
      ? "Time is up."
      : `Movement ${step.movement} of ${movements}: ${step.name}, ${step.dose}.${paused ? " Paused." : ""}`;

  return (
    <dialog
      ref={dialog}
      class="routine"
      aria-labelledby="routine-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div class="mx-auto flex min-h-full max-w-xl flex-col gap-5">
        <div class="flex items-center justify-between gap-4">
          <p class="font-semibold text-muted">
            Day {day} &middot; {step ? `movement ${step.movement} of ${movements}` : "finished"}
          </p>
          <button type="button" class={control} onClick={onClose}>
            Close
          </button>
        </div>
        {step ? (
          <Step step={step} hold={hold} now={now} onStartHold={startHold} />
        ) : (
          <Finish day={day} movements={movements} tracker={tracker} />
        )}
        <p class="sr-only" aria-live="polite">
          {announcement}
        </p>
        {step && (
          <div class="mt-auto grid grid-cols-3 gap-2 pb-2">
            <button
              type="button"
              class={`${control} aria-disabled:opacity-50`}
              // Not `disabled`: a disabled button would drop the keyboard focus out of the dialog.
              aria-disabled={index === 0}
              onClick={() => {
                go(index - 1);
              }}
            >
              Previous
            </button>
            <button type="button" class={control} aria-pressed={paused} onClick={togglePause}>
              {paused ? "Resume" : "Pause"}
            </button>
            <button
              type="button"
              class={`${control} border-accent`}
              onClick={() => {
                go(index + 1);
              }}
            >
              {index === steps.length - 1 ? "Finish" : "Next"}
            </button>
          </div>
        )}
      </div>
    </dialog>
  );
}
