import { Component } from "preact";
import type { CalculatorResult } from "../../../lib/strength/calculator";
import { ONE_REP_MAX_FORMULAS } from "../../../lib/strength/one-rep-max";
import { platesPerSideText } from "../../../lib/strength/setup-text";
import { formatWeight } from "../../../lib/strength/weight";

/** A table head of column headers. */
const head = (...columns: string[]) => (
  <thead>
    <tr>
      {columns.map((column) => (
        <th scope="col">{column}</th>
      ))}
    </tr>
  </thead>
);

interface Props {
  result: CalculatorResult;
  liftName: string;
  /** Switches a beginner to the base plan; given only when the plan is a beginner's. */
  onNext?: (() => void) | undefined;
}

/**
 * The estimate, the plan and the warm-up, drawn again only when one of its props changes: the
 * calculator renders twice as it hydrates (the server's example, then the runner's inputs), and the
 * tables are most of the work; with an unchanged result the second pass skips them.
 */
export class Outputs extends Component<Props> {
  override shouldComponentUpdate(next: Props) {
    const { result, liftName, onNext } = this.props;
    return next.result !== result || next.liftName !== liftName || next.onNext !== onNext;
  }

  override render() {
    return <OutputTables {...this.props} />;
  }
}

/** The estimate, the plan and the warm-up, as a region and two real tables; this week is marked. */
function OutputTables({ result, liftName, onNext }: Props) {
  const { oneRepMax, spread, plan, warmUp, thisWeek } = result;
  const { chartMax } = plan;
  return (
    <div class="grid gap-8">
      {oneRepMax && spread && (
        <section aria-label="Estimated one-rep max" class="rounded-xl bg-accent-soft p-5">
          <h3 class="mb-0 font-sans text-sm tracking-wider uppercase">Estimated one-rep max</h3>
          <p class="lc-figure">{formatWeight(oneRepMax, 1)}</p>
          <p class="mt-1 text-sm">
            The seven formulas range from {formatWeight(spread.min, 1)} to {formatWeight(spread.max, 1)}.
            {chartMax &&
              ` The RTS chart reads this set lower, at ${formatWeight(chartMax, 1)}, and the plan uses that: this formula's figure would make the working load too heavy.`}{" "}
            Working load: {formatWeight(plan.workingLoad)} (81.1% of {chartMax ? "the chart's figure" : "the estimate"},
            rounded to a load you can make).
          </p>
          <details class="mt-2 text-sm">
            <summary>Every formula</summary>
            <ul class="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4">
              {spread.estimates.map((e, i) => (
                <li>
                  {ONE_REP_MAX_FORMULAS[i]?.name}: {formatWeight(e.value, 1)}
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}

      {/* A table where it fits, one card per week where it does not (global.css, .lc-plan). */}
      <div class="lc-plan">
        <table>
          <caption>
            Your {plan.rows.length}-week plan: {liftName}
          </caption>
          {head("Week", "Sets x reps", "Load", "Plates per side", "Notes")}
          <tbody>
            {plan.rows.map((row) => (
              <tr aria-current={row.week === thisWeek ? "date" : undefined}>
                <th scope="row">
                  {row.week}
                  <small>{row.startDate}</small>
                </th>
                <td>
                  {row.kind === "rest" ? "Rest" : `${row.sets} x ${row.reps}`}
                  <small>{row.sessions} a week</small>
                  {row.repsInReserve !== null && <small>about {row.repsInReserve} in reserve</small>}
                </td>
                <td>{row.load ? formatWeight(row.load) : "Bodyweight"}</td>
                <td>{row.setup ? platesPerSideText(row.setup) : "-"}</td>
                <td>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {onNext && (
        <p>
          <button type="button" onClick={onNext}>
            Enter a recent set
          </button>
        </p>
      )}

      {warmUp.length > 0 && (
        <table class="max-w-md">
          <caption>Warm-up for week 1</caption>
          {head("Set", "Load x reps", "Plates per side")}
          <tbody>
            {warmUp.map((set, i) => (
              <tr>
                <th scope="row">{i + 1}</th>
                <td>
                  {formatWeight(set.load)} x {set.reps}
                </td>
                <td>{platesPerSideText(set.setup)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
