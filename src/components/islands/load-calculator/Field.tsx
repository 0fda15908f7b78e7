/**
 * What the calculator's parts share: a labelled field with its hint and error, the aria that ties a
 * control to them, and the error style. Labels, controls, buttons, tables and headings are styled by
 * element in the stylesheet (global.css, [data-tool]).
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
      <label for={id}>{label}</label>
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
