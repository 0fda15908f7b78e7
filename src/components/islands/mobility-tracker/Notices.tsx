import type { Mobility } from "./useMobility";
import { download } from "./useMobility";

/** What the runner must know about where their progress is kept, shown only when it matters. */
export function Notices({ tracker }: { tracker: Mobility }) {
  const { initial } = tracker.store;
  const notices = [];
  if (initial.kind === "corrupt") {
    notices.push(
      <div role="alert" class="rounded-xl border-2 border-accent p-4">
        <p class="font-semibold">The progress saved in this browser could not be read, so the tracker started fresh.</p>
        <p class="mt-1 text-sm">
          Nothing was thrown away: download the old data to keep it, or to send it to us if you think it should have
          worked.
        </p>
        <button
          type="button"
          class="mt-3 button"
          onClick={() => {
            download("run-smart-mobility-unreadable.txt", "text/plain", initial.raw);
          }}
        >
          Download the unreadable data
        </button>
      </div>,
    );
  }
  if (tracker.readOnly) {
    notices.push(
      <p role="alert" class="rounded-xl border-2 border-accent p-4 font-semibold">
        Your progress was saved by a newer version of this site. Reload the page to keep tracking; until then nothing
        you change here is saved, so nothing newer is overwritten.
      </p>,
    );
  } else if (!tracker.status.persisted) {
    notices.push(
      <p role="status" class="rounded-xl border-2 border-accent p-4 font-semibold">
        {tracker.status.reason === "full"
          ? "This browser's storage is full, so progress will not be saved after you leave the page."
          : "This browser is not letting the site store data (private mode or blocked cookies), so progress will not be saved after you leave the page. Export it before you go."}
      </p>,
    );
  }
  return notices.length > 0 ? <div class="grid gap-3">{notices}</div> : null;
}
