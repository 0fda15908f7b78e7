/**
 * The load-progression calculator island: inputs in, one-rep max, plan, warm-up and rest timer out.
 * All arithmetic lives in src/lib/strength; this wires state to the address bar (so a plan can be
 * shared) and to localStorage (so the last inputs come back), both guarded. Before hydration the
 * server-rendered example is shown with the inputs disabled.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import type { CalculatorInputs } from "../../lib/strength/calculator-inputs";
import {
  DEFAULT_INPUTS,
  LIFTS,
  STORAGE_KEY,
  decodeInputs,
  deserialiseInputs,
  encodeInputs,
  presetInputs,
  serialiseInputs,
} from "../../lib/strength/calculator-inputs";
import { calculate } from "../../lib/strength/calculator";
import { formatWeight } from "../../lib/strength/weight";
import { Inputs } from "./load-calculator/Inputs";
import { Outputs } from "./load-calculator/Outputs";
import { RestTimer } from "./load-calculator/RestTimer";
import { readStored, writeStored } from "./load-calculator/storage";

interface Props {
  lift?: string;
  unit?: string;
  phase?: string;
}

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Prints only the plan card: the class scopes the print stylesheet until printing ends. */
function printPlan() {
  const root = document.documentElement;
  root.classList.add("print-plan");
  addEventListener(
    "afterprint",
    () => {
      root.classList.remove("print-plan");
    },
    { once: true },
  );
  print();
}

/** One sentence for screen readers when the result changes, instead of re-reading whole tables. */
function summary(outcome: ReturnType<typeof calculate>): string {
  const result = outcome.result;
  if (!result) return "Check the highlighted field.";
  const first = result.plan.rows.find((r) => r.load)?.load;
  const max = result.oneRepMax ? `Estimated one-rep max ${formatWeight(result.oneRepMax, { decimals: 1 })}. ` : "";
  return `${max}Plan updated: ${result.plan.rows.length} weeks${first ? `, starting at ${formatWeight(first)}` : ""}.`;
}

const button = "rounded-lg border border-line px-4 py-2 font-semibold hover:border-accent";

export default function LoadCalculator(props: Props) {
  const preset = useMemo(() => presetInputs(props), [props]);
  const [inputs, setInputs] = useState(preset);
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState("");
  const today = useMemo(localToday, []);

  useEffect(() => {
    const query = new URLSearchParams(location.search);
    const shared = [...query.keys()].some((k) => k in DEFAULT_INPUTS);
    const restored = shared ? decodeInputs(query, preset) : deserialiseInputs(readStored(STORAGE_KEY), preset);
    if (restored) setInputs(restored);
    setReady(true);
  }, [preset]);

  const change = (patch: Partial<CalculatorInputs>) => {
    // A plan someone edits starts on a fixed date, so its link shows the same weeks to anyone.
    const next = { ...inputs, start: inputs.start || today, ...patch };
    setInputs(next);
    const query = encodeInputs(next);
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    setStatus(writeStored(STORAGE_KEY, serialiseInputs(next)) ? "" : "Your inputs cannot be saved in this browser.");
  };

  const outcome = calculate(inputs, today);
  const liftName = LIFTS.find((l) => l.id === inputs.lift)?.name ?? "";

  return (
    <div class="not-prose my-8 grid gap-8 rounded-2xl border border-line bg-surface p-4 sm:p-6" data-calculator>
      <form
        class="print:hidden"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <fieldset disabled={!ready} class="contents">
          <Inputs inputs={inputs} errors={outcome.errors} onChange={change} />
        </fieldset>
        {!ready && (
          <p class="mt-4 text-sm text-muted">
            This example plan is for a 60 kg back squat. The calculator turns on once the page has loaded with
            JavaScript.
          </p>
        )}
      </form>
      <div class="plan-card grid gap-8">
        {outcome.result ? (
          <Outputs result={outcome.result} liftName={liftName} />
        ) : (
          <p class="rounded-xl border border-accent p-4 font-semibold">
            Fix the highlighted field above to see your plan.
          </p>
        )}
      </div>
      {ready && outcome.result && (
        <div class="flex flex-wrap gap-3 print:hidden">
          <button type="button" class={button} onClick={printPlan}>
            Print plan
          </button>
          <button
            type="button"
            class={button}
            onClick={() => {
              navigator.clipboard.writeText(location.href).then(
                () => {
                  setStatus("Link copied: it opens this exact plan.");
                },
                () => {
                  setStatus(`Copy this link to share the plan: ${location.href}`);
                },
              );
            }}
          >
            Copy link to this plan
          </button>
          <p role="status" class="self-center text-sm">
            {status}
          </p>
        </div>
      )}
      {ready && <RestTimer />}
      <p class="sr-only" aria-live="polite">
        {ready ? summary(outcome) : ""}
      </p>
    </div>
  );
}
