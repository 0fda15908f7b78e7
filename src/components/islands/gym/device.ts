/**
 * What a gym tool asks of the phone: keep the screen on while it runs (Screen Wake Lock) and signal
 * the end of a countdown with a short tone (Web Audio, no sound file) and a vibration. Every call is
 * a no-op where the browser lacks the feature or refuses it: the countdown on screen is the tool's
 * real output, these only help. It knows nothing about what is being counted.
 */

/** A screen wake lock a tool holds while it runs. */
export interface ScreenKeeper {
  /** Wants the screen on: requests the lock now (when the page is visible) and again on return. */
  hold(): void;
  /** Stops wanting it and releases the lock it holds. */
  release(): void;
}

/**
 * The browser drops a wake lock when the page is hidden; the keeper releases its own at that moment
 * too and asks again once the page is visible, for as long as the tool still holds it.
 */
export function screenKeeper(): ScreenKeeper {
  let wanted = false;
  let lock: WakeLockSentinel | null = null;
  let asking = false;
  const drop = () => {
    const held = lock;
    lock = null;
    held?.release().catch(() => undefined);
  };
  const ask = () => {
    if (!wanted || lock || asking || document.visibilityState !== "visible" || !("wakeLock" in navigator)) return;
    asking = true;
    navigator.wakeLock.request("screen").then(
      (sentinel) => {
        asking = false;
        lock = sentinel;
        // Released while the request was on its way, or the page was hidden meanwhile.
        if (!wanted || document.visibilityState !== "visible") drop();
      },
      () => {
        asking = false;
      },
    );
  };
  const onVisibility = () => {
    if (document.visibilityState === "visible") ask();
    else drop();
  };
  return {
    hold() {
      if (!wanted) document.addEventListener("visibilitychange", onVisibility);
      wanted = true;
      ask();
    },
    release() {
      if (wanted) document.removeEventListener("visibilitychange", onVisibility);
      wanted = false;
      drop();
    },
  };
}

let audio: AudioContext | undefined;

/**
 * Call from a tap (Start): browsers let a page play sound only once a person has touched it, and
 * some (Safari) only from a context made or resumed in that moment.
 */
export function prepareSound(): void {
  try {
    audio ??= new AudioContext();
    audio.resume().catch(() => undefined);
  } catch {
    // No Web Audio: the end is still shown and announced.
  }
}

/** Two short beeps and a vibration, where the phone can do them. */
export function signalEnd(): void {
  if ("vibrate" in navigator) navigator.vibrate([200, 100, 200]);
  if (!audio) return;
  const at = audio.currentTime;
  for (const offset of [0, 0.35]) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.25, at + offset);
    volume.gain.exponentialRampToValueAtTime(0.001, at + offset + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start(at + offset);
    tone.stop(at + offset + 0.25);
  }
}
