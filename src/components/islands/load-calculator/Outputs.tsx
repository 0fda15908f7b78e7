import type { CalculatorOutcome } from "../../../lib/strength/calculator";
import { ONE_REP_MAX_FORMULAS } from "../../../lib/strength/one-rep-max";
import { platesPerSideText } from "../../../lib/strength/setup-text";
import { formatWeight } from "../../../lib/strength/weight";

type Result = NonNullable<CalculatorOutcome["result"]>;

const cell = "border-b border-line px-2 py-2 text-left align-top";

/** The estimate, the plan and the warm-up, as a region and two real tables. */
export function Outputs({ result, liftName }: { result: Result; liftName: string }) {
  const { oneRepMax, spread, plan, warmUp } = result;
  return (
    <div class="grid gap-8">
      {oneRepMax && spread && (
        <section aria-label="Estimated one-rep max" class="rounded-xl bg-accent-soft p-5">
          <h3 class="text-sm font-bold tracking-wider uppercase">Estimated one-rep max</h3>
          <p class="font-display text-4xl font-extrabold">{formatWeight(oneRepMax, { decimals: 1 })}</p>
          <p class="mt-1 text-sm">
            The seven formulas range from {formatWeight(spread.min, { decimals: 1 })} to{" "}
            {formatWeight(spread.max, { decimals: 1 })}. Working load: {formatWeight(plan.workingLoad)} (81.1% of the
            estimate, rounded to a load you can make).
          </p>
          <details class="mt-2 text-sm">
            <summary class="cursor-pointer font-semibold">Every formula</summary>
            <ul class="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-4">
              {spread.estimates.map((e) => (
                <li>
                  {ONE_REP_MAX_FORMULAS.find((f) => f.id === e.formula)?.name}: {formatWeight(e.value, { decimals: 1 })}
                </li>
              ))}
            </ul>
          </details>
        </section>
      )}

      <div class="overflow-x-auto">
        <table class="w-full min-w-[34rem] border-collapse text-sm">
          <caption class="mb-2 text-left font-display text-lg font-bold">
            Your {plan.rows.length}-week plan: {liftName}
          </caption>
          <thead>
            <tr>
              <th scope="col" class={cell}>
                Week
              </th>
              <th scope="col" class={cell}>
                Sets x reps
              </th>
              <th scope="col" class={cell}>
                Load
              </th>
              <th scope="col" class={cell}>
                Plates per side
              </th>
              <th scope="col" class={cell}>
                Notes
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.rows.map((row) => (
              <tr>
                <th scope="row" class={cell}>
                  {row.week}
                  {row.startDate && <span class="block font-normal text-muted">{row.startDate}</span>}
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
          <caption class="mb-2 text-left font-display text-lg font-bold">Warm-up for week 1</caption>
          <thead>
            <tr>
              <th scope="col" class={cell}>
                Set
              </th>
              <th scope="col" class={cell}>
                Load x reps
              </th>
              <th scope="col" class={cell}>
                Plates per side
              </th>
            </tr>
          </thead>
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
