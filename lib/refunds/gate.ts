import type Stripe from 'stripe';
import {
  NO_SDK_RETRY,
  REFUND_RETRY,
  REFUND_UNCLEAR_RETRY,
  retryPauseMs,
  shouldRetry,
  type RetryPolicy,
} from '../retry';
import { STRIPE_TIMEOUT_MS } from '../stripe/client';
import type { StepLimiter } from '../stripe/limiter';
import type { CallGate } from './resolve';

/**
 * Kept back from the step deadline to build and return the report: every call of a bulk run has
 * been answered or cut off by then (Zapier abandons the step at 30 s and the report with it).
 */
export const REPORT_RESERVE_MS = 500;
/**
 * The least time a call starts with. A refund gets more than a read: one cut off leaves its
 * outcome unknown until a re-run, while an unstarted one is simply left for the next run.
 */
export const MIN_READ_MS = 1_000;
export const MIN_WRITE_MS = 2_000;

/** Not started: the step's time ran out first (nothing was sent for it). */
export class OutOfTime extends Error {
  constructor() {
    super("Not started: the step's time ran out.");
  }
}
/** Not started: the run stopped (Stripe rejected the key midway). */
export class Stopped extends Error {}
/** A refund Stripe had not answered when the step's time ran out: it may or may not be made. */
export class NoAnswerInTime extends Error {
  constructor() {
    super(
      "Stripe had not answered when the step's time ran out: it may or may not have been made.",
    );
  }
}

const isWrite = (endpoint: string) => endpoint.startsWith('POST ');

/**
 * Pure: the options of one try of `endpoint` started at `at`, or null when too little time is
 * left. The timeout ends the try before `deadline` less the report's reserve, and the SDK never
 * retries by itself: its retry would start a second full timeout the deadline knows nothing of
 * (and bypass the rate limiter); the gate retries instead, while the deadline allows.
 */
export function tryOptions(
  endpoint: string,
  at: number,
  deadline: number,
): Stripe.RequestOptions | null {
  const left = deadline - REPORT_RESERVE_MS - at;
  if (left < (isWrite(endpoint) ? MIN_WRITE_MS : MIN_READ_MS)) return null;
  return { timeout: Math.min(STRIPE_TIMEOUT_MS, left), ...NO_SDK_RETRY };
}

/** A write's error after which Stripe may or may not have acted. */
const unclear = (err: unknown) =>
  err instanceof NoAnswerInTime || shouldRetry(REFUND_UNCLEAR_RETRY, err);

export interface GateClock {
  /** Epoch ms by which the step must be able to answer (lib/budget.ts `stepDeadline`). */
  deadline: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/**
 * A backstop for what a timeout cannot bound: stripe-node retries a reset connection once even
 * with retries off. The call is no longer waited for after `at`; a refund's outcome is then
 * unknown, a read's simply not reached.
 */
function settledBy<T>(call: Promise<T>, at: number, clock: GateClock, write: boolean): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cutOff = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(write ? new NoAnswerInTime() : new OutOfTime()),
      Math.max(0, at - clock.now()),
    );
  });
  call.catch(() => undefined);
  return Promise.race([call, cutOff]).finally(() => clearTimeout(timer));
}

/**
 * The gate every Stripe call of a bulk run passes. It waits for the step's limiter (by endpoint),
 * then builds the try's options from the time left (`tryOptions`), so no call outlives the
 * deadline. It retries a 429 while time allows, and a dropped connection, a 5xx or a 409 once (as
 * the SDK would have, under the same idempotency key). A refund whose try may have reached Stripe
 * is never turned into "not attempted": its last unclear error is thrown instead.
 */
export function bulkGate(
  run: { stopped: string | null },
  limiter: StepLimiter,
  clock: GateClock,
): CallGate {
  const callsEnd = clock.deadline - REPORT_RESERVE_MS;
  const backstop = clock.deadline - REPORT_RESERVE_MS / 2;
  return async (endpoint, call) => {
    const write = isWrite(endpoint);
    const failures = new Map<RetryPolicy, number>();
    let unknown: unknown = null;
    for (;;) {
      if (run.stopped) throw unknown ?? new Stopped();
      const minMs = write ? MIN_WRITE_MS : MIN_READ_MS;
      const slot = await limiter.endpoint(endpoint, 1).take(callsEnd - minMs);
      const options = slot ? tryOptions(endpoint, clock.now(), clock.deadline) : null;
      if (!options) throw unknown ?? new OutOfTime();
      try {
        return await settledBy(call(options), backstop, clock, write);
      } catch (err) {
        if (write && unclear(err)) unknown = err;
        const policy = [REFUND_RETRY, REFUND_UNCLEAR_RETRY].find((p) => shouldRetry(p, err));
        const inARow = (policy && failures.get(policy)) ?? 0;
        if (!policy || inARow >= policy.maxInARow) throw err;
        failures.set(policy, inARow + 1);
        const wait = retryPauseMs(policy, clock.random);
        if (clock.now() + wait >= callsEnd) throw unknown ?? new OutOfTime();
        await clock.sleep(wait);
      }
    }
  };
}
