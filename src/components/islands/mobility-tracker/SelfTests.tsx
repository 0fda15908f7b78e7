import { useState } from "preact/hooks";
import type { SelfTestField } from "../../../lib/mobility/self-test";
import type { SelfTestSlot } from "../../../lib/mobility/schema";
import { compareSelfTests, formatMeasure } from "../../../lib/mobility/self-test-compare";
import { parseSelfTestInput, recordSelfTest } from "../../../lib/mobility/self-test";
import { SelfTestChart } from "./SelfTestChart";
import type { Mobility } from "./useMobility";

const FIELDS: { field: Exclude<SelfTestField, "unit">; label: string }[] = [
  { field: "kneeToWall", label: "Knee-to-wall distance" },
  { field: "balanceLeft", label: "Balance, left leg (s)" },
  { field: "balanceRight", label: "Balance, right leg (s)" },
  { field: "squatHold", label: "Deep-squat hold (s)" },
];
const SLOT_NAME: Record<SelfTestSlot, string> = { baseline: "Day 1", retest: "Day 25" };

function SelfTestForm({ tracker, slot }: { tracker: Mobility; slot: SelfTestSlot }) {
  const saved = tracker.state.selfTests[slot];
  const [values, setValues] = useState<Record<SelfTestField, string>>({
    kneeToWall: saved ? String(saved.kneeToWall.value) : "",
    unit: saved?.kneeToWall.unit ?? "cm",
    balanceLeft: saved ? String(saved.balance.left) : "",
    balanceRight: saved ? String(saved.balance.right) : "",
    squatHold: saved ? String(saved.squatHold) : "",
  });
  const [errors, setErrors] = useState<Partial<Record<SelfTestField, string>>>({});
  const [note, setNote] = useState("");
  const id = (f: string) => `st-${slot}-${f}`;
  return (
    <form
      class="grid gap-3 rounded-xl border border-line p-4"
      aria-labelledby={id("title")}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseSelfTestInput(values);
        if (!parsed.ok) {
          setErrors(Object.fromEntries(parsed.error.map((f) => [f.field, f.message])));
          setNote("");
          return;
        }
        setErrors({});
        tracker.commit(recordSelfTest(tracker.state, slot, parsed.value, new Date(), tracker.timeZone));
        setNote(`${SLOT_NAME[slot]} results saved.`);
      }}
    >
      <h4 id={id("title")} class="font-bold">
        {SLOT_NAME[slot]} self-tests
      </h4>
      {FIELDS.map(({ field, label }) => (
        <div class="grid gap-1">
          <label for={id(field)} class="text-sm font-semibold">
            {field === "kneeToWall" ? `${label} (${values.unit})` : label}
          </label>
          <input
            id={id(field)}
            class="control"
            inputMode="decimal"
            value={values[field]}
            aria-invalid={errors[field] ? "true" : undefined}
            aria-describedby={errors[field] ? id(`${field}-error`) : undefined}
            onInput={(e) => {
              setValues({ ...values, [field]: e.currentTarget.value });
            }}
          />
          {errors[field] && (
            <p id={id(`${field}-error`)} class="text-sm font-semibold text-accent">
              {errors[field]}
            </p>
          )}
        </div>
      ))}
      <div class="grid gap-1">
        <label for={id("unit")} class="text-sm font-semibold">
          Distance unit
        </label>
        <select
          id={id("unit")}
          class="control"
          value={values.unit}
          onChange={(e) => {
            setValues({ ...values, unit: e.currentTarget.value });
          }}
        >
          <option value="cm">cm</option>
          <option value="in">in</option>
        </select>
      </div>
      <button type="submit" class="button" disabled={tracker.readOnly}>
        Save {SLOT_NAME[slot].toLowerCase()} results
      </button>
      <p role="status" class="text-sm">
        {note}
      </p>
    </form>
  );
}

/** Day 1 and day 25 results, side by side, with the change and a small chart. */
export function SelfTests({ tracker }: { tracker: Mobility }) {
  const rows = compareSelfTests(tracker.state.selfTests);
  const charted = rows.some((r) => r.baseline !== null || r.retest !== null);
  return (
    <div class="grid gap-4">
      <div class="grid gap-4 sm:grid-cols-2">
        <SelfTestForm tracker={tracker} slot="baseline" />
        <SelfTestForm tracker={tracker} slot="retest" />
      </div>
      <div class="overflow-x-auto">
        <table class="w-full border-collapse text-sm">
          <caption class="mb-2 text-left font-bold">Your change</caption>
          <thead>
            <tr>
              {["Test", "Day 1", "Day 25", "Change"].map((h) => (
                <th scope="col" class="border-b border-line px-2 py-1 text-left">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row" class="border-b border-line px-2 py-1 text-left font-normal">
                  {r.label}
                </th>
                <td class="border-b border-line px-2 py-1">
                  {r.baseline === null ? "-" : formatMeasure(r.baseline, r.unit)}
                </td>
                <td class="border-b border-line px-2 py-1">
                  {r.retest === null ? "-" : formatMeasure(r.retest, r.unit)}
                </td>
                <td class="border-b border-line px-2 py-1">
                  {r.change === null ? "-" : `${formatMeasure(r.change, r.unit, true)} (${r.direction})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {charted && <SelfTestChart rows={rows} />}
    </div>
  );
}
