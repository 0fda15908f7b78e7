import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";
import type { Mobility } from "./useMobility";

/**
 * Storage notices are needed only when something is wrong (unreadable, blocked, full or newer
 * data), so their code loads only then. If that code cannot be fetched, a short warning stands in.
 */
export function NoticesLoader({ m }: { m: Mobility }) {
  const needed = m.store.initial.kind === "corrupt" || !m.status.persisted;
  const [View, setView] = useState<ComponentType<{ m: Mobility }> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!needed || View) return;
    import("./Notices").then(
      ({ Notices }) => {
        setView(() => Notices);
      },
      () => {
        setFailed(true);
      },
    );
  }, [needed, View]);
  if (!needed) return null;
  if (View) return <View m={m} />;
  // The details could not be fetched (offline): the warning itself must still be seen.
  return failed ? (
    <p role="alert" class="rounded-xl border border-accent p-4 text-sm">
      Your progress may not be saved in this browser. Reload the page while online to see why and what to do.
    </p>
  ) : null;
}
