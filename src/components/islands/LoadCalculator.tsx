/**
 * The load-progression calculator island: inputs in, one-rep max, plan, warm-up and a rest timer out
 * (the timer, RestTimer.tsx, also stands alone at /tools/rest-timer/; here its code is fetched when
 * the runner opens it, which keeps the calculator's own script within its budget).
 * All arithmetic and every check of what a runner types lives in src/lib/strength (`calculate` is
 * its boundary); this wires state to the address bar (so a plan can be shared) and to localStorage
 * (so the last inputs come back), both guarded. Before hydration the server-rendered example is
 * shown with the inputs disabled.
 */
import type { ComponentType } from "preact";
import { Component } from "preact";
import type { CalculatorField, CalculatorInputs } from "../../lib/strength/calculator-inputs";
import {
  DEFAULT_INPUTS,
  LIFTS,
  INPUTS_STORAGE_KEY,
  decodeInputs,
  deserialiseInputs,
  encodeInputs,
  presetInputs,
  serialiseInputs,
  withInput,
} from "../../lib/strength/calculator-inputs";
import type { CalculatorErrors, CalculatorOutcome } from "../../lib/strength/calculator";
import { calculate } from "../../lib/strength/calculator";
import { runtimeDateTime } from "../../lib/calendar/civil-date";
import { guardStorage } from "../../lib/storage/guarded-storage";
import { formatWeight } from "../../lib/strength/weight";
import { Inputs } from "./load-calculator/Inputs";
import { Outputs } from "./load-calculator/Outputs";
import type RestTimer from "./RestTimer";
import restTimerUrl from "./RestTimer.tsx?chunk";

const storage = guardStorage(() => localStorage);
/** The example's errors: none, as the page was only built with a valid example. */
const NO_ERRORS: CalculatorErrors = {};

interface Props {
  lift?: string;
  unit?: string;
  phase?: string;
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
function summary({ result }: CalculatorOutcome): string {
  if (!result) return "Check the highlighted field.";
  const first = result.plan.rows.find((r) => r.load)?.load;
  const max = result.oneRepMax ? `Estimated one-rep max ${formatWeight(result.oneRepMax, 1)}. ` : "";
  return `${max}Plan updated: ${result.plan.rows.length} weeks${first ? `, starting at ${formatWeight(first)}` : ""}.`;
}

interface State {
  inputs: CalculatorInputs;
  /** False until hydrated: the inputs stay disabled and the example plan is shown. */
  ready: boolean;
  /** What the last share or save did, for the status line. */
  status: string;
  /** The rest timer, once the runner opened it and its code arrived; false when that failed. */
  timer?: ComponentType | false;
}

export default class LoadCalculator extends Component<Props, State> {
  // A bad author preset throws while the page is built, so the browser can take the props as checked.
  private readonly preset = import.meta.env.SSR ? presetInputs(this.props) : decodeInputs(this.props, DEFAULT_INPUTS);
  /** Today's date where the runner is. */
  private readonly today = runtimeDateTime(new Date()).date;
  override state: State = { inputs: this.preset, ready: false, status: "" };
  /** The last inputs worked out and their outcome: a render with the same inputs reuses it. */
  private last?: { inputs: CalculatorInputs; outcome: CalculatorOutcome };

  private outcomeOf(inputs: CalculatorInputs): CalculatorOutcome {
    if (this.last?.inputs !== inputs) this.last = { inputs, outcome: calculate(inputs, this.today) };
    return this.last.outcome;
  }

  override componentDidMount() {
    // After hydration, in tasks of their own: the runner's own inputs (or the example, with today's
    // dates) are worked out, then drawn. Three shorter tasks keep a slow phone responsive where one
    // long one would hold it.
    setTimeout(() => {
      const inputs = this.restore();
      this.outcomeOf(inputs);
      setTimeout(() => {
        this.setState({ inputs, ready: true });
      }, 0);
    }, 0);
  }

  /** The inputs of a shared link, else the runner's last ones, else the example. */
  private restore(): CalculatorInputs {
    const query = new URLSearchParams(location.search);
    const shared = [...query.keys()].some((k) => k in DEFAULT_INPUTS);
    const restored = shared
      ? decodeInputs(query, this.preset)
      : deserialiseInputs(storage.read(INPUTS_STORAGE_KEY), this.preset);
    return restored ?? this.preset;
  }

  private readonly change = (field: CalculatorField, value: string) => {
    const { inputs } = this.state;
    // A plan someone edits starts on a fixed date, so its link shows the same weeks to anyone.
    const next = withInput({ ...inputs, start: inputs.start || this.today }, field, value);
    const query = encodeInputs(next);
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    this.setState({
      inputs: next,
      status:
        storage.write(INPUTS_STORAGE_KEY, serialiseInputs(next)) === "stored"
          ? ""
          : "Your inputs cannot be saved in this browser.",
    });
  };

  /** Fetches the rest timer's code on the first opening (and again after a failure). */
  private readonly openTimer = (e: { currentTarget: HTMLDetailsElement }) => {
    if (!e.currentTarget.open || this.state.timer) return;
    (import(/* @vite-ignore */ restTimerUrl) as Promise<{ default: typeof RestTimer }>).then(
      (mod) => {
        this.setState({ timer: mod.default });
      },
      () => {
        this.setState({ timer: false });
      },
    );
  };

  /** From the end of a beginner's plan to the base plan, with focus on the set to enter. */
  private readonly enterSet = () => {
    this.change("phase", "base");
    requestAnimationFrame(() => document.getElementById("lc-weight")?.focus());
  };

  override render() {
    const { inputs, ready, status, timer: Timer } = this.state;
    const setStatus = (message: string) => {
      this.setState({ status: message });
    };
    // Hydration keeps the server's example plan as it is, without working it out again or comparing
    // it node by node: the runner's own inputs (or today's dates) replace it in the next task, and
    // one long task would hold a slow phone's first taps.
    const outcome = ready || import.meta.env.SSR ? this.outcomeOf(inputs) : undefined;
    const result = outcome?.result;

    return (
      <div class="not-prose" data-tool>
        <form
          class="print:hidden"
          onSubmit={(e) => {
            // Every input applies as it is typed; Enter must not reload the page.
            e.preventDefault();
          }}
        >
          <fieldset disabled={!ready} class="contents">
            <Inputs inputs={inputs} errors={outcome?.errors ?? NO_ERRORS} onChange={this.change} />
          </fieldset>
          {/* Shown only in the server's HTML, until hydration removes it: the browser never needs the text. */}
          {import.meta.env.SSR && (
            <p class="mt-4 text-sm text-muted">
              This example plan is for a 60 kg back squat. The calculator turns on once the page has loaded with
              JavaScript.
            </p>
          )}
        </form>
        {outcome === undefined ? (
          // Left as the server drew it: Preact does not touch children it is given as HTML while hydrating.
          <div class="plan-card grid gap-8" dangerouslySetInnerHTML={{ __html: "" }} />
        ) : (
          <div class="plan-card grid gap-8">
            {result ? (
              <Outputs
                result={result}
                liftName={LIFTS.find((l) => l.id === inputs.lift)?.name ?? ""}
                onNext={ready && inputs.phase === "neverLifted" ? this.enterSet : undefined}
              />
            ) : (
              <p class="lc-panel border-accent font-semibold">Fix the highlighted field above to see your plan.</p>
            )}
          </div>
        )}
        {ready && result && (
          <div class="flex flex-wrap gap-3 print:hidden">
            <button type="button" onClick={printPlan}>
              Print plan
            </button>
            <button
              type="button"
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
        {ready && (
          <details class="rest-open print:hidden" onToggle={this.openTimer}>
            <summary>Rest timer between sets</summary>
            {Timer ? (
              <Timer />
            ) : (
              <p role="status">
                {Timer === false
                  ? "The timer could not be loaded: check your connection, then open it again."
                  : "Loading…"}
              </p>
            )}
          </details>
        )}
        <p class="sr-only" aria-live="polite">
          {outcome && ready ? summary(outcome) : ""}
        </p>
      </div>
    );
  }
}
