/**
 * The inquiry's own fields, in form order up to the visitor's time zone (the slot picker follows it,
 * then Consent), with the values a sent-back form had and each field's error. Names, ids and limits are the shared schema's (src/lib/inquiry), so the island, the
 * plain-HTML post and the server agree on every field.
 */
import type { FormValues } from "../../../lib/inquiry/input.ts";
import { GOALS, LIFTING_LEVELS, LIMITS, VOLUME_UNITS } from "../../../lib/inquiry/fields.ts";
import { GOAL_LABELS, LIFTING_LABELS, VOLUME_UNIT_LABELS } from "../../../lib/inquiry/labels.ts";
import type { ErrorOf } from "./Fields";
import { FieldError, TextField, describedBy } from "./Fields";

const radio = "h-5 w-5 accent-[var(--rs-accent)]";

export function InquiryFields({ values, errorOf }: { values: FormValues; errorOf: ErrorOf }) {
  const field = { errorOf, values } as const;
  return (
    <>
      <div class="grid gap-5 sm:grid-cols-2">
        <TextField {...field} name="name" label="Your name" required autoComplete="name" maxLength={LIMITS.nameMax} />
        <TextField
          {...field}
          name="email"
          label="Email address"
          required
          type="email"
          autoComplete="email"
          maxLength={LIMITS.emailMax}
        />
      </div>

      <div class="grid content-start gap-1">
        <label for="goal" class="font-semibold">
          Main goal <span class="text-sm font-normal text-muted">(required)</span>
        </label>
        <select id="goal" name="goal" required class="control" {...describedBy("goal", errorOf("goal"))}>
          <option value="" selected={!values.goal}>
            Choose one
          </option>
          {GOALS.map((g) => (
            <option value={g} selected={values.goal === g}>
              {GOAL_LABELS[g]}
            </option>
          ))}
        </select>
        <FieldError name="goal" error={errorOf("goal")} />
      </div>

      <div class="grid gap-5 sm:grid-cols-2">
        <TextField {...field} name="goalRace" label="Goal race" maxLength={LIMITS.goalRaceMax} />
        <TextField {...field} name="goalRaceDate" label="Race date" type="date" />
      </div>

      <fieldset class="grid gap-5 sm:grid-cols-3">
        <legend class="mb-2 font-semibold">Your running</legend>
        <TextField {...field} name="yearsRunning" label="Years running" required compact inputMode="decimal" />
        <TextField
          {...field}
          name="weeklyVolume"
          label="Distance in a typical week"
          required
          compact
          inputMode="decimal"
        />
        <div class="grid content-start gap-1">
          <label for="volumeUnit" class="text-sm font-semibold">
            Distance unit
          </label>
          <select
            id="volumeUnit"
            name="volumeUnit"
            class="control"
            {...describedBy("volumeUnit", errorOf("volumeUnit"))}
          >
            {VOLUME_UNITS.map((u) => (
              <option value={u} selected={(values.volumeUnit ?? "km") === u}>
                {VOLUME_UNIT_LABELS[u]}
              </option>
            ))}
          </select>
          <FieldError name="volumeUnit" error={errorOf("volumeUnit")} />
        </div>
      </fieldset>

      <fieldset class="grid gap-2" aria-describedby={errorOf("lifting") ? "lifting-error" : undefined}>
        <legend class="mb-1 font-semibold">
          Lifting experience <span class="text-sm font-normal text-muted">(required)</span>
        </legend>
        {LIFTING_LEVELS.map((level) => (
          <label class="flex items-center gap-2">
            <input
              type="radio"
              name="lifting"
              value={level}
              defaultChecked={values.lifting === level}
              class={radio}
              aria-invalid={errorOf("lifting") ? "true" : undefined}
            />
            {LIFTING_LABELS[level]}
          </label>
        ))}
        <FieldError name="lifting" error={errorOf("lifting")} />
      </fieldset>

      <TextField
        {...field}
        name="message"
        label="Your message"
        required
        rows={7}
        maxLength={LIMITS.messageMax}
        hint={`Where you are now, what you want to change, and anything that gets in the way. At least ${LIMITS.messageMin} characters.`}
      />

      <div class="sm:max-w-sm">
        <TextField
          {...field}
          name="timeZone"
          label="Your time zone"
          maxLength={LIMITS.timeZoneMax}
          placeholder="e.g. America/Denver"
          hint="So a call can be booked at a time that suits you: the consultation times below are shown in it."
        />
      </div>
    </>
  );
}
