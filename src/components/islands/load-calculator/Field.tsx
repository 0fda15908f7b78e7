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
        <p id={`${id}-error`} class="text-sm font-semibold text-accent">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes that tie a control to its hint and error. */
export function describedBy(id: string, error: string | undefined, hint?: string) {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": ids || undefined };
}

export const controlClass =
  "w-full rounded-lg border border-line bg-surface px-3 py-2 text-ink aria-[invalid=true]:border-accent aria-[invalid=true]:border-2";
