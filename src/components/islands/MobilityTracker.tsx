/**
 * The 25-day mobility tracker island: progress, self-tests and the runner's data tools. It renders
 * nothing until it runs in a browser, because none of it works without JavaScript; the program
 * itself is plain HTML around it. Progress rules and storage live in src/lib/mobility.
 */
import { NoticesLoader } from "./mobility-tracker/NoticesLoader";
import { Progress } from "./mobility-tracker/Progress";
import { LazySection } from "./mobility-tracker/LazySection";
import { useMobility } from "./mobility-tracker/useMobility";

const loadSelfTests = () => import("./mobility-tracker/SelfTests").then((mod) => mod.SelfTests);
const loadDataTools = () => import("./mobility-tracker/DataTools").then((mod) => mod.DataTools);

export default function MobilityTracker() {
  const tracker = useMobility();
  // Before hydration: an empty box, so client:visible has an element to watch and no dead controls show.
  if (!tracker) return <div class="h-1" aria-hidden="true" />;
  return (
    <section
      aria-labelledby="tracker-heading"
      class="not-prose my-8 grid gap-8 rounded-2xl border border-line bg-surface p-4 sm:p-6"
    >
      <h2 id="tracker-heading" class="font-display text-2xl font-extrabold tracking-tight">
        Your 25-day tracker
      </h2>
      <NoticesLoader tracker={tracker} />
      <Progress tracker={tracker} />
      <LazySection
        tracker={tracker}
        title="Self-tests: day 1 and day 25"
        load={loadSelfTests}
        open={Object.keys(tracker.state.selfTests).length > 0}
      />
      <LazySection tracker={tracker} title="Export, import, reminder and reset" load={loadDataTools} />
    </section>
  );
}
