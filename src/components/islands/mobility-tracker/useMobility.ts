/**
 * The tracker's connection to the browser: opens the guarded store once per island, keeps it in
 * step with other tabs (the `storage` event) and with the other islands of the same page (a day
 * page's routine player and its "mark done" button), asks for persistent storage after the first day is
 * done, and exposes the state with a single `commit` for every change. All rules live in
 * src/lib/mobility; this only wires them to window.
 */
import { useEffect, useState } from "preact/hooks";
import type { MobilityState } from "../../../lib/mobility/schema";
import type { MobilityStore, PersistStatus } from "../../../lib/mobility/store";
import { createStore } from "../../../lib/mobility/store";
import { openStorage } from "../../../lib/storage/guarded-storage";
import { LOCAL_TIME_ZONE } from "../../../lib/calendar/civil-date";
import { shouldRequestPersistence } from "../../../lib/mobility/days";
import { PROGRESS_STORAGE_KEY, save } from "../../../lib/mobility/codec";

/**
 * The islands of this page, each told of a change another one committed: the `storage` event
 * reaches only other tabs. A change is passed as the stored text, as another tab's would be.
 */
const islands = new Set<(value: string | null) => void>();

export interface Mobility {
  store: MobilityStore;
  state: MobilityState;
  status: PersistStatus;
  /** The zone training dates are counted in: LOCAL_TIME_ZONE, as the runner is where the browser is. */
  timeZone: string;
  /** Set when another tab wrote progress from a newer version of the site. */
  readOnly: boolean;
  commit: (next: MobilityState) => void;
  reset: () => void;
}

/** Null until the island runs in a browser: nothing is rendered on the server. */
export function useMobility(): Mobility | null {
  const [store, setStore] = useState<MobilityStore | null>(null);
  const [, setVersion] = useState(0);
  const refresh = () => {
    setVersion((v) => v + 1);
  };

  useEffect(() => {
    const opened = createStore(openStorage(() => window.localStorage));
    setStore(opened);
    const onStorage = (e: StorageEvent) => {
      if (e.storageArea !== null && e.storageArea !== openStorage(() => window.localStorage)) return;
      if (opened.receive({ key: e.key, newValue: e.newValue }).action !== "ignore") refresh();
    };
    const onChange = (newValue: string | null) => {
      if (opened.receive({ key: PROGRESS_STORAGE_KEY, newValue }).action !== "ignore") refresh();
    };
    addEventListener("storage", onStorage);
    islands.add(onChange);
    return () => {
      removeEventListener("storage", onStorage);
      islands.delete(onChange);
    };
  }, []);

  if (!store) return null;
  const status = store.status();
  return {
    store,
    state: store.state(),
    status,
    timeZone: LOCAL_TIME_ZONE,
    readOnly: !status.persisted && status.reason === "read-only-newer",
    commit: (next) => {
      const before = store.state();
      store.save(next);
      if (shouldRequestPersistence(before, next)) {
        // A refusal is fine: the progress is still saved, only not protected from eviction.
        navigator.storage.persist().catch(() => undefined);
      }
      refresh();
      tell(save(next));
    },
    reset: () => {
      store.reset();
      refresh();
      tell(null);
    },
  };
}

/** Tells every island of the page of a change (the one that made it finds nothing new). */
function tell(value: string | null): void {
  for (const island of islands) island(value);
}

/** A file the runner downloads: export, reminder, or the backup of unreadable progress. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}
