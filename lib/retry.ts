import { isStripeError } from './stripe/errors';

/**
 * When a step retries a Stripe call, and how long it waits first: the one policy.
 *
 * - A single call (the default client, webhook lookups): the SDK retries it `SDK_RETRIES` time(s)
 *   — what Stripe marks retryable (409, 5xx, `Stripe-Should-Retry`, a dropped connection) — with
 *   its own backoff, inside the client's timeout.
 * - Calls a step makes many times against its deadline retry here, after a jittered pause, only
 *   while the step's deadline leaves time; each policy names the errors it retries. They turn the
 *   SDK's retry off (`NO_SDK_RETRY` per request): it would start a second full timeout after the
 *   first, which the deadline knows nothing of. Bulk refunds retry here what the SDK would have
 *   (a dropped connection, a 5xx, a 409: once, safe under each refund's idempotency key), and 429s.
 */
export const SDK_RETRIES = 1;
export const NO_SDK_RETRY = { maxNetworkRetries: 0 } as const;

export interface RetryPolicy {
  /** Stripe error types (`err.type`) worth another try. */
  errors: ReadonlySet<string>;
  /** The shortest pause before the next try; up to `jitterMs` more, at random. */
  pauseMs: number;
  jitterMs: number;
  /** Tries that may fail in a row before the error is given up on. */
  maxInARow: number;
}

/**
 * Bulk refunds: a 429 (another Zap or the Dashboard on the same account); anything else is the
 * payment's own outcome. Retried while the deadline allows.
 */
export const REFUND_RETRY: RetryPolicy = {
  errors: new Set(['StripeRateLimitError']),
  pauseMs: 250,
  jitterMs: 500,
  maxInARow: Number.POSITIVE_INFINITY,
};

/**
 * Bulk refunds: the SDK's one retry, made by the gate instead (lib/refunds/gate.ts) so it starts
 * only when the deadline leaves it time: no clear answer (a dropped connection or timeout, a 5xx,
 * a 409 conflict), tried once more under the same idempotency key.
 */
export const REFUND_UNCLEAR_RETRY: RetryPolicy = {
  errors: new Set(['StripeConnectionError', 'StripeAPIError']),
  pauseMs: 500,
  jitterMs: 250,
  maxInARow: SDK_RETRIES,
};

/** List pages: a 429, a 5xx or a dropped connection; a page is given up after 5 failures in a row. */
export const PAGE_RETRY: RetryPolicy = {
  errors: new Set(['StripeRateLimitError', 'StripeAPIError', 'StripeConnectionError']),
  pauseMs: 400,
  jitterMs: 400,
  maxInARow: 5,
};

export function shouldRetry(policy: RetryPolicy, err: unknown): boolean {
  return isStripeError(err) && policy.errors.has(err.type);
}

/** Milliseconds to wait before the next try. */
export function retryPauseMs(policy: RetryPolicy, random: () => number = Math.random): number {
  return policy.pauseMs + Math.floor(random() * policy.jitterMs);
}
