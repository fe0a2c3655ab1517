import type Stripe from 'stripe';
import { createRateLimiter } from '../rate-limit';
import { scanByWindows, type ListParams, type ScanResult } from '../scan/scanner';
import { isStripeError } from '../stripe/errors';

/** Stripe's per-endpoint limit is 25 requests/s; one below it leaves room for the account's other calls. */
export const SCAN_RATE_PER_SECOND = 24;
/** Zapier stops a step at 30 s; the scan ends by 24 s, leaving time for the final retrieve. */
export const SCAN_BUDGET_MS = 24_000;

export type SessionScanOptions = {
  from: number;
  to: number;
  filters: Omit<Stripe.Checkout.SessionListParams, 'created' | 'limit' | 'starting_after'>;
  onSessions(sessions: Stripe.Checkout.Session[]): number | null | void;
  deadline: number;
  ratePerSecond?: number;
};

const RETRYABLE = new Set(['StripeRateLimitError', 'StripeAPIError', 'StripeConnectionError']);

export function isRetryableStripeError(err: unknown): boolean {
  return isStripeError(err) && RETRYABLE.has(err.type);
}

/** The one scanner for checkout sessions, shared by the find search and the metrics search. */
export function scanCheckoutSessions(
  stripe: Stripe,
  options: SessionScanOptions,
): Promise<ScanResult> {
  const rate = options.ratePerSecond ?? SCAN_RATE_PER_SECOND;
  return scanByWindows<Stripe.Checkout.Session>({
    fetchPage: (params: ListParams) =>
      stripe.checkout.sessions.list({ ...options.filters, ...params }, { maxNetworkRetries: 0 }),
    from: options.from,
    to: options.to,
    onItems: options.onSessions,
    deadline: options.deadline,
    // The scanner keeps to `rate` in any one second itself; a bucket of `rate` never holds it back.
    limiter: createRateLimiter(rate, rate),
    ratePerSecond: rate,
    isRetryable: isRetryableStripeError,
  });
}

/** "2026-10-03 14:05 UTC" */
export function shortTime(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
