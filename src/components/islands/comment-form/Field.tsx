/**
 * One labelled control of the comment form (input or textarea) with its hint and error under it,
 * tied to it by aria-describedby; the server renders it with its value and error so the form works
 * without JavaScript.
 */
interface Props {
  name: "name" | "email" | "comment";
  label: string;
  hint?: string;
  required?: boolean;
  type?: "text" | "email";
  autoComplete?: string;
  maxLength: number;
  rows?: number;
  value: string;
  error: string | undefined;
  onInput: (name: string, value: string) => void;
}

export function Field({
  name,
  label,
  hint,
  required = false,
  type = "text",
  autoComplete,
  maxLength,
  rows,
  value,
  error,
  onInput,
}: Props) {
  const id = `comment-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    required,
    maxLength,
    value,
    class: "control",
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy,
    onInput: (event: Event) => {
      onInput(name, (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
    },
  };
  return (
    <div class="grid content-start gap-1">
      <label for={id} class="font-semibold">
        {label} <span class="text-sm font-normal text-muted">{required ? "(required)" : "(optional)"}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} class="text-sm text-muted">
          {hint}
        </p>
      )}
      {rows ? <textarea {...common} rows={rows} /> : <input {...common} type={type} autoComplete={autoComplete} />}
      {error && (
        <p id={`${id}-error`} class="text-sm font-semibold text-accent">
          {error}
        </p>
      )}
    </div>
  );
}
