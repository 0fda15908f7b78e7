import { useState } from "preact/hooks";
import type { MobilityState } from "../../../lib/mobility/schema";
import {
  EXPORT_MIME_TYPE,
  describeReplacement,
  exportFileName,
  exportProgress,
  importProgress,
} from "../../../lib/mobility/transfer";
import { ICS_MIME_TYPE, REMINDER_FILE_NAME, reminderCalendar } from "../../../lib/mobility/reminder";
import type { Mobility } from "./useMobility";
import { download } from "./useMobility";

interface ConfirmProps {
  id: string;
  question: string;
  yes: string;
  no: string;
  onAnswer: (yes: boolean) => void;
}

/** An inline yes/no question that must be answered before a destructive change. */
function Confirm({ id, question, yes, no, onAnswer }: ConfirmProps) {
  return (
    <div role="alertdialog" aria-labelledby={id} class="rounded-xl border-2 border-accent p-4">
      <p id={id} class="font-semibold">
        {question}
      </p>
      <div class="mt-3 flex gap-3">
        <button
          type="button"
          class="button-primary"
          onClick={() => {
            onAnswer(true);
          }}
        >
          {yes}
        </button>
        <button
          type="button"
          class="button"
          onClick={() => {
            onAnswer(false);
          }}
        >
          {no}
        </button>
      </div>
    </div>
  );
}

/** Export, import (with a confirmation of what it replaces), a calendar reminder, and reset. */
export function DataTools({ tracker }: { tracker: Mobility }) {
  const [pending, setPending] = useState<{ state: MobilityState; text: string } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [time, setTime] = useState("07:00");
  const [message, setMessage] = useState("");

  return (
    <div class="grid gap-4">
      <p class="text-sm text-muted">
        Progress is kept in this browser only. Export it to move it to another browser or keep a copy.
      </p>
      <div class="flex flex-wrap items-end gap-3">
        <button
          type="button"
          class="button"
          onClick={() => {
            const now = new Date();
            download(exportFileName(now, tracker.timeZone), EXPORT_MIME_TYPE, exportProgress(tracker.state, now));
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
            disabled={tracker.readOnly}
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
                setPending({ state: result.value, text: describeReplacement(tracker.state, result.value).text });
              });
            }}
          />
        </div>
      </div>
      {pending && (
        <Confirm
          id="tracker-import-q"
          question={`Replace your progress with the file? ${pending.text}`}
          yes="Replace my progress"
          no="Keep what I have"
          onAnswer={(yes) => {
            if (yes) tracker.commit(pending.state);
            setPending(null);
            setMessage(yes ? "Progress imported." : "");
          }}
        />
      )}
      <div class="flex flex-wrap items-end gap-3">
        <div class="grid gap-1">
          <label for="tracker-time" class="text-sm font-semibold">
            Reminder time
          </label>
          <input
            id="tracker-time"
            type="time"
            class="control"
            value={time}
            onInput={(e) => {
              setTime(e.currentTarget.value);
            }}
          />
        </div>
        <button
          type="button"
          class="button"
          onClick={() => {
            const result = reminderCalendar({
              state: tracker.state,
              now: new Date(),
              timeZone: tracker.timeZone,
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
        <Confirm
          id="tracker-reset-q"
          question="Clear every day and self-test result? This cannot be undone unless you exported a copy."
          yes="Yes, reset my progress"
          no="Cancel"
          onAnswer={(yes) => {
            if (yes) tracker.reset();
            setConfirmReset(false);
            setMessage(yes ? "Progress reset." : "");
          }}
        />
      ) : (
        <button
          type="button"
          class="justify-self-start button"
          disabled={tracker.readOnly}
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
    </div>
  );
}
