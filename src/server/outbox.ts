/**
 * The loop that sends queued email from the outbox table. Each round claims the messages that are
 * due (a lease keeps a crashed round's messages from being lost or sent twice by a second loop),
 * composes and sends them one by one, and marks each sent exactly once, or schedules a retry with
 * exponential backoff, giving up (status failed, logged) after `maxAttempts`. Because the queue lives
 * in the database, mail still pending when the process stops is sent after the next start. It
 * knows nothing about HTTP; the store, transport, clock and logger are handed in.
 */
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import { composeMessage } from "./mail.ts";
import type { MailIdentity } from "./mail.ts";
import type { MailTransport } from "./smtp.ts";
import type { InquiryStore } from "./store.ts";

export interface OutboxTiming {
  /** How often the loop looks for due mail when nothing wakes it (default 15 s). */
  readonly pollIntervalMs: number;
  /** Delay after the first failed attempt; doubled after each further one (default 30 s). */
  readonly baseDelayMs: number;
  /** The longest delay between attempts (default 1 h). */
  readonly maxDelayMs: number;
  /** Attempts before a message is given up as failed (default 30, about a day of retrying). */
  readonly maxAttempts: number;
  /** How long a claimed message stays locked to this round (default 2 min). */
  readonly leaseMs: number;
  /** Messages claimed per round (default 10). */
  readonly batchSize: number;
}

export const DEFAULT_TIMING: OutboxTiming = {
  pollIntervalMs: 15_000,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 30,
  leaseMs: 2 * 60 * 1000,
  batchSize: 10,
};

export interface OutboxOptions {
  readonly identity: MailIdentity;
  readonly timing?: Partial<OutboxTiming>;
}

export interface RoundReport {
  readonly sent: number;
  readonly failed: number;
}

export interface Outbox {
  /** Looks for due mail now instead of at the next poll (after a new inquiry is stored). */
  wake(): void;
  /** Runs a sending round now (after any round already running) and reports it; works after stop too. */
  runOnce(): Promise<RoundReport>;
  /** Stops the loop; resolves when a round in progress has finished. The transport is left open. */
  stop(): Promise<void>;
}

/** The wait before the next attempt after `attempts` failed attempts: base·2^(attempts−1), capped. */
export function backoffDelay(attempts: number, timing: Pick<OutboxTiming, "baseDelayMs" | "maxDelayMs">): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** exponent);
}

/** Starts the sending loop: a first round right away, then on every poll or wake. */
export function startOutbox(
  store: InquiryStore,
  transport: MailTransport,
  clock: Clock,
  logger: Logger,
  options: OutboxOptions,
): Outbox {
  const timing: OutboxTiming = { ...DEFAULT_TIMING, ...options.timing };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<RoundReport> | undefined;

  async function sendDue(): Promise<RoundReport> {
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = store.claimDue(clock.now(), timing.leaseMs, timing.batchSize);
      for (const { message, inquiry } of due) {
        try {
          await transport.send(composeMessage(message.kind, inquiry, options.identity, message.id));
        } catch (error) {
          failed += 1;
          const giveUp = message.attempts >= timing.maxAttempts;
          const retryAt = giveUp ? null : new Date(clock.now().getTime() + backoffDelay(message.attempts, timing));
          store.markFailed(message.id, describeError(error), retryAt);
          const fields = { message: message.id, inquiry: inquiry.id, kind: message.kind, attempts: message.attempts };
          if (giveUp)
            logger.error("email given up after repeated failures", { ...fields, error: describeError(error) });
          else logger.warn("email failed, will retry", { ...fields, retryAt: retryAt?.toISOString() });
          continue;
        }
        if (store.markSent(message.id, clock.now())) sent += 1;
        else logger.warn("email sent but was no longer pending", { message: message.id });
      }
      if (due.length < timing.batchSize || stopped) return { sent, failed };
    }
  }

  function round(): Promise<RoundReport> {
    current ??= sendDue()
      .catch((error: unknown) => {
        logger.error("outbox round failed", { error: describeError(error) });
        return { sent: 0, failed: 0 };
      })
      .finally(() => {
        current = undefined;
        schedule();
      });
    return current;
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    let delay = timing.pollIntervalMs;
    try {
      const next = store.nextDueAt();
      if (next !== undefined) delay = Math.min(delay, Math.max(0, next.getTime() - clock.now().getTime()));
    } catch (error) {
      logger.error("outbox could not read the queue", { error: describeError(error) });
    }
    timer = setTimeout(() => void round(), delay);
    timer.unref();
  }

  queueMicrotask(() => {
    if (!stopped) void round();
  });

  return {
    wake() {
      if (stopped || current !== undefined) return;
      clearTimeout(timer);
      timer = setTimeout(() => void round(), 0);
      timer.unref();
    },
    async runOnce() {
      if (current !== undefined) await current;
      return round();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
