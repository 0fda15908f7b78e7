/**
 * Progressive enhancement of the server-rendered inquiry form: the same schema the server uses
 * checks each field when the visitor leaves it and the whole form on submit; a valid inquiry is
 * sent as JSON without a page load, once (the button is disabled while it is on its way); the
 * reference is shown and focused on success. A draft is kept in sessionStorage so an accidental
 * reload loses nothing; storage that throws is ignored. Without this script the form posts normally.
 * With no connection (the page may come from the service worker's copy) nothing is sent and the
 * form says so plainly, keeps the draft, and says when Send will work again: never a success it
 * cannot know.
 */
import {
  FORM_ERROR_KEY,
  FORM_TOKEN_FIELD,
  HONEYPOT_FIELD,
  CONFIRMATION_ON_ITS_WAY,
  RECEIVED_HEADING,
  RECEIVED_NEXT,
  parseInquiry,
} from "../../lib/inquiry/index.ts";
import { guardStorage } from "../../lib/storage/guarded-storage.ts";

const DRAFT_KEY = "runsmart.inquiry.draft";
/** Fields never put in the draft: the spam trap and the server's one-time token. */
const NOT_DRAFTED = new Set([HONEYPOT_FIELD, FORM_TOKEN_FIELD]);

type Errors = Readonly<Record<string, string>>;

const OFFLINE_MESSAGE =
  "You are offline: your inquiry cannot be sent until the connection returns. Everything you typed stays on this device; press Send once you are back online.";
const BACK_ONLINE_MESSAGE = "You are back online: press Send to send your inquiry.";

// Full or blocked storage only loses the draft: the form itself works the same.
const session = guardStorage(() => sessionStorage);

function saveDraft(form: HTMLFormElement): void {
  const draft: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (!NOT_DRAFTED.has(name) && typeof value === "string") draft[name] = value;
  }
  session.write(DRAFT_KEY, JSON.stringify(draft));
}

function restoreDraft(form: HTMLFormElement): void {
  let draft: unknown;
  try {
    draft = JSON.parse(session.read(DRAFT_KEY) ?? "null");
  } catch {
    return;
  }
  if (typeof draft !== "object" || draft === null) return;
  for (const [name, value] of Object.entries(draft)) {
    if (typeof value !== "string" || NOT_DRAFTED.has(name)) continue;
    for (const field of form.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) {
      if (field.type === "checkbox") field.checked ||= value === "on";
      else if (field.type === "radio") field.checked ||= field.value === value;
      else if (field.value === "") field.value = value;
    }
  }
}

/** Shows `errors` for the fields in `only` (all fields when omitted); clears the rest of those. */
function showErrors(form: HTMLFormElement, errors: Errors, only?: ReadonlySet<string>): void {
  for (const slot of form.querySelectorAll<HTMLElement>("[data-error-for]")) {
    const name = slot.dataset["errorFor"] ?? "";
    if (only && !only.has(name)) continue;
    const message = errors[name] ?? "";
    slot.textContent = message;
    for (const field of form.querySelectorAll<HTMLElement>(`[name="${name}"]`)) {
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
      if (field.getAttribute("type") === "radio") continue;
      const ids = new Set((field.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
      if (message) ids.add(slot.id);
      else ids.delete(slot.id);
      if (ids.size > 0) field.setAttribute("aria-describedby", [...ids].join(" "));
      else field.removeAttribute("aria-describedby");
    }
  }
}

function firstInvalid(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('[aria-invalid="true"]');
}

export function enhanceInquiryForm(form: HTMLFormElement): void {
  const alert = form.querySelector<HTMLElement>("[data-form-alert]");
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const timeZone = form.querySelector<HTMLInputElement>('[name="timeZone"]');
  const touched = new Set<string>();
  let sending = false;

  restoreDraft(form);
  // The visitor's zone is suggested once they start on the form, not while the page loads: the
  // first Intl.DateTimeFormat of a page costs 20-35 ms of main thread (85-140 ms on a slow phone),
  // and most visitors read the page without filling in the form.
  form.addEventListener(
    "focusin",
    () => {
      if (timeZone && timeZone.value === "") timeZone.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    },
    { once: true },
  );

  const say = (text: string) => {
    if (alert) alert.textContent = text;
  };
  const check = () => {
    const result = parseInquiry(new FormData(form));
    return result.ok ? {} : result.errors;
  };

  form.addEventListener("input", () => {
    saveDraft(form);
  });
  if (!navigator.onLine) say(OFFLINE_MESSAGE);
  addEventListener("offline", () => {
    say(OFFLINE_MESSAGE);
  });
  addEventListener("online", () => {
    if (alert?.textContent === OFFLINE_MESSAGE) say(BACK_ONLINE_MESSAGE);
  });
  form.addEventListener("focusout", (event) => {
    const name = (event.target as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || name === "" || NOT_DRAFTED.has(name)) return;
    touched.add(name);
    showErrors(form, check(), touched);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (sending) return;
    const errors = check();
    showErrors(form, errors);
    const invalid = firstInvalid(form);
    if (invalid) {
      say("Please check the highlighted fields.");
      invalid.focus();
      return;
    }
    if (!navigator.onLine) {
      say(OFFLINE_MESSAGE);
      alert?.focus();
      return;
    }
    sending = true;
    if (button) button.disabled = true;
    say("");
    void send(form).then(
      (outcome) => {
        sending = false;
        if (button) button.disabled = false;
        if (outcome.reference) {
          succeed(form, outcome.reference, outcome.confirmationEmail === true);
          return;
        }
        if (outcome.formToken) setToken(form, outcome.formToken);
        showErrors(form, outcome.errors ?? {});
        say(outcome.message ?? outcome.errors?.[FORM_ERROR_KEY] ?? "Please check the highlighted fields.");
        (firstInvalid(form) ?? alert)?.focus();
      },
      () => {
        sending = false;
        if (button) button.disabled = false;
        say(
          navigator.onLine
            ? "Your inquiry could not be sent: check your connection and press Send again. Nothing you typed is lost."
            : OFFLINE_MESSAGE,
        );
        alert?.focus();
      },
    );
  });
}

/** Puts the token the server sent with a "send once more" answer into the form. */
function setToken(form: HTMLFormElement, token: string): void {
  let field = form.querySelector<HTMLInputElement>(`input[name="${FORM_TOKEN_FIELD}"]`);
  if (!field) {
    field = document.createElement("input");
    field.type = "hidden";
    field.name = FORM_TOKEN_FIELD;
    form.append(field);
  }
  field.value = token;
}

interface Outcome {
  reference?: string;
  confirmationEmail?: boolean;
  formToken?: string;
  errors?: Errors;
  message?: string;
}

async function send(form: HTMLFormElement): Promise<Outcome> {
  const body: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === "string") body[name] = value;
  const response = await fetch(form.action, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data: unknown = await response.json().catch(() => ({}));
  const record = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  const text = (key: string) => (typeof record[key] === "string" ? record[key] : undefined);
  const rawErrors: unknown = record["errors"];
  const errors =
    typeof rawErrors === "object" && rawErrors !== null
      ? Object.fromEntries(Object.entries(rawErrors).filter((e): e is [string, string] => typeof e[1] === "string"))
      : undefined;
  if (response.status === 201 && text("reference")) {
    return { reference: text("reference") ?? "", confirmationEmail: record["confirmationEmail"] === true };
  }
  const formToken = text("formToken");
  return {
    ...(errors ? { errors } : {}),
    ...(formToken ? { formToken } : {}),
    message: text("message") ?? `Your inquiry could not be sent (error ${response.status}). Please try again.`,
  };
}

function succeed(form: HTMLFormElement, reference: string, confirmationEmail: boolean): void {
  session.remove(DRAFT_KEY);
  const done = document.createElement("div");
  done.tabIndex = -1;
  done.setAttribute("role", "status");
  done.className = "rounded-2xl border-2 border-accent bg-surface p-6";
  const heading = document.createElement("h2");
  heading.className = "font-display text-2xl font-extrabold";
  heading.textContent = RECEIVED_HEADING;
  const text = document.createElement("p");
  text.className = "mt-2";
  text.textContent = `Your reference is ${reference}. ${RECEIVED_NEXT}${confirmationEmail ? ` ${CONFIRMATION_ON_ITS_WAY}` : ""}`;
  done.append(heading, text);
  form.replaceWith(done);
  done.focus();
}
