/**
 * The 25-day mobility tracker island: progress, self-tests and the runner's data tools. It renders
 * nothing until it runs in a browser, because none of it works without JavaScript; the program
 * itself is plain HTML around it. Progress rules and storage live in src/lib/mobility.
 */
import { DataTools } from "./mobility-tracker/DataTools";
import { Notices } from "./mobility-tracker/Notices";
import { Progress } from "./mobility-tracker/Progress";
import { SelfTests } from "./mobility-tracker/SelfTests";
import { useMobility } from "./mobility-tracker/useMobility";

export default function MobilityTracker() {
  const m = useMobility();
  // Before hydration: an empty box, so client:visible has an element to watch and no dead controls show.
  if (!m) return <div class="h-1" aria-hidden="true" />;
  return (
    <section
      aria-labelledby="tracker-heading"
      class="not-prose my-8 grid gap-8 rounded-2xl border border-line bg-surface p-4 sm:p-6"
    >
      <h2 id="tracker-heading" class="font-display text-2xl font-extrabold tracking-tight">
        Your 25-day tracker
      </h2>
      <Notices m={m} />
      <Progress m={m} />
      <SelfTests m={m} />
      <DataTools m={m} />
    </section>
  );
}
