/**
 * The form's conversation with the visitor and the server: the message per field (checked with the
 * shared schema when a field is left and on Send), the form's alert, the one-time token, sending
 * once (Send is disabled while an inquiry travels), and focus on the first problem, the alert or
 * the confirmation. With no connection nothing is sent and the alert says so; a failed send keeps
 * everything. The schema's code (zod) is fetched once the visitor starts on the form (`prepare`):
 * if it cannot be fetched, the server's answer names the problems instead.
 */
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { RefObject } from "preact";
import { FORM_ERROR_KEY } from "../../../lib/inquiry/fields.ts";
import type { FieldErrors } from "../../../lib/inquiry/input.ts";
import type { check as Check } from "./check";
import checkUrl from "./check.ts?chunk";
import { forgetDraft, formBody } from "./draft";
import { send } from "./send";
import type { Picker } from "./usePicker";
import { describeTime } from "./SlotTime";

const CHECK = "Please check the highlighted fields.";
const OFFLINE =
  "You are offline: your inquiry cannot be sent until the connection returns. Everything you typed stays on this device; press Send once you are back online.";
const BACK_ONLINE = "You are back online: press Send to send your inquiry.";
const FAILED = "Your inquiry could not be sent: check your connection and press Send again. Nothing you typed is lost.";
/** The first field with a problem, in page order: an invalid control, or the picker's message. */
const INVALID = '[aria-invalid="true"], #slot-error[tabindex]';

let checker: Promise<typeof Check> | undefined;
/** The schema check, fetched once; a failed fetch (offline) is tried again on the next call. */
function loadCheck(): Promise<typeof Check> {
  checker ??= (import(/* @vite-ignore */ checkUrl) as Promise<{ check: typeof Check }>).then(
    (module) => module.check,
    (error: unknown) => {
      checker = undefined;
      throw error;
    },
  );
  return checker;
}

/** Read at each use: the answer changes while a send is on its way. */
const isOnline = () => navigator.onLine;

export function without(errors: FieldErrors, field: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([name]) => name !== field));
}

/** The alert a server-rendered form opens with: the form's message, or how many fields to check. */
function summary(message: string | undefined, errors: FieldErrors): string {
  const count = Object.keys(errors).filter((key) => key !== FORM_ERROR_KEY).length;
  const fields = count === 1 ? "highlighted field" : `${count} highlighted fields`;
  return message ?? errors[FORM_ERROR_KEY] ?? (count > 0 ? `Please check the ${fields}.` : "");
}

interface Refs {
  form: RefObject<HTMLFormElement>;
  alert: RefObject<HTMLDivElement>;
  panel: RefObject<HTMLDivElement>;
}

export function useSubmission(
  sent: { errors: FieldErrors; formMessage?: string | undefined; formToken: string | undefined },
  picker: Picker,
  refs: Refs,
) {
  const [errors, setErrors] = useState(sent.errors);
  const [alert, setAlert] = useState(() => summary(sent.formMessage, sent.errors));
  const [token, setToken] = useState(sent.formToken);
  const [sending, setSending] = useState(false);
  const [received, setReceived] = useState<{
    reference: string;
    confirmationEmail: boolean;
    booked: string | undefined;
  }>();
  const [focus, setFocus] = useState<{ first: boolean }>();
  const touched = useRef(new Set<string>()).current;
  const busy = useRef(false);

  useLayoutEffect(() => {
    const invalid = focus?.first && refs.form.current?.querySelector<HTMLElement>(INVALID);
    (received ? refs.panel.current : focus && (invalid || refs.alert.current))?.focus();
  }, [focus, received]);

  useEffect(() => {
    const offline = () => {
      setAlert(OFFLINE);
    };
    const online = () => {
      setAlert((text) => (text === OFFLINE ? BACK_ONLINE : text));
    };
    if (!isOnline()) offline();
    addEventListener("offline", offline);
    addEventListener("online", online);
    return () => {
      removeEventListener("offline", offline);
      removeEventListener("online", online);
    };
  }, []);

  const submit = async (form: HTMLFormElement) => {
    const found = (await loadCheck().catch(() => undefined))?.(form) ?? {};
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAlert(CHECK);
      setFocus({ first: true });
      return;
    }
    if (!isOnline()) {
      setAlert(OFFLINE);
      setFocus({ first: false });
      return;
    }
    setSending(true);
    setAlert("");
    try {
      const outcome = await send(form.action, formBody(form, picker.slot));
      if (outcome.reference !== undefined) {
        forgetDraft();
        const { reference, confirmationEmail, slot } = outcome;
        setReceived({ reference, confirmationEmail, booked: slot ? describeTime(picker.days, slot) : undefined });
        return;
      }
      if (outcome.formToken) setToken(outcome.formToken);
      if (outcome.booking) picker.replaceOffer(outcome.booking);
      setErrors(outcome.errors);
      setAlert(outcome.message);
      setFocus({ first: true });
    } catch {
      setAlert(isOnline() ? FAILED : OFFLINE);
      setFocus({ first: false });
    } finally {
      setSending(false);
    }
  };

  return {
    errors,
    alert,
    token,
    sending,
    received,
    /** Fetches the schema's code ahead of the first check. */
    prepare: () => {
      loadCheck().catch(() => undefined);
    },
    /** Sends `form` once: presses while a send is on its way do nothing. */
    submit: (form: HTMLFormElement) => {
      if (busy.current) return;
      busy.current = true;
      void submit(form).finally(() => {
        busy.current = false;
      });
    },
    /** Checks the fields left so far (with `name`, just left), leaving the others' messages alone. */
    recheck: (form: HTMLFormElement, name: string) => {
      touched.add(name);
      loadCheck().then(
        (check) => {
          const found = check(form);
          setErrors((shown) => {
            let next = shown;
            for (const field of touched) {
              const message = found[field];
              next = message === undefined ? without(next, field) : { ...next, [field]: message };
            }
            return next;
          });
        },
        () => undefined,
      );
    },
    clearError: (name: string) => {
      setErrors((shown) => without(shown, name));
    },
  };
}
