import { useEffect, useState } from "preact/hooks";
import type { ComponentType } from "preact";

/**
 * The component `load` resolves to, fetched once `wanted` turns true. `failed` is set when its code
 * could not be fetched (the runner went offline since the page loaded); `retry` fetches again.
 * `load` must keep its identity across renders (a module-level function).
 */
export function useLazyComponent<P>(wanted: boolean, load: () => Promise<ComponentType<P>>) {
  const [View, setView] = useState<ComponentType<P> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || View || failed) return;
    load().then(
      (loaded) => {
        setView(() => loaded);
      },
      () => {
        setFailed(true);
      },
    );
  }, [wanted, View, failed, load]);
  return {
    View,
    failed,
    retry: () => {
      setFailed(false);
    },
  };
}
