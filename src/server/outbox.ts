/**
 * The loop that sends queued email from the outbox table. Each round claims the messages that are
 * due (a lease keeps a crashed round's messages from being lost or sent twice by a second loop),
 * composes and sends them one by one, and marks each sent exactly once, or schedules a retry with
 * exponential backoff, giving up (status failed, logged) after `maxAttempts`. Because the queue lives
 * in the database, mail still pending when the process stops is sent after the next start.
 *
 * When the database cannot be written: a message the SMTP server accepted is never handed to it
 * again while only its "sent" mark is missing; the loop keeps it in memory and retries the mark
 * before anything else. A round that fails is followed by a growing pause (not an immediate retry).
 * Each message keeps one Message-ID (mail.ts), so a copy sent again after a crash between sending
 * and marking is recognisable. It knows nothing about HTTP; the store, transport, clock and logger
 * are handed in.
 */
import type { Clock } from "./clock.ts";
import type { Logger } from "./logger.ts";
import { describeError } from "./logger.ts";
import { composeDue } from "./compose.ts";
import type { ComposeContext } from "./compose.ts";
import type { MailIdentity, MailMessage } from "./mail.ts";
import type { MailTransport } from "./smtp.ts";
import type { AsyncInquiryStore } from "./async-store.ts";
import type { DueMessage } from "./store.ts";

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
  /** Pause after the first failed round; doubled after each further one up to `pollIntervalMs` (default 1 s). */
  readonly failedRoundDelayMs: number;
}

export const DEFAULT_TIMING: OutboxTiming = {
  pollIntervalMs: 15_000,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60 * 1000,
  maxAttempts: 30,
  leaseMs: 2 * 60 * 1000,
  batchSize: 10,
  failedRoundDelayMs: 1000,
};

export interface OutboxOptions {
  readonly identity: MailIdentity;
  readonly timing?: Partial<OutboxTiming>;
  /**
   * Turns a claimed row into its email (default: compose.ts's composers with `identity` and no link
   * signer). A throw counts as a failed attempt.
   */
  readonly compose?: (due: DueMessage) => MailMessage;
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
  store: Pick<AsyncInquiryStore, "claimDue" | "nextDueAt" | "markSent" | "markFailed">,
  transport: MailTransport,
  clock: Clock,
  logger: Logger,
  options: OutboxOptions,
): Outbox {
  const timing: OutboxTiming = { ...DEFAULT_TIMING, ...options.timing };
  const defaultContext: ComposeContext = { identity: options.identity, links: null, clock };
  const compose = options.compose ?? ((due: DueMessage) => composeDue(due, defaultContext));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<RoundReport> | undefined;
  /** Failed rounds in a row, for the pause before the next one. */
  let failedRounds = 0;
  /** Messages the SMTP server accepted whose "sent" mark could not be written yet. */
  const unmarked = new Set<number>();

  /** Retries the marks that failed; throws (ending the round) while the database still refuses. */
  async function markUnmarked(): Promise<number> {
    let marked = 0;
    for (const id of [...unmarked]) {
      if (await store.markSent(id, clock.now())) marked += 1;
      unmarked.delete(id);
    }
    return marked;
  }

  async function sendDue(): Promise<RoundReport> {
    let sent = await markUnmarked();
    let failed = 0;
    let markError: Error | undefined;
    for (;;) {
      const due = await store.claimDue(clock.now(), timing.leaseMs, timing.batchSize);
      for (const claimed of due) {
        const { message } = claimed;
        // Stopping: the rest of the batch stays claimed and goes out after the lease, on the next start.
        if (stopped) break;
        if (unmarked.has(message.id)) continue;
        try {
          await transport.send(compose(claimed));
        } catch (error) {
          failed += 1;
          const giveUp = message.attempts >= timing.maxAttempts;
          const retryAt = giveUp ? null : new Date(clock.now().getTime() + backoffDelay(message.attempts, timing));
          await store.markFailed(message.id, describeError(error), retryAt);
          const fields = {
            message: message.id,
            inquiry: message.inquiryId ?? undefined,
            kind: message.kind,
            attempts: message.attempts,
          };
          if (giveUp)
            logger.error("email given up after repeated failures", { ...fields, error: describeError(error) });
          else logger.warn("email failed, will retry", { ...fields, retryAt: retryAt?.toISOString() });
          continue;
        }
        // From here on the message is delivered: whatever happens to the mark, it is not sent again.
        unmarked.add(message.id);
        try {
          if (await store.markSent(message.id, clock.now())) sent += 1;
          else logger.warn("email sent but was no longer pending", { message: message.id });
          unmarked.delete(message.id);
        } catch (error) {
          // The rest of the batch is still sent (its leases would otherwise hold it for minutes);
          // the round then counts as failed, and the next one writes the missing marks first.
          markError ??= error instanceof Error ? error : new Error(String(error));
        }
      }
      if (markError !== undefined) throw markError;
      if (due.length < timing.batchSize || stopped) return { sent, failed };
    }
  }

  function round(): Promise<RoundReport> {
    current ??= sendDue()
      .then((report) => {
        failedRounds = 0;
        return report;
      })
      .catch((error: unknown) => {
        failedRounds += 1;
        // One line per failure streak step, not per retry at full speed.
        logger.error("outbox round failed", {
          error: describeError(error),
          failedRounds,
          unmarked: unmarked.size,
        });
        return { sent: 0, failed: 0 };
      })
      .finally(() => {
        current = undefined;
        void schedule();
      });
    return current;
  }

  async function schedule(): Promise<void> {
    if (stopped) return;
    clearTimeout(timer);
    let delay = timing.pollIntervalMs;
    if (failedRounds > 0) {
      delay = Math.min(timing.pollIntervalMs, timing.failedRoundDelayMs * 2 ** Math.min(failedRounds - 1, 20));
    } else if (unmarked.size === 0) {
      try {
        const next = await store.nextDueAt();
        if (next !== undefined) delay = Math.min(delay, Math.max(0, next.getTime() - clock.now().getTime()));
      } catch (error) {
        logger.error("outbox could not read the queue", { error: describeError(error) });
      }
    }
    // `stop` may have been called while the queue was being read.
    if (stopped as boolean) return;
    clearTimeout(timer);
    timer = setTimeout(() => void round(), delay);
    timer.unref();
  }

  queueMicrotask(() => {
    if (!stopped) void round();
  });

  return {
    wake() {
      if (stopped || current !== undefined || failedRounds > 0) return;
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
      // One last try at the marks the database refused, so a restart does not send those again.
      if (unmarked.size > 0) {
        await markUnmarked().catch((error: unknown) => {
          logger.error("stopping with emails sent but not marked; they may be sent again after a restart", {
            error: describeError(error),
            unmarked: [...unmarked].join(","),
          });
        });
      }
    },
  };
}
