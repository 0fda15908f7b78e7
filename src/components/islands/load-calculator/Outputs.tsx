import type { CalculatorResult } from "../../../lib/strength/calculator";
import { ONE_REP_MAX_FORMULAS } from "../../../lib/strength/one-rep-max";
import { platesPerSideText } from "../../../lib/strength/setup-text";
import { formatWeight } from "../../../lib/strength/weight";
import { headingClass } from "./Field";

const cell = "border-b border-line px-2 py-2 text-left align-top";
const caption = `mb-2 text-left ${headingClass}`;

/** A table head of column headers. */
const head = (...columns: string[]) => (
  <thead>
    <tr>
      {columns.map((column) => (
        <th scope="col" class={cell}>
          {column}
        </th>
      ))}
    </tr>
  </thead>
);

/** The estimate, the plan and the warm-up, as a region and two real tables. */
export function Outputs({ result, liftName }: { result: CalculatorResult; liftName: string }) {
  const { oneRepMax, spread, plan, warmUp } = result;
  return (
    <div class="grid gap-8">
      {oneRepMax && spread && (
        <section aria-label="Estimated one-rep max" class="rounded-xl bg-accent-soft p-5">
          <h3 class="text-sm font-bold tracking-wider uppercase">Estimated one-rep max</h3>
          <p class="font-display text-4xl font-extrabold">{formatWeight(oneRepMax, 1)}</p>
          <p class="mt-1 text-sm">
            The seven formulas range from {formatWeight(spread.min, 1)} to {formatWeight(spread.max, 1)}. Working load:{" "}
            {formatWeight(plan.workingLoad)} (81.1% of the estimate, rounded to a load you can make).
          </p>
          <details class="mt-2 text-sm">
            <summary class="cursor-pointer font-semibold">Every formula</summary>
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

      <div class="overflow-x-auto">
        <table class="w-full min-w-[34rem] border-collapse text-sm">
          <caption class={caption}>
            Your {plan.rows.length}-week plan: {liftName}
          </caption>
          {head("Week", "Sets x reps", "Load", "Plates per side", "Notes")}
          <tbody>
            {plan.rows.map((row) => (
              <tr>
                <th scope="row" class={cell}>
                  {row.week}
                  <span class="block font-normal text-muted">{row.startDate}</span>
                </th>
                <td class={cell}>
                  {row.kind === "rest" ? "Rest" : `${row.sets} x ${row.reps}`}
                  <span class="block text-muted">{row.sessions} a week</span>
                </td>
                <td class={cell}>{row.load ? formatWeight(row.load) : "Bodyweight"}</td>
                <td class={cell}>{row.setup ? platesPerSideText(row.setup) : "-"}</td>
                <td class={cell}>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {warmUp.length > 0 && (
        <table class="w-full max-w-md border-collapse text-sm">
          <caption class={caption}>Warm-up for week 1</caption>
          {head("Set", "Load x reps", "Plates per side")}
          <tbody>
            {warmUp.map((set, i) => (
              <tr>
                <th scope="row" class={cell}>
                  {i + 1}
                </th>
                <td class={cell}>
                  {formatWeight(set.load)} x {set.reps}
                </td>
                <td class={cell}>{platesPerSideText(set.setup)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
