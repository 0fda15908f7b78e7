import type { Mobility } from "./useMobility";
import { useLazyComponent } from "./useLazyComponent";

const loadNotices = () => import("./Notices").then((mod) => mod.Notices);

/**
 * Storage notices are needed only when something is wrong (unreadable, blocked, full or newer
 * data), so their code loads only then. If that code cannot be fetched, a short warning stands in.
 */
export function NoticesLoader({ tracker }: { tracker: Mobility }) {
  const needed = tracker.store.initial.kind === "corrupt" || !tracker.status.persisted;
  const { View, failed } = useLazyComponent(needed, loadNotices);
  if (!needed) return null;
  if (View) return <View tracker={tracker} />;
  // The details could not be fetched (offline): the warning itself must still be seen.
  return failed ? (
    <p role="alert" class="rounded-xl border border-accent p-4 text-sm">
      Your progress may not be saved in this browser. Reload the page while online to see why and what to do.
    </p>
  ) : null;
}
