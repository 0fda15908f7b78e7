import { useState } from "preact/hooks";
import type { ComponentType } from "preact";
import type { Mobility } from "./useMobility";
import { useLazyComponent } from "./useLazyComponent";

type Section = ComponentType<{ tracker: Mobility }>;

interface Props {
  tracker: Mobility;
  title: string;
  /** Loads the section's component: its code is fetched only when the runner opens the section. */
  load: () => Promise<Section>;
  /** Open (and load) at once, e.g. when the section already holds the runner's data. */
  open?: boolean;
}

/**
 * A disclosure whose content, and the code behind it, arrive on first opening. When the code cannot
 * be fetched (the runner went offline since the page loaded) it says so and offers to try again.
 */
export function LazySection({ tracker, title, load, open = false }: Props) {
  const [wanted, setWanted] = useState(open);
  const { View, failed, retry } = useLazyComponent(wanted, load);
  return (
    <details
      open={open}
      class="rounded-xl border border-line p-4"
      onToggle={(e) => {
        if (e.currentTarget.open) setWanted(true);
      }}
    >
      <summary class="cursor-pointer">
        <h3 class="inline font-display text-xl font-bold">{title}</h3>
      </summary>
      <div class="mt-4" aria-busy={wanted && !View && !failed}>
        {View ? (
          <View tracker={tracker} />
        ) : failed ? (
          <p role="alert" class="text-sm">
            This part could not be loaded: check your connection, then try again (or reload the page).{" "}
            <button type="button" class="font-semibold underline" onClick={retry}>
              Try again
            </button>
          </p>
        ) : (
          <p class="text-sm text-muted">Loading…</p>
        )}
      </div>
    </details>
  );
}
