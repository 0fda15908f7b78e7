import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";
import type { Mobility } from "./useMobility";

/**
 * Storage notices are needed only when something is wrong (unreadable, blocked, full or newer
 * data), so their code loads only then.
 */
export function NoticesLoader({ m }: { m: Mobility }) {
  const needed = m.store.initial.kind === "corrupt" || !m.status.persisted;
  const [View, setView] = useState<ComponentType<{ m: Mobility }> | null>(null);
  useEffect(() => {
    if (!needed || View) return;
    void import("./Notices").then(({ Notices }) => {
      setView(() => Notices);
    });
  }, [needed, View]);
  return needed && View ? <View m={m} /> : null;
}
