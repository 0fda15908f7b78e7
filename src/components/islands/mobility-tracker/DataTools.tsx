import { useState } from "preact/hooks";
import type { MobilityState } from "../../../lib/mobility";
import {
  EXPORT_MIME_TYPE,
  ICS_MIME_TYPE,
  REMINDER_FILE_NAME,
  describeReplacement,
  exportFileName,
  exportProgress,
  importProgress,
  reminderCalendar,
} from "../../../lib/mobility";
import type { Mobility } from "./useMobility";
import { buttonClass, controlClass, download, primaryClass } from "./useMobility";

/** Export, import (with a confirmation of what it replaces), a calendar reminder, and reset. */
export function DataTools({ m }: { m: Mobility }) {
  const [pending, setPending] = useState<{ state: MobilityState; text: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [time, setTime] = useState("07:00");
  const [message, setMessage] = useState("");

  return (
    <section aria-labelledby="tracker-data" class="grid gap-4">
      <h3 id="tracker-data" class="font-display text-xl font-bold">
        Keep your progress
      </h3>
      <p class="text-sm text-muted">
        Progress is kept in this browser only. Export it to move it to another browser or keep a copy.
      </p>
      <div class="flex flex-wrap items-end gap-3">
        <button
          type="button"
          class={buttonClass}
          onClick={() => {
            const now = new Date();
            download(exportFileName(now, m.timeZone), EXPORT_MIME_TYPE, exportProgress(m.state, now));
          }}
        >
          Export progress
        </button>
        <div class="grid gap-1">
          <label for="tracker-import" class="text-sm font-semibold">
            Import progress from a file
          </label>
          <input
            id="tracker-import"
            type="file"
            accept="application/json,.json"
            class="text-sm"
            disabled={m.readOnly}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = "";
              if (!file) return;
              void file.text().then((text) => {
                const result = importProgress(text);
                if (!result.ok) {
                  setPending(null);
                  setMessage(result.error.message);
                  return;
                }
                setMessage("");
                setPending({ state: result.value, text: describeReplacement(m.state, result.value).text });
              });
            }}
          />
        </div>
      </div>
      {pending && (
        <div role="alertdialog" aria-labelledby="tracker-import-q" class="rounded-xl border-2 border-accent p-4">
          <p id="tracker-import-q" class="font-semibold">
            Replace your progress with the file? {pending.text}
          </p>
          <div class="mt-3 flex gap-3">
            <button
              type="button"
              class={primaryClass}
              onClick={() => {
                m.commit(pending.state);
                setPending(null);
                setMessage("Progress imported.");
              }}
            >
              Replace my progress
            </button>
            <button
              type="button"
              class={buttonClass}
              onClick={() => {
                setPending(null);
              }}
            >
              Keep what I have
            </button>
          </div>
        </div>
      )}
      <div class="flex flex-wrap items-end gap-3">
        <div class="grid gap-1">
          <label for="tracker-time" class="text-sm font-semibold">
            Reminder time
          </label>
          <input
            id="tracker-time"
            type="time"
            class={controlClass}
            value={time}
            onInput={(e) => {
              setTime(e.currentTarget.value);
            }}
          />
        </div>
        <button
          type="button"
          class={buttonClass}
          onClick={() => {
            const result = reminderCalendar({
              state: m.state,
              now: new Date(),
              timeZone: m.timeZone,
              time,
              uid: `${crypto.randomUUID()}@runsmart`,
              url: new URL("/mobility/", location.href).href,
            });
            if (!result.ok) {
              setMessage(result.error.message);
              return;
            }
            download(REMINDER_FILE_NAME, ICS_MIME_TYPE, result.value.ics);
            setMessage(`Reminder file ready: ${result.value.count} daily reminders from ${result.value.firstDate}.`);
          }}
        >
          Add a daily reminder
        </button>
      </div>
      {confirmReset ? (
        <div role="alertdialog" aria-labelledby="tracker-reset-q" class="rounded-xl border-2 border-accent p-4">
          <p id="tracker-reset-q" class="font-semibold">
            Clear every day and self-test result? This cannot be undone unless you exported a copy.
          </p>
          <div class="mt-3 flex gap-3">
            <button
              type="button"
              class={primaryClass}
              onClick={() => {
                m.reset();
                setConfirmReset(false);
                setMessage("Progress reset.");
              }}
            >
              Yes, reset my progress
            </button>
            <button
              type="button"
              class={buttonClass}
              onClick={() => {
                setConfirmReset(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class={`${buttonClass} justify-self-start`}
          disabled={m.readOnly}
          onClick={() => {
            setConfirmReset(true);
          }}
        >
          Reset progress
        </button>
      )}
      <p role="status" class="text-sm font-semibold">
        {message}
      </p>
    </section>
  );
}
