import type { CalculatorInputs } from "../../../lib/strength/calculator-inputs";
import { LIFTS, PHASES, toolOf } from "../../../lib/strength/calculator-inputs";
import type { FieldErrors } from "../../../lib/strength/calculator";
import { defaultBar, defaultStep, plateInventory } from "../../../lib/strength/calculator";
import { ONE_REP_MAX_FORMULAS } from "../../../lib/strength/one-rep-max";
import { formatWeight } from "../../../lib/strength/weight";
import { Field, controlClass, describedBy } from "./Field";

interface Props {
  inputs: CalculatorInputs;
  errors: FieldErrors;
  onChange: (patch: Partial<CalculatorInputs>) => void;
}

/** Every input of the calculator, each with a visible label and its error beside it. */
export function Inputs({ inputs, errors, onChange }: Props) {
  const tool = toolOf(inputs.lift);
  const lifted = inputs.phase !== "neverLifted";
  const perHand = tool === "dumbbells" ? " per hand" : "";
  const text = (field: keyof CalculatorInputs, label: string, hint?: string, mode = "decimal") => (
    <Field id={`lc-${field}`} label={label} error={errors[field]} hint={hint}>
      <input
        id={`lc-${field}`}
        class={controlClass}
        inputMode={mode}
        value={inputs[field]}
        onInput={(e) => {
          onChange({ [field]: e.currentTarget.value });
        }}
        {...describedBy(`lc-${field}`, errors[field], hint)}
      />
    </Field>
  );
  const plates = plateInventory(inputs);

  return (
    <div class="grid gap-6">
      <fieldset class="grid gap-4 sm:grid-cols-2">
        <legend class="mb-2 font-display text-lg font-bold">Your lift</legend>
        <Field id="lc-lift" label="Lift">
          <select
            id="lc-lift"
            class={controlClass}
            value={inputs.lift}
            onChange={(e) => {
              onChange({
                lift: LIFTS.find((l) => l.id === e.currentTarget.value)?.id ?? "back-squat",
                bar: "",
                step: "",
              });
            }}
          >
            {LIFTS.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        </Field>
        <Field id="lc-unit" label="Unit">
          <select
            id="lc-unit"
            class={controlClass}
            value={inputs.unit}
            onChange={(e) => {
              onChange({ unit: e.currentTarget.value === "lb" ? "lb" : "kg", bar: "", step: "", plates: "" });
            }}
          >
            <option value="kg">kg</option>
            <option value="lb">lb</option>
          </select>
        </Field>
        <Field id="lc-phase" label="Phase">
          <select
            id="lc-phase"
            class={controlClass}
            value={inputs.phase}
            onChange={(e) => {
              onChange({ phase: PHASES.find((p) => p.id === e.currentTarget.value)?.id ?? "base" });
            }}
          >
            {PHASES.map((p) => (
              <option value={p.id}>{p.name}</option>
            ))}
          </select>
        </Field>
        {lifted && text("weight", `Weight lifted (${inputs.unit}${perHand})`, "One recent set you did with good form.")}
        {lifted && text("reps", "Reps", "1 to 10", "numeric")}
        {lifted && text("rir", "Reps in reserve", "How many more you could have done: 0 to 4")}
      </fieldset>

      <fieldset class="grid gap-4 sm:grid-cols-2">
        <legend class="mb-2 font-display text-lg font-bold">Equipment</legend>
        {tool === "dumbbells" ? (
          text(
            "step",
            `Dumbbell step (${inputs.unit})`,
            `The jump between dumbbells; usually ${defaultStep(inputs.unit)} ${inputs.unit}`,
          )
        ) : (
          <>
            <Field id="lc-gym" label="Equipment preset">
              <select
                id="lc-gym"
                class={controlClass}
                value={inputs.gym}
                onChange={(e) => {
                  onChange({ gym: e.currentTarget.value === "home" ? "home" : "commercial", plates: "" });
                }}
              >
                <option value="commercial">Commercial gym</option>
                <option value="home">Home gym (fewer plates)</option>
              </select>
            </Field>
            <Field id="lc-bar" label={`Bar weight (${inputs.unit})`} error={errors.bar}>
              <input
                id="lc-bar"
                class={controlClass}
                inputMode="decimal"
                value={inputs.bar === "" ? defaultBar(tool, inputs.unit) : inputs.bar}
                onInput={(e) => {
                  onChange({ bar: e.currentTarget.value });
                }}
                {...describedBy("lc-bar", errors.bar)}
              />
            </Field>
            <details class="sm:col-span-2">
              <summary class="cursor-pointer text-sm font-semibold">Plates available (pairs)</summary>
              <div class="mt-3 grid grid-cols-3 gap-3 sm:grid-cols-7">
                {plates.map((p, i) => (
                  <Field id={`lc-plate-${i}`} label={formatWeight(p.plate)}>
                    <input
                      id={`lc-plate-${i}`}
                      class={controlClass}
                      inputMode="numeric"
                      value={String(p.pairs)}
                      onInput={(e) => {
                        onChange({
                          plates: plates
                            .map((q, j) => (j === i ? e.currentTarget.value.replace(/\./g, "") : String(q.pairs)))
                            .join("."),
                        });
                      }}
                      aria-invalid={errors.plates ? "true" : undefined}
                      aria-describedby={errors.plates ? "lc-plates-error" : undefined}
                    />
                  </Field>
                ))}
              </div>
              {errors.plates && (
                <p id="lc-plates-error" class="mt-2 text-sm font-semibold text-accent">
                  {errors.plates}
                </p>
              )}
            </details>
          </>
        )}
      </fieldset>

      <fieldset class="grid gap-4 sm:grid-cols-3">
        <legend class="mb-2 font-display text-lg font-bold">Your plan</legend>
        <Field id="lc-sets" label="Sets" error={errors.sets}>
          <select
            id="lc-sets"
            class={controlClass}
            value={inputs.sets}
            onChange={(e) => {
              onChange({ sets: e.currentTarget.value });
            }}
          >
            {["3", "4", "5"].map((n) => (
              <option value={n}>{n}</option>
            ))}
          </select>
        </Field>
        {text("sessions", "Sessions a week", "1 to 3", "numeric")}
        {text("weeks", "Weeks", "4 to 16", "numeric")}
        <Field id="lc-start" label="Plan starts" error={errors.start}>
          <input
            id="lc-start"
            type="date"
            class={controlClass}
            value={inputs.start}
            onInput={(e) => {
              onChange({ start: e.currentTarget.value });
            }}
            {...describedBy("lc-start", errors.start)}
          />
        </Field>
        <Field
          id="lc-race"
          label="Goal race date (optional)"
          error={errors.race}
          hint="No lifting in the 7 days before it."
        >
          <input
            id="lc-race"
            type="date"
            class={controlClass}
            value={inputs.race}
            onInput={(e) => {
              onChange({ race: e.currentTarget.value });
            }}
            {...describedBy("lc-race", errors.race, "No lifting in the 7 days before it.")}
          />
        </Field>
      </fieldset>

      {lifted && (
        <details>
          <summary class="cursor-pointer text-sm font-semibold">Advanced: one-rep-max formula</summary>
          <div class="mt-3 max-w-xs">
            <Field id="lc-formula" label="Formula">
              <select
                id="lc-formula"
                class={controlClass}
                value={inputs.formula}
                onChange={(e) => {
                  onChange({
                    formula: ONE_REP_MAX_FORMULAS.find((f) => f.id === e.currentTarget.value)?.id ?? "epley",
                  });
                }}
              >
                {ONE_REP_MAX_FORMULAS.map((f) => (
                  <option value={f.id}>{f.name}</option>
                ))}
              </select>
            </Field>
          </div>
        </details>
      )}
    </div>
  );
}
