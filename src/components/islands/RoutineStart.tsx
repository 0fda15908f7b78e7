/**
 * "Start today's routine" on a program day's page: the button, and the follow-along player it opens
 * (./routine-player), whose code is fetched on the first press so the page itself stays light. The
 * steps come worked out from the page (src/lib/content/mobility-routine.ts). Renders nothing until
 * it runs in a browser: without JavaScript the day's list below is the routine.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { RoutineStep } from "../../lib/content/mobility-routine";
import { useLazyComponent } from "./mobility-tracker/useLazyComponent";

interface Props {
  day: number;
  steps: readonly RoutineStep[];
}

const loadPlayer = () => import("./routine-player/Player").then((mod) => mod.Player);

export default function RoutineStart({ day, steps }: Props) {
  const [mounted, setMounted] = useState(false);
  const [started, setStarted] = useState(false);
  const { View, failed, retry } = useLazyComponent(started, loadPlayer);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    setMounted(true);
  }, []);
  if (!mounted) return <div class="h-1" aria-hidden="true" />;
  return (
    <div class="not-prose my-6 grid justify-items-start gap-2">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        class="min-h-12 rounded-lg bg-accent px-6 py-3 text-lg font-semibold text-accent-ink hover:opacity-90"
        onClick={() => {
          setStarted(true);
        }}
      >
        Start today's routine
      </button>
      <p class="text-sm text-muted">One movement at a time, in large type, with a countdown for each hold.</p>
      {started &&
        (View ? (
          <View
            day={day}
            steps={steps}
            onClose={() => {
              setStarted(false);
              button.current?.focus();
            }}
          />
        ) : failed ? (
          <p role="alert" class="text-sm">
            The routine could not be loaded: check your connection, then{" "}
            <button type="button" class="font-semibold underline" onClick={retry}>
              try again
            </button>
            .
          </p>
        ) : (
          <p class="text-sm text-muted">Loading…</p>
        ))}
    </div>
  );
}
