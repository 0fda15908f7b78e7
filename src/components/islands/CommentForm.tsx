/**
 * The comment form under an article and on its comments page. The server renders it complete (the
 * values and errors of a plain-HTML post, the signed form token, the honeypot), so it posts without
 * JavaScript; once hydrated it sends JSON without a page load, shows the server's message next to
 * each field, takes the new token of a "press Post once more" answer, and on success replaces
 * itself with the thanks message and moves focus there. Validation is the server's (one schema,
 * one set of messages); nothing is stored in the browser.
 */
import { useRef, useState } from "preact/hooks";
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD } from "../../lib/inquiry/fields.ts";
import { Field } from "./comment-form/Field.tsx";
import { send } from "./comment-form/send.ts";

type Values = Partial<Record<"name" | "email" | "comment" | "notify", string>>;
type Errors = Readonly<Record<string, string>>;

interface Props {
  /** Where the form posts: the article's comments page. */
  action: string;
  coachName: string;
  formToken: string | undefined;
  values?: Values;
  errors?: Errors;
  /** A problem with the whole submission (rate limit, server unavailable, send once more). */
  message?: string | undefined;
  /** Field limits (COMMENT_LIMITS), passed in so the schema stays out of the browser bundle. */
  limits: { nameMax: number; emailMax: number; bodyMax: number };
  /** The sentence shown after a successful post. */
  received: string;
}

export default function CommentForm(props: Props) {
  const [values, setValues] = useState<Values>(props.values ?? {});
  const [errors, setErrors] = useState<Errors>(props.errors ?? {});
  const [message, setMessage] = useState(props.message ?? "");
  const [token, setToken] = useState(props.formToken ?? "");
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const input = (name: string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
  };
  const say = (text: string) => {
    setMessage(text);
    requestAnimationFrame(() => {
      (form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? alert.current)?.focus();
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (sending || !form.current) return;
    const body: Record<string, string | boolean> = {};
    for (const [name, value] of new FormData(form.current)) if (typeof value === "string") body[name] = value;
    body["notify"] = values.notify === "on";
    setSending(true);
    send(props.action, body).then(
      ({ status, answer }) => {
        setSending(false);
        if (status === 201) {
          setDone(true);
          requestAnimationFrame(() => thanks.current?.focus());
          return;
        }
        if (answer.formToken) setToken(answer.formToken);
        setErrors(answer.errors ?? {});
        say(answer.message ?? `Your comment could not be sent (error ${status}). Please try again.`);
      },
      () => {
        setSending(false);
        say("Your comment could not be sent: check your connection and press Post again. Nothing you typed is lost.");
      },
    );
  };

  if (done) {
    return (
      <p
        ref={thanks}
        tabIndex={-1}
        role="status"
        class="rounded-2xl border-2 border-accent bg-surface p-5 font-semibold"
      >
        {props.received}
      </p>
    );
  }
  const invalidCount = Object.keys(errors).filter((key) => key !== "form").length;
  const summary = message || errors["form"] || (invalidCount > 0 ? "Please check the highlighted fields." : "");
  return (
    <form
      ref={form}
      method="post"
      action={props.action}
      noValidate
      onSubmit={submit}
      aria-labelledby="comment-form-heading"
      class="grid gap-4 rounded-2xl border border-line bg-surface p-5 sm:p-6"
    >
      <h3 id="comment-form-heading" class="font-display text-xl font-bold">
        Ask a question or leave a comment
      </h3>
      <div
        ref={alert}
        role="alert"
        tabIndex={-1}
        class="rounded-lg border-2 border-accent p-3 font-semibold empty:hidden"
      >
        {summary}
      </div>
      <p class="text-sm text-muted">{props.coachName} reads every comment before it appears here.</p>
      <Field
        name="name"
        label="Name"
        hint="Shown with your comment."
        required
        autoComplete="name"
        maxLength={props.limits.nameMax}
        value={values.name ?? ""}
        error={errors["name"]}
        onInput={input}
      />
      <Field
        name="comment"
        label="Comment"
        hint="Plain text. Links to web pages are fine; more than two and your comment waits for a closer look."
        required
        rows={6}
        maxLength={props.limits.bodyMax}
        value={values.comment ?? ""}
        error={errors["comment"]}
        onInput={input}
      />
      <Field
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        hint={`Never shown. Needed only if you want an email when ${props.coachName} replies.`}
        maxLength={props.limits.emailMax}
        value={values.email ?? ""}
        error={errors["email"]}
        onInput={input}
      />
      <label class="flex items-start gap-2">
        <input
          type="checkbox"
          name="notify"
          checked={values.notify === "on"}
          onChange={(event) => {
            input("notify", event.currentTarget.checked ? "on" : "");
          }}
          class="mt-1 h-5 w-5 shrink-0 accent-[var(--rs-accent)]"
        />
        <span>Email me when {props.coachName} replies (one click in that email stops them).</span>
      </label>
      <div class="absolute -left-[9999px] h-px w-px overflow-hidden" aria-hidden="true">
        <label for="comment-website">Leave this field empty</label>
        <input id="comment-website" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" value="" />
      </div>
      {token && <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />}
      <button
        type="submit"
        disabled={sending}
        class="justify-self-start rounded-lg bg-accent px-6 py-3 font-semibold text-accent-ink hover:opacity-90 disabled:opacity-60"
      >
        Post comment
      </button>
    </form>
  );
}
