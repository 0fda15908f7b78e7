/**
 * The rest timer between heavy sets, inside the load calculator and on its own at /tools/rest-timer/.
 * The length starts at the plan's rest (3 minutes) and can be set from 1 to 5 minutes. The time left
 * is computed from timestamps (src/lib/timing), so it is right again the moment a locked phone or a
 * background tab looks; while it runs the screen is kept on, and the end is a tone, a vibration and
 * a visible "Rest done" that screen readers announce.
 */
import { Component } from "preact";
import type { Countdown } from "../../lib/timing/countdown";
import {
  formatCountdown,
  pauseCountdown,
  remainingMs,
  resetCountdown,
  settleCountdown,
  startCountdown,
} from "../../lib/timing/countdown";
import {
  REST_BETWEEN_SETS_SECONDS,
  createRestTimer,
  restLength,
  restLengthChoices,
} from "../../lib/strength/rest-timer";
import { prepareSound, screenKeeper, signalEnd } from "./gym/device";

interface State {
  seconds: number;
  timer: Countdown;
  /** The time the display was last computed for (Date.now()). */
  now: number;
}

export default class RestTimer extends Component<{ seconds?: number }, State> {
  override state: State = (() => {
    const seconds = restLength(this.props.seconds ?? REST_BETWEEN_SETS_SECONDS);
    return { seconds, timer: createRestTimer(seconds), now: 0 };
  })();
  private interval: ReturnType<typeof setInterval> | undefined;
  private readonly screen = screenKeeper();

  private readonly update = () => {
    const now = Date.now();
    this.setState(({ timer }) => ({ now, timer: settleCountdown(timer, now) }));
  };

  override componentDidUpdate(_: unknown, before: State) {
    const { status } = this.state.timer;
    if (status === "done" && before.timer.status !== "done") signalEnd();
    if (status === "running") {
      this.interval ??= setInterval(this.update, 250);
      this.screen.hold();
    } else this.stop();
  }

  override componentWillUnmount() {
    this.stop();
  }

  private stop() {
    clearInterval(this.interval);
    this.interval = undefined;
    this.screen.release();
  }

  override render() {
    const { timer, now, seconds } = this.state;
    const running = timer.status === "running";
    const done = timer.status === "done";
    return (
      <section aria-labelledby="lc-rest-heading" class="rest not-prose max-w-md print:hidden" data-tool>
        <h3 id="lc-rest-heading">Rest between sets</h3>
        <p class={done ? "rest-figure rest-done" : "rest-figure"} role="timer" aria-label="Rest remaining">
          {formatCountdown(remainingMs(timer, now))}
        </p>
        <div class="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => {
              const at = Date.now();
              if (!running) prepareSound();
              this.setState({ now: at, timer: running ? pauseCountdown(timer, at) : startCountdown(timer, at) });
            }}
          >
            {running ? "Pause" : timer.status === "paused" ? "Resume" : "Start rest"}
          </button>
          <button
            type="button"
            disabled={timer.status === "ready"}
            onClick={() => {
              this.setState({ timer: resetCountdown(timer) });
            }}
          >
            Reset
          </button>
        </div>
        <label>
          Rest length{" "}
          <select
            value={seconds}
            disabled={running}
            onInput={(e) => {
              const length = restLength(Number(e.currentTarget.value));
              this.setState({ seconds: length, timer: createRestTimer(length) });
            }}
          >
            {restLengthChoices().map((s) => (
              <option value={s}>{formatCountdown(s * 1000)}</option>
            ))}
          </select>
        </label>
        <p aria-live="assertive" class="font-semibold text-accent">
          {done ? "Rest done: start your next set." : ""}
        </p>
      </section>
    );
  }
}
