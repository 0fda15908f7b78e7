/**
 * The inquiry form's building blocks: a labelled text control with its hint and its error right
 * under it, and the error line alone. Controls are uncontrolled (default values only): what the
 * visitor types stays in the page, so nothing typed before the island hydrated is overwritten, and
 * a plain-HTML post sends exactly what is shown. Errors are tied to their control by
 * aria-describedby, under the ids `<name>-error` and `<name>-hint`.
 */
import type { FormValues } from "../../../lib/inquiry/input.ts";
import type { InquiryField } from "../../../lib/inquiry/schema.ts";

/** The message for a field (or undefined when it is fine). */
export type ErrorOf = (name: string) => string | undefined;

/**
 * The error slot of one field: empty (and hidden) when the field is fine. A `focusable` one takes
 * focus while it has a message, for a group whose own controls cannot say what is wrong.
 */
export function FieldError({
  name,
  error,
  focusable,
}: {
  name: string;
  error: string | undefined;
  focusable?: boolean;
}) {
  return (
    <p
      id={`${name}-error`}
      tabIndex={focusable && error ? -1 : undefined}
      class="text-sm font-semibold text-accent empty:hidden"
    >
      {error ?? ""}
    </p>
  );
}

/** aria-invalid and aria-describedby for a control, from its error and optional hint. */
export function describedBy(name: string, error: string | undefined, hint = false, ...more: string[]) {
  const ids = [...more, hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return { "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": ids || undefined };
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` as HTML text, every character with a meaning in markup escaped (not only `<` and `&`). */
export function asHtmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

interface TextFieldProps {
  name: InquiryField;
  label: string;
  errorOf: ErrorOf;
  /** The values a sent-back form had; the field shows its own. */
  values: FormValues;
  /** "(required)" or "(optional)" after the label. */
  required?: boolean;
  hint?: string;
  type?: "text" | "email" | "date";
  inputMode?: "decimal";
  autoComplete?: string;
  maxLength?: number;
  placeholder?: string;
  /** Render a textarea with this many rows. */
  rows?: number;
  /** Smaller label, for fields grouped under a legend. */
  compact?: boolean;
}

/** One labelled input or textarea with its hint and error. */
export function TextField(props: TextFieldProps) {
  const { name, label, errorOf, values, required = false, hint, rows, compact = false } = props;
  const error = errorOf(name);
  const value = values[name] ?? "";
  const common = {
    id: name,
    name,
    required,
    maxLength: props.maxLength,
    class: "control",
    ...describedBy(name, error, hint !== undefined),
  };
  return (
    <div class="grid content-start gap-1">
      <label for={name} class={compact ? "text-sm font-semibold" : "font-semibold"}>
        {label} <span class="text-sm font-normal text-muted">{required ? "(required)" : "(optional)"}</span>
      </label>
      {hint !== undefined && (
        <p id={`${name}-hint`} class="text-sm text-muted">
          {hint}
        </p>
      )}
      {rows ? (
        // The default text as markup the island escapes itself: the server's renderer leaves `>`
        // as it is in text. Preact writes it once (hydration keeps the server's) and never again
        // while it is unchanged, so what the visitor types stays.
        <textarea {...common} rows={rows} dangerouslySetInnerHTML={{ __html: asHtmlText(value) }} />
      ) : (
        <input
          {...common}
          defaultValue={value}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete}
          placeholder={props.placeholder}
        />
      )}
      <FieldError name={name} error={error} />
    </div>
  );
}
