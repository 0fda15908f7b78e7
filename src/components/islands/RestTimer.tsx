import { Component } from "preact";
import type { RestTimer as Timer } from "../../lib/strength/rest-timer";
import {
  createRestTimer,
  formatRestRemaining,
  pauseRestTimer,
  resetRestTimer,
  startRestTimer,
  tickRestTimer,
} from "../../lib/strength/rest-timer";

/**
 * The rest timer: a 3-minute countdown between heavy sets, inside the load calculator and as its own
 * island at /tools/rest-timer/; the end is announced to screen readers through a live region. While
 * it runs, an interval feeds the pure countdown in src/lib/strength the time that passed by the
 * page's monotonic clock.
 */
export default class RestTimer extends Component<object, Timer> {
  override state = createRestTimer();
  private interval: ReturnType<typeof setInterval> | undefined;

  override componentDidUpdate() {
    if (this.state.status !== "running") this.stop();
    else if (this.interval === undefined) {
      let last = performance.now();
      this.interval = setInterval(() => {
        const now = performance.now();
        this.setState((timer) => tickRestTimer(timer, now - last));
        last = now;
      }, 250);
    }
  }

  override componentWillUnmount() {
    this.stop();
  }

  private stop() {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  override render() {
    const timer = this.state;
    const running = timer.status === "running";
    return (
      <section aria-labelledby="lc-rest-heading" class="not-prose max-w-md gap-3 print:hidden" data-tool>
        <h3 id="lc-rest-heading">Rest between sets</h3>
        <p class="lc-figure text-6xl" role="timer" aria-label="Rest remaining">
          {formatRestRemaining(timer)}
        </p>
        <div class="mt-3 flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => {
              this.setState(running ? pauseRestTimer : startRestTimer);
            }}
          >
            {running ? "Pause" : timer.status === "paused" ? "Resume" : "Start rest"}
          </button>
          <button
            type="button"
            disabled={timer.status === "ready"}
            onClick={() => {
              this.setState(resetRestTimer);
            }}
          >
            Reset
          </button>
        </div>
        <p aria-live="assertive" class="mt-2 font-semibold text-accent">
          {timer.status === "done" ? "Rest over: start your next set." : ""}
        </p>
      </section>
    );
  }
}
