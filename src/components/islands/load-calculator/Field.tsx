/**
 * What the calculator's parts share: a labelled field with its hint and error, the aria that ties a
 * control to them, and the class lists used in more than one place (buttons and controls are the
 * `button` and `control` utilities of global.css).
 */
import type { ComponentChildren } from "preact";

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ComponentChildren;
}

/** A visible label, the control, an optional hint, and the field's error right under it. */
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div class="grid content-start gap-1">
      <label for={id} class="text-sm font-semibold">
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} class="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class={errorClass}>
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes that tie a control to its hint and error. */
export function describedBy(id: string, error: string | undefined, hint?: string) {
  return {
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined,
  };
}

export const errorClass = "text-sm font-semibold text-accent";
export const headingClass = "font-display text-lg font-bold";
export const summaryClass = "cursor-pointer text-sm font-semibold";
