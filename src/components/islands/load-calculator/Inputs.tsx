import type { CalculatorField, CalculatorInputs } from "../../../lib/strength/calculator-inputs";
import { BODYWEIGHT_CHOICES, LIFTS, PHASES, toolOf } from "../../../lib/strength/calculator-inputs";
import type { CalculatorErrors } from "../../../lib/strength/calculator";
import { defaultBar, defaultStep, plateInventory } from "../../../lib/strength/calculator";
import { ONE_REP_MAX_FORMULAS } from "../../../lib/strength/one-rep-max";
import { formatWeight } from "../../../lib/strength/weight";
import { Field, describedBy, errorClass } from "./Field";

interface Props {
  inputs: CalculatorInputs;
  errors: CalculatorErrors;
  onChange: (field: CalculatorField, value: string) => void;
}

type Options = readonly { readonly id: string; readonly name: string }[];

const plain = (...ids: string[]): Options => ids.map((id) => ({ id, name: id }));
const GYMS: Options = [
  { id: "commercial", name: "Commercial gym" },
  { id: "home", name: "Home gym (fewer plates)" },
];
const RACE_HINT = "One light session a week from 3 weeks out; none in the last 7 days.";

/** Every input of the calculator, each with a visible label and its error beside it. */
export function Inputs({ inputs, errors, onChange }: Props) {
  const { unit } = inputs;
  const tool = toolOf(inputs.lift);
  const lifted = inputs.phase !== "neverLifted";
  const plates = plateInventory(inputs);
  const update = (field: CalculatorField) => (e: { currentTarget: { value: string } }) => {
    onChange(field, e.currentTarget.value);
  };
  const select = (field: CalculatorField, label: string, options: Options) => (
    <Field id={`lc-${field}`} label={label} error={errors[field]}>
      <select id={`lc-${field}`} value={inputs[field]} onInput={update(field)}>
        {options.map((o) => (
          <option value={o.id}>{o.name}</option>
        ))}
      </select>
    </Field>
  );
  const text = (
    field: CalculatorField,
    label: string,
    hint?: string,
    mode?: string,
    value: string = inputs[field],
    type?: string,
  ) => (
    <Field id={`lc-${field}`} label={label} error={errors[field]} hint={hint}>
      <input
        id={`lc-${field}`}
        type={type}
        inputMode={mode}
        value={value}
        onInput={update(field)}
        {...describedBy(`lc-${field}`, errors[field], hint)}
      />
    </Field>
  );

  return (
    <div class="grid gap-6">
      <fieldset>
        <legend>Your lift</legend>
        {select("lift", "Lift", LIFTS)}
        {select("unit", "Unit", plain("kg", "lb"))}
        {select("phase", "Phase", PHASES)}
        {lifted && (
          <>
            {text(
              "weight",
              `Weight lifted (${unit}${tool === "dumbbells" ? " per hand" : ""})`,
              "One recent set you did with good form.",
              "decimal",
            )}
            {text("reps", "Reps", "1 to 10", "numeric")}
            {text("rir", "Reps in reserve", "How many more you could have done: 0 to 4", "decimal")}
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>Equipment</legend>
        {tool === "dumbbells" ? (
          text(
            "step",
            `Dumbbell step (${unit})`,
            `The jump between dumbbells; usually ${defaultStep(unit)} ${unit}`,
            "decimal",
          )
        ) : (
          <>
            {select("gym", "Equipment preset", GYMS)}
            {text("bar", `Bar weight (${unit})`, undefined, "decimal", inputs.bar || defaultBar(tool, unit))}
            <details class="sm:col-span-2">
              <summary>Plates available (pairs)</summary>
              <div class="mt-3 grid grid-cols-3 gap-3 sm:grid-cols-7">
                {plates.map((p, i) => (
                  <Field id={`lc-plate-${i}`} label={formatWeight(p.plate)}>
                    <input
                      id={`lc-plate-${i}`}
                      inputMode="numeric"
                      value={String(p.pairs)}
                      onInput={(e) => {
                        const typed = e.currentTarget.value.replace(/\./g, "");
                        onChange("plates", plates.map((q, j) => (j === i ? typed : String(q.pairs))).join("."));
                      }}
                      aria-invalid={errors.plates ? "true" : undefined}
                      aria-describedby={errors.plates ? "lc-plates-error" : undefined}
                    />
                  </Field>
                ))}
              </div>
              {errors.plates && (
                <p id="lc-plates-error" class={`mt-2 ${errorClass}`}>
                  {errors.plates}
                </p>
              )}
            </details>
          </>
        )}
      </fieldset>

      <fieldset class="sm:grid-cols-3">
        <legend>Your plan</legend>
        {!lifted && select("bodyweight", "Bodyweight weeks first", plain(...BODYWEIGHT_CHOICES))}
        {select("sets", "Sets", plain("3", "4", "5"))}
        {text("sessions", "Sessions a week", "1 to 3", "numeric")}
        {text("weeks", "Weeks", "4 to 16", "numeric")}
        {text("start", "Plan starts", undefined, undefined, inputs.start, "date")}
        {text("race", "Goal race date (optional)", RACE_HINT, undefined, inputs.race, "date")}
      </fieldset>

      {lifted && (
        <details>
          <summary>Advanced: one-rep-max formula</summary>
          <div class="mt-3 max-w-xs">{select("formula", "Formula", ONE_REP_MAX_FORMULAS)}</div>
        </details>
      )}
    </div>
  );
}
